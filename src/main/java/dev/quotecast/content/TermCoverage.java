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
    }

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
        return new HashSet<>(Analyzers.terms(analyzer, text, 10_000));
    }

    static Set<String> none() {
        return Set.of();
    }

    static List<String> list(Set<String> s) {
        return List.copyOf(s);
    }
}
