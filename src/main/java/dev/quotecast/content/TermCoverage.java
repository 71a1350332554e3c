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
    private final Map<String, List<Searcher.Variant>> variants;
    /** Two-term variants ("star shade"): counted only where the two terms are adjacent. */
    private final Set<String> pairs = new HashSet<>();

    TermCoverage(Analyzer analyzer, Searcher.ParsedQuery q, Set<String> ignored) {
        this.analyzer = analyzer;
        this.weights = new HashMap<>();
        this.variants = new HashMap<>();
        for (String t : q.terms()) {
            if (ignored.contains(t)) continue;
            weights.put(t, q.idf().getOrDefault(t, 0.0));
            if (!q.variantsOf(t).isEmpty()) variants.put(t, q.variantsOf(t));
        }
        double sum = 0;
        for (double w : weights.values()) sum += w;
        this.total = sum;
        this.prefixes = new java.util.ArrayList<>();
        for (String t : weights.keySet()) prefixes.add(prefix(t));
        for (List<Searcher.Variant> vs : variants.values()) {
            for (Searcher.Variant v : vs) {
                for (String t : v.terms()) prefixes.add(prefix(t));
                if (v.compound()) pairs.add(v.key());
            }
        }
    }

    private static String prefix(String t) {
        return t.substring(0, Math.min(t.length(), Math.max(2, t.length() - 4)));
    }

    /** 1 when the term itself is among {@code seen}, else the best factor of a variant that is, else 0. */
    private double credit(String term, Set<String> seen) {
        if (seen.contains(term)) return 1;
        double best = 0;
        for (Searcher.Variant v : variants.getOrDefault(term, List.of())) if (v.factor() > best && v.in(seen)) best = v.factor();
        return best;
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
        for (Map.Entry<String, Double> w : weights.entrySet()) got += w.getValue() * credit(w.getKey(), seen);
        return got / total;
    }

    /** How many distinct query terms appear in sentences {@code first..last}. */
    int matched(Episode e, int first, int last) {
        Set<String> seen = terms(e, first, last);
        int n = 0;
        for (String t : weights.keySet()) if (credit(t, seen) > 0) n++;
        return n;
    }

    /** True when every one of {@code required} that is weighed here appears (or a variant does) in sentences {@code first..last}. */
    boolean holdsAll(Set<String> required, Episode e, int first, int last) {
        Set<String> seen = null;
        for (String t : required) {
            if (!weights.containsKey(t)) continue;
            if (seen == null) seen = terms(e, first, last);
            if (credit(t, seen) <= 0) return false;
        }
        return true;
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
        List<Analyzers.Token> tokens = Analyzers.tokens(analyzer, dev.quotecast.search.Searcher.TEXT_FIELD, text, 10_000);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.get(i).term());
            if (!pairs.isEmpty() && i > 0 && tokens.get(i).position() == tokens.get(i - 1).position() + 1) {
                String pair = tokens.get(i - 1).term() + " " + tokens.get(i).term();
                if (pairs.contains(pair)) out.add(pair);
            }
        }
        return out;
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
