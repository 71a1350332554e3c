package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the bot can say, over one snapshot of corpus and index. Hot reload swaps the snapshot;
 * a query in flight keeps the one it started with, index view included ({@link #read}), so the
 * sentence numbers its hits carry always index the corpus they were made from.
 */
public final class ContentService {

    /** The corpus and the searcher over the index that holds it, always changed together. */
    public record Snapshot(Corpus corpus, Searcher searcher) {}

    private static final Pattern KEY = Pattern.compile("^(.{1,200})#(\\d{1,7})-(\\d{1,7})$");
    private static final Pattern NUMBER = Pattern.compile("^#?(\\d{1,6})$");

    private volatile Snapshot snapshot;
    private final AdviceOfTheDay advice;
    private final RandomGenerator random;
    private final Models models;

    public ContentService(Snapshot snapshot, RandomGenerator random) {
        this(snapshot, random, Models.shipped(), null);
    }

    /** A service answering with {@code answerModel} and nothing else learned (training's small libraries). */
    public ContentService(Snapshot snapshot, RandomGenerator random, AnswerModel answerModel) {
        this(snapshot, random, Models.none().withAnswers(answerModel), null);
    }

    /**
     * @param models what ranks answers, judges advice and quotes, tells the host from the guest ({@link Models#shipped()} in service)
     * @param adviceScores advice judged with its meaning, filled in the background; null when embeddings are off
     */
    public ContentService(Snapshot snapshot, RandomGenerator random, Models models, AdviceScores adviceScores) {
        this.snapshot = snapshot;
        this.random = random;
        this.models = models;
        this.advice = new AdviceOfTheDay(() -> this.snapshot.corpus(), models.advice(), models.host(), adviceScores);
    }

    public Models models() {
        return models;
    }

    /**
     * Serves {@code next} from now on. The replaced snapshot's index view closes once the queries
     * still running on it end.
     */
    public void replace(Snapshot next) {
        Snapshot old = this.snapshot;
        this.snapshot = next;
        if (old != next) old.searcher().close();
    }

    /** Lets go of the current snapshot's index view, for shutdown. */
    public void close() {
        snapshot.searcher().close();
    }

    /**
     * Runs {@code query} on the current snapshot, holding its index view open until it returns even
     * if a reload replaces the snapshot meanwhile.
     */
    private <T> T read(Function<Snapshot, T> query) {
        while (true) {
            Snapshot s = snapshot;
            if (s.searcher().retain()) {
                try {
                    return query.apply(s);
                } finally {
                    s.searcher().release();
                }
            }
            // replaced, and closed by its last reader, after we read it: the field holds its successor
            if (s == snapshot) throw new IllegalStateException("content service is closed");
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Passages in the index the current snapshot reads. */
    public long passageCount() {
        return read(s -> s.searcher().passageCount());
    }

    public Corpus corpus() {
        return snapshot.corpus();
    }

    public List<Quote> quotes(String topic, int limit) {
        return read(s -> new QuoteFinder(s::searcher, s::corpus, models.quotes(), models.host(), models.partsOfSpeech()).find(topic, limit))
                .stream().map(this::attributed).toList();
    }

    public Optional<Quote> advice(LocalDate date) {
        return advice.forDate(date).map(this::attributed);
    }

    public Optional<Quote> randomAdvice() {
        return advice.random(random).map(this::attributed);
    }

    /**
     * A served quote or advice with who said it ({@link HostModel#saidBy}): the speaker the
     * transcript names, or the guest; never the guest for the host's words.
     */
    private Quote attributed(Quote q) {
        return new Quote(attributed(q.moment()), q.score());
    }

    /** An answer named after who says its highlighted sentence; the passage around it is context. */
    private Answer attributed(Answer a) {
        Moment by = attributed(a.highlight());
        return new Answer(a.passage().saidBy(by.speaker()), by, a.score());
    }

    private Moment attributed(Moment m) {
        return m.saidBy(models.host().saidBy(m.episode(), m.firstSentence(), m.lastSentence()));
    }

    public int advicePoolSize() {
        return advice.poolSize();
    }

    /** How many episodes the advice pool judged with their meaning; the others by their words alone. */
    public int adviceEpisodesJudgedWithMeaning() {
        return advice.episodesJudgedWithMeaning();
    }

    /** The advice pool in its stable order, with the probability that accepted each. */
    public List<Quote> advicePool() {
        return advice.pool();
    }

    public Optional<Answer> answer(String question) {
        return read(s -> answerer(s).answer(question)).map(this::attributed);
    }

    /** Up to {@code n} answers from different passages, best first; empty when nothing answers. */
    public List<Answer> answers(String question, int n) {
        return read(s -> answerer(s).answers(question, n)).stream().map(this::attributed).toList();
    }

    /** As {@link #answers}, without the no-answer threshold and further down the ranking (for evaluation). */
    public List<Answer> candidates(String question, int n) {
        return read(s -> answerer(s).candidates(question, n));
    }

    /**
     * A question's whole ranking, with the given model: what {@code quotecast train} learns from.
     * The passages closest in meaning are found exactly, not through the approximate graph, so the
     * same questions give the same features in every run.
     */
    public Answerer.Ranking ranking(String question, AnswerModel model) {
        return read(s -> new Answerer(() -> s.searcher().exact(), s::corpus, model).rank(question));
    }

    private Answerer answerer(Snapshot s) {
        return new Answerer(s::searcher, s::corpus, models.answers());
    }

    /** An episode by number ({@code 73}, {@code #73}), id, or words from its title or guest. */
    public Optional<Episode> findEpisode(String query) {
        return read(s -> findEpisode(s, query));
    }

    private static Optional<Episode> findEpisode(Snapshot s, String query) {
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
        return read(s -> findEpisode(s, query).map(e -> cards.get(e, k -> EpisodeSummarizer.over(s.searcher(), models).card(k))));
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

    /**
     * The moment a key names ({@link Moment#key()}), if it still exists, with who says it: a
     * button or a retried daily post that brings a quote or an advice back names its speaker as
     * the first reply did.
     */
    public Optional<Moment> moment(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) return Optional.empty();
        int first = Integer.parseInt(m.group(2)), last = Integer.parseInt(m.group(3));
        return snapshot.corpus().get(m.group(1))
                .filter(e -> first <= last && last < e.sentences().size())
                .map(e -> attributed(new Moment(e, first, last)));
    }
}
