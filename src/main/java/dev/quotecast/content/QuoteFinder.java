package dev.quotecast.content;

import dev.quotecast.search.Passages;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds quotes for a topic. Candidates are the cleanest 1-3 sentence span around each passage the
 * topic's words find (BM25) and each passage closest to it in meaning; a classifier trained on
 * labeled candidates ({@code eval/labels/quotes.tsv}) judges whether each is worth posting for
 * the topic: about its meaning, not only its word, self-contained, saying something. It reads the
 * span's words first ({@link ShapeFeature}, {@link QuoteFeature}); the best {@link #RERANK} are
 * then judged again with their meaning (the span's embedding, a model call each). Spans the
 * transcript's labels give to the host are never offered; spans only the host-or-guest model
 * takes for the host's are weighed down by the classifier, offered after every other, and cited
 * as the host's if served.
 * Results are distinct: no two share a sentence or a text, so "Another" always shows something new.
 * A span that opens with a fragment of an answer ({@link PartsOfSpeech#isFragment}) is never offered.
 */
public final class QuoteFinder {

    /** Passages read per topic: enough for several pages of "Another". */
    static final int PASSAGES = 60;
    /** Passages taken from the vector index, beside the keyword ones. */
    static final int MEANING_PASSAGES = 30;
    /** Candidates judged again with their meaning: the cost of a quote is about this many short model calls. */
    static final int RERANK = 10;
    /**
     * Cosine (bge-small, topic to passage) at which a passage is about a topic it does not name.
     * Measured: made-up words reach 0.57 to 0.58 and topics no transcript discusses ("kombucha",
     * "pickleball") 0.63 to 0.65; everyday topics that are discussed 0.69 and up.
     */
    static final double TOPIC_FLOOR = 0.66;

    private final Supplier<Searcher> searcher;
    private final Supplier<Corpus> corpus;
    private final SpanClassifier classifier;
    private final HostModel host;
    private final PartsOfSpeech partsOfSpeech;

    public QuoteFinder(Supplier<Searcher> searcher, Supplier<Corpus> corpus, SpanClassifier classifier, HostModel host, PartsOfSpeech partsOfSpeech) {
        this.searcher = searcher;
        this.corpus = corpus;
        this.classifier = classifier;
        this.host = host;
        this.partsOfSpeech = partsOfSpeech;
    }

    /** A topic's candidates and what is known of it to judge them by. */
    public record Topic(String text, Searcher.ParsedQuery query, TermCoverage coverage, Map<String, float[]> keyword, float[] meaning,
                        Map<String, float[]> cosines) {}

    /** Distinct quotes for the topic, best first, at most {@code limit}. */
    public List<Quote> find(String topicText, int limit) {
        Searcher s = searcher.get();
        Corpus c = corpus.get();
        Searcher.ParsedQuery q = s.parse(topicText, false);
        if (q.isEmpty()) return List.of();
        List<Searcher.Hit> hits = new ArrayList<>(s.passages(q, PASSAGES, Map.of()));
        int keywordHits = hits.size();
        float[] meant = s.meaningOf(topicText);
        for (PassageVectors.Similar p : s.similar(meant, MEANING_PASSAGES, Set.of())) {
            // close enough in meaning to be about the topic: nonsense and absent topics ("xyzzy", "pickleball") stay below
            if (p.similarity() >= TOPIC_FLOOR) hits.add(new Searcher.Hit(p.episodeId(), p.first(), p.last(), 0f));
        }
        Topic topic = topic(s, c, topicText, q, hits, meant);
        List<Quote> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < hits.size(); k++) {
            Searcher.Hit h = hits.get(k);
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            Moment m = bestSpan(e, h, topic.coverage());
            // a span found by the topic's words must hold one of them; one found by meaning need not
            if (m == null || (k < keywordHits && topic.coverage().of(e, m.firstSentence(), m.lastSentence()) <= 0)) continue;
            if (seen.add(m.key())) candidates.add(new Quote(m, 0));
        }
        List<Quote> ranked = guestsFirst(judge(candidates, topic, s));
        List<Quote> out = new ArrayList<>();
        Set<String> usedSentences = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (Quote cand : ranked) {
            Moment m = cand.moment();
            boolean overlaps = false;
            for (int i = m.firstSentence(); i <= m.lastSentence(); i++) overlaps |= usedSentences.contains(m.episode().id() + "#" + i);
            // the host's words, where the transcript's labels say so, are never a quote; where only the model thinks
            // so, the classifier weighed it (ShapeFeature) and the quote is served cited as the host's (HostModel.saidBy)
            // an answer's fragment ("Courage. And I think…") leans on the question the quote does not show
            if (overlaps || host.labeledHost(m.episode(), m.firstSentence(), m.lastSentence())
                    || partsOfSpeech.isFragment(m.episode().sentence(m.firstSentence()).text()) || !texts.add(cand.text().toLowerCase())) continue;
            for (int i = m.firstSentence(); i <= m.lastSentence(); i++) usedSentences.add(m.episode().id() + "#" + i);
            out.add(cand);
            if (out.size() >= limit) break;
        }
        return out;
    }

    /**
     * The candidates in the same order, except that those the host model takes for the host's come
     * after all the others. People ask a podcast's quote bot for what its guests said, and where the
     * model credits a span to the host it is often wrong: of the 32 first quotes of 282 topics it
     * credited to the host, a blind reader who checked the transcripts found most to be a guest's
     * words, and preferred the guest's quote served instead 27 times of 32 (eval/QUALITY.md, "The guests' quotes first").
     */
    private List<Quote> guestsFirst(List<Quote> ranked) {
        List<Quote> guests = new ArrayList<>(ranked.size()), hosts = new ArrayList<>();
        for (Quote q : ranked) {
            Moment m = q.moment();
            (host.anyHost(m.episode(), m.firstSentence(), m.lastSentence()) ? hosts : guests).add(q);
        }
        guests.addAll(hosts);
        return guests;
    }

    /** What the finder knows of a topic: its terms and coverage, the keyword hits by passage, its meaning and cosines. */
    public static Topic topic(Searcher s, Corpus c, String text, Searcher.ParsedQuery q, List<Searcher.Hit> hits, float[] meant) {
        TermCoverage coverage = new TermCoverage(c.sentenceTerms(s.indexAnalyzer()), q, Set.of());
        Map<String, float[]> keyword = new HashMap<>();
        float best = Float.MIN_NORMAL;
        for (Searcher.Hit h : hits) best = Math.max(best, h.score());
        for (Searcher.Hit h : hits) {
            float[] k = keyword.computeIfAbsent(h.episodeId(), x -> new float[c.get(x).map(e -> e.sentences().size()).orElse(0)]);
            for (int i = h.first(); i <= h.last() && i < k.length; i++) k[i] = Math.max(k[i], h.score() / best);
        }
        Map<String, Episode> episodes = new LinkedHashMap<>();
        for (Searcher.Hit h : hits) c.get(h.episodeId()).ifPresent(e -> episodes.putIfAbsent(e.id(), e));
        return new Topic(text, q, coverage, keyword, meant, meant == null ? Map.of() : s.cosines(meant, episodes.values(), e -> c.spans(e).size()));
    }

    /**
     * The candidates scored and sorted: by the classifier on their words, then the best
     * {@link #RERANK} again with their meaning when there are embeddings. With no classifier, by
     * the old hand-set score.
     */
    List<Quote> judge(List<Quote> candidates, Topic topic, Searcher s) {
        List<Quote> scored = new ArrayList<>();
        for (Quote cand : candidates) {
            Moment m = cand.moment();
            double p = classifier.learned()
                    ? classifier.probability(ShapeFeature.of(m, host.hostProbabilities(m.episode())), QuoteFeature.of(m, topic, null), null)
                    : handScore(m, topic);
            scored.add(new Quote(m, p));
        }
        Comparator<Quote> best = Comparator.comparingDouble(Quote::score).reversed()
                .thenComparing(x -> x.moment().episode().id()).thenComparingInt(x -> x.moment().firstSentence());
        scored.sort(best);
        if (!classifier.learned() || topic.meaning() == null || scored.isEmpty()) return scored;
        int n = Math.min(RERANK, scored.size());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) texts.add(scored.get(i).text());
        List<float[]> meanings = s.meaningsOf(texts);
        if (meanings == null) return scored;
        List<Quote> top = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Moment m = scored.get(i).moment();
            float[] v = meanings.get(i);
            double p = classifier.probability(ShapeFeature.of(m, host.hostProbabilities(m.episode())), QuoteFeature.of(m, topic, v), v);
            // the judged ones go first; a meaning-judged probability is a better figure than a words-only one
            top.add(new Quote(m, 1 + p));
        }
        top.sort(best);
        List<Quote> out = new ArrayList<>(top);
        out.addAll(scored.subList(n, scored.size()));
        return out;
    }

    /** The best quotable span within the hit's passage and one sentence either side: covering the topic, of a readable length. */
    static Moment bestSpan(Episode e, Searcher.Hit h, TermCoverage coverage) {
        Moment top = null;
        double topScore = 0;
        for (int from = Math.max(0, h.first() - 1); from <= Math.min(h.last() + 1, e.sentences().size() - 1); from++) {
            for (int to = from; to < from + QuoteRules.MAX_SENTENCES && to < e.sentences().size(); to++) {
                if (!QuoteRules.isQuotable(e, from, to)) continue;
                double cov = coverage.of(e, from, to);
                int words = 0;
                for (int i = from; i <= to; i++) words += e.sentence(i).wordCount();
                double score = (0.1 + cov) * lengthPrior(words) * (coverage.of(e, from, from) > 0 ? 1.0 : 0.85);
                if (top == null || score > topScore) {
                    top = new Moment(e, from, to);
                    topScore = score;
                }
            }
        }
        return top;
    }

    /** The score quotes were ranked by before the classifier: the topic's coverage and keyword score, by length. */
    static double handScore(Moment m, Topic topic) {
        float[] k = topic.keyword().get(m.episode().id());
        double keyword = k == null ? 0 : k[m.firstSentence()];
        int words = 0;
        for (int i = m.firstSentence(); i <= m.lastSentence(); i++) words += m.episode().sentence(i).wordCount();
        return (0.4 + keyword) * topic.coverage().of(m.episode(), m.firstSentence(), m.lastSentence()) * lengthPrior(words);
    }

    /** Favours quotes of 15-40 words: long enough to say something, short enough to read in chat. */
    static double lengthPrior(int words) {
        if (words < 12) return 0.7;
        if (words < 15) return 0.85;
        if (words <= 40) return 1.0;
        return 0.9;
    }

    /** The passage of the episode holding sentence {@code i}, by {@link Passages#of}'s cut. */
    static int passageOf(Episode e, int i) {
        List<Passages.Span> ws = Passages.spans(e);
        for (int k = 0; k < ws.size(); k++) if (ws.get(k).first() <= i && i <= ws.get(k).last()) return k;
        return -1;
    }
}
