package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the bot can say, over one snapshot of corpus and index. Hot reload swaps the snapshot;
 * a query in flight keeps the one it started with.
 */
public final class ContentService {

    /** The corpus and the searcher over the index that holds it, always changed together. */
    public record Snapshot(Corpus corpus, Searcher searcher) {}

    private static final Pattern KEY = Pattern.compile("^(.{1,200})#(\\d{1,7})-(\\d{1,7})$");
    private static final Pattern NUMBER = Pattern.compile("^#?(\\d{1,6})$");

    private volatile Snapshot snapshot;
    private final QuoteFinder quotes;
    private final AdviceOfTheDay advice;
    private final Answerer answerer;
    private final RandomGenerator random;

    public ContentService(Snapshot snapshot, RandomGenerator random) {
        this.snapshot = snapshot;
        this.random = random;
        this.quotes = new QuoteFinder(() -> this.snapshot.searcher(), () -> this.snapshot.corpus());
        this.advice = new AdviceOfTheDay(() -> this.snapshot.corpus());
        this.answerer = new Answerer(() -> this.snapshot.searcher(), () -> this.snapshot.corpus());
    }

    public void replace(Snapshot next) {
        this.snapshot = next;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public Corpus corpus() {
        return snapshot.corpus();
    }

    public List<Quote> quotes(String topic, int limit) {
        return quotes.find(topic, limit);
    }

    public Optional<Quote> advice(LocalDate date) {
        return advice.forDate(date);
    }

    public Optional<Quote> randomAdvice() {
        return advice.random(random);
    }

    public int advicePoolSize() {
        return advice.poolSize();
    }

    public Optional<Answer> answer(String question) {
        return answerer.answer(question);
    }

    /** Up to {@code n} answers from different passages, best first; empty when nothing answers. */
    public List<Answer> answers(String question, int n) {
        return answerer.answers(question, n);
    }

    /** An episode by number ({@code 73}, {@code #73}), id, or words from its title or guest. */
    public Optional<Episode> findEpisode(String query) {
        Snapshot s = snapshot;
        String q = query.trim();
        Matcher m = NUMBER.matcher(q);
        if (m.matches()) {
            List<Episode> byNumber = s.corpus().byNumber(Integer.parseInt(m.group(1)));
            return byNumber.stream().findFirst();
        }
        Optional<Episode> byId = s.corpus().get(q);
        if (byId.isPresent()) return byId;
        return s.searcher().episodes(q, 1).stream().findFirst().flatMap(h -> s.corpus().get(h.episodeId()));
    }

    public Optional<EpisodeCard> episode(String query) {
        Snapshot s = snapshot;
        return findEpisode(query).map(e -> cards.get(e, k -> EpisodeSummarizer.over(s.searcher()).card(k)));
    }

    /**
     * Cards by episode: a card analyses every sentence of its episode, and "episode 73", "#73" and
     * "andrew ng" all ask for the same one. Keyed by the Episode instance, so a re-parsed file gets
     * a new card; weak keys let replaced episodes go.
     */
    private final com.github.benmanes.caffeine.cache.Cache<dev.quotecast.transcript.Episode, EpisodeCard> cards =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(256).build();

    /** Episodes whose title or guest contain the words, for autocomplete. */
    public List<Episode> suggestEpisodes(String prefix, int limit) {
        Snapshot s = snapshot;
        String p = prefix.trim().toLowerCase();
        return s.corpus().episodes().stream()
                .filter(e -> p.isEmpty() || e.title().full().toLowerCase().contains(p)
                        || (e.title().number() != null && String.valueOf(e.title().number()).startsWith(p)))
                .limit(limit).toList();
    }

    /** The moment a key names ({@link Moment#key()}), if it still exists. */
    public Optional<Moment> moment(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) return Optional.empty();
        int first = Integer.parseInt(m.group(2)), last = Integer.parseInt(m.group(3));
        return snapshot.corpus().get(m.group(1))
                .filter(e -> first <= last && last < e.sentences().size())
                .map(e -> new Moment(e, first, last));
    }
}
