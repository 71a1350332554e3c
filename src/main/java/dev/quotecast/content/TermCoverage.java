package dev.quotecast.content;

import dev.quotecast.search.Analyzers;
import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * How much of a query a span of sentences covers, each query term weighted by its IDF. Sentence
 * terms are analysed once per query and memoised, since candidate spans overlap.
 */
final class TermCoverage {
    private final Analyzer analyzer;
    private final Map<String, Double> weights;
    private final double total;
    private final Map<Long, Set<String>> sentenceTerms = new HashMap<>();

    TermCoverage(Analyzer analyzer, Searcher.ParsedQuery q, Set<String> ignored) {
        this.analyzer = analyzer;
        this.weights = new HashMap<>();
        for (String t : q.terms()) if (!ignored.contains(t)) weights.put(t, q.idf().getOrDefault(t, 0.0));
        double sum = 0;
        for (double w : weights.values()) sum += w;
        this.total = sum;
        this.prefixes = new java.util.ArrayList<>();
        for (String t : weights.keySet()) prefixes.add(t.substring(0, Math.min(t.length(), Math.max(2, t.length() - 4))));
    }

    private final List<String> prefixes;

    boolean isEmpty() {
        return weights.isEmpty();
    }

    int termCount() {
        return weights.size();
    }

    /** Fraction of the query's weight found in sentences {@code first..last}: 0 to 1. */
    double of(Episode e, int first, int last) {
        if (total <= 0) return 0;
        Set<String> seen = terms(e, first, last);
        double got = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) if (seen.contains(w.getKey())) got += w.getValue();
        return got / total;
    }

    /** How many distinct query terms appear in sentences {@code first..last}. */
    int matched(Episode e, int first, int last) {
        Set<String> seen = terms(e, first, last);
        int n = 0;
        for (String t : weights.keySet()) if (seen.contains(t)) n++;
        return n;
    }

    private Set<String> terms(Episode e, int first, int last) {
        Set<String> seen = new HashSet<>();
        for (int i = Math.max(0, first); i <= Math.min(last, e.sentences().size() - 1); i++) {
            long key = ((long) System.identityHashCode(e) << 32) | i;
            seen.addAll(sentenceTerms.computeIfAbsent(key, k -> termsOf(e.sentence((int) (k & 0xffffffffL)).text())));
        }
        return seen;
    }

    private Set<String> termsOf(String text) {
        // most neighbouring sentences hold no query term at all: skip analysing those
        if (!mayContainAny(text)) return Set.of();
        return new HashSet<>(Analyzers.terms(analyzer, text, 10_000));
    }

    /**
     * A necessary condition for a sentence to hold a query stem: the stem's leading letters appear
     * in its lower-cased text. Porter rewrites at most the last four letters of a word ("happi" for
     * "happy", "relat" for "relational"), so the stem minus four letters is always there.
     */
    private boolean mayContainAny(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String p : prefixes) if (lower.contains(p)) return true;
        return false;
    }

    static Set<String> none() {
        return Set.of();
    }

    static List<String> list(Set<String> s) {
        return List.copyOf(s);
    }
}
