package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds quotes for a topic: searches passages, then picks the cleanest 1-3 sentence span around
 * each hit that carries the topic. Results are distinct: no two share a sentence or a text, so
 * "Another" always shows something new.
 */
public final class QuoteFinder {

    /** Passages read per topic: enough for several pages of "Another". */
    static final int PASSAGES = 60;

    private final Supplier<Searcher> searcher;
    private final Supplier<Corpus> corpus;

    public QuoteFinder(Supplier<Searcher> searcher, Supplier<Corpus> corpus) {
        this.searcher = searcher;
        this.corpus = corpus;
    }

    /** Distinct quotes for the topic, best first, at most {@code limit}. */
    public List<Quote> find(String topic, int limit) {
        Searcher s = searcher.get();
        Corpus c = corpus.get();
        Searcher.ParsedQuery q = s.parse(topic, false);
        if (q.isEmpty()) return List.of();
        TermCoverage coverage = new TermCoverage(s.indexAnalyzer(), q, Set.of());
        List<Quote> candidates = new ArrayList<>();
        List<Searcher.Hit> hits = s.passages(q, PASSAGES, Map.of());
        float best = hits.isEmpty() ? 1 : hits.get(0).score();
        for (Searcher.Hit h : hits) {
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            double passage = h.score() / best;
            Quote top = null;
            for (int from = Math.max(0, h.first() - 1); from <= Math.min(h.last() + 1, e.sentences().size() - 1); from++) {
                for (int to = from; to < from + QuoteRules.MAX_SENTENCES && to < e.sentences().size(); to++) {
                    if (!QuoteRules.isQuotable(e, from, to)) continue;
                    double cov = coverage.of(e, from, to);
                    if (cov <= 0) continue;
                    int words = 0;
                    for (int i = from; i <= to; i++) words += e.sentence(i).wordCount();
                    double score = (0.4 + passage) * cov * lengthPrior(words) * (coverage.of(e, from, from) > 0 ? 1.0 : 0.85);
                    if (top == null || score > top.score()) top = new Quote(new Moment(e, from, to), score);
                }
            }
            if (top != null) candidates.add(top);
        }
        candidates.sort(Comparator.comparingDouble(Quote::score).reversed());
        List<Quote> out = new ArrayList<>();
        Set<String> usedSentences = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (Quote cand : candidates) {
            Moment m = cand.moment();
            boolean overlaps = false;
            for (int i = m.firstSentence(); i <= m.lastSentence(); i++) overlaps |= usedSentences.contains(m.episode().id() + "#" + i);
            if (overlaps || !texts.add(cand.text().toLowerCase())) continue;
            for (int i = m.firstSentence(); i <= m.lastSentence(); i++) usedSentences.add(m.episode().id() + "#" + i);
            out.add(cand);
            if (out.size() >= limit) break;
        }
        return out;
    }

    /** Favours quotes of 15-40 words: long enough to say something, short enough to read in chat. */
    static double lengthPrior(int words) {
        if (words < 12) return 0.7;
        if (words < 15) return 0.85;
        if (words <= 40) return 1.0;
        return 0.9;
    }
}
