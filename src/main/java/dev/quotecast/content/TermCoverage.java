package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * How much of a query a span of sentences covers, each query term weighted by its IDF; a variant
 * of a term ({@link Searcher.Variant}) earns its factor of the weight.
 *
 * <p>Candidate spans overlap heavily (every sentence is scored with its ±3 neighbourhood), so each
 * sentence is analysed once per query and reduced to one credit (0..1) per query term; a span's
 * coverage is then the weighted sum of each term's best credit over the span, with no set built.
 */
final class TermCoverage {
    private static final byte[] NONE = new byte[0];

    private final SentenceTerms sentenceTerms;
    private final String[] terms;
    private final double[] weights;
    private final double total;
    /** Per term: its variants' lookup keys and factors. */
    private final String[][] variantKeys;
    private final float[][] variantFactors;
    /** Two-term variants ("star shade"): counted only where the two terms are adjacent in a sentence. */
    private final Set<String> pairs = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    /** Index term (or "a b" pair) to the credit it gives each query term. */
    private final CharArrayMap<float[]> slots;
    /** Per episode, per sentence: credit of each term in hundredths (null: not analysed yet; NONE: no term). */
    private final Map<Episode, byte[][]> credits = new IdentityHashMap<>();

    /** Coverage over sentences analysed afresh for this query alone. */
    TermCoverage(Analyzer analyzer, Searcher.ParsedQuery q, Set<String> ignored) {
        this(new SentenceTerms(analyzer, SentenceTerms.MAX_SENTENCES), q, ignored);
    }

    /** Coverage over sentences whose terms {@code sentenceTerms} keeps between questions (a corpus's: {@link Corpus#sentenceTerms}). */
    TermCoverage(SentenceTerms sentenceTerms, Searcher.ParsedQuery q, Set<String> ignored) {
        this.sentenceTerms = sentenceTerms;
        List<String> kept = new ArrayList<>();
        for (String t : q.terms()) if (!ignored.contains(t)) kept.add(t);
        int n = kept.size();
        this.terms = kept.toArray(String[]::new);
        this.weights = new double[n];
        this.variantKeys = new String[n][];
        this.variantFactors = new float[n][];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = q.idf().getOrDefault(terms[i], 0.0);
            sum += weights[i];
            prefixes.add(prefix(terms[i]));
            List<Searcher.Variant> vs = q.variantsOf(terms[i]);
            variantKeys[i] = new String[vs.size()];
            variantFactors[i] = new float[vs.size()];
            for (int k = 0; k < vs.size(); k++) {
                Searcher.Variant v = vs.get(k);
                variantKeys[i][k] = v.key();
                variantFactors[i][k] = v.factor();
                for (String t : v.terms()) prefixes.add(prefix(t));
                if (v.compound()) pairs.add(v.key());
            }
        }
        this.total = sum;
        this.slots = new CharArrayMap<>(16, false);
        for (int i = 0; i < n; i++) {
            slot(terms[i], i, 1f);
            for (int k = 0; k < variantKeys[i].length; k++) slot(variantKeys[i][k], i, variantFactors[i][k]);
        }
    }

    private void slot(String key, int term, float factor) {
        float[] s = slots.get(key);
        if (s == null) slots.put(key, s = new float[terms.length]);
        s[term] = Math.max(s[term], factor);
    }

    private static String prefix(String t) {
        return t.substring(0, Math.min(t.length(), Math.max(2, t.length() - 4)));
    }

    boolean isEmpty() {
        return terms.length == 0;
    }

    int termCount() {
        return terms.length;
    }

    /** Fraction of the query's weight found in sentences {@code first..last}: 0 to 1. */
    double of(Episode e, int first, int last) {
        if (total <= 0) return 0;
        double got = 0;
        for (int t = 0; t < terms.length; t++) got += weights[t] * best(e, first, last, t) / 100.0;
        return got / total;
    }

    /** How many distinct query terms (or variants of them) appear in sentences {@code first..last}. */
    int matched(Episode e, int first, int last) {
        int n = 0;
        for (int t = 0; t < terms.length; t++) if (best(e, first, last, t) > 0) n++;
        return n;
    }

    /**
     * The rarest question term present in sentences {@code first..last}, as its IDF over the IDF of
     * the question's rarest term: 1 when the span holds the word that most singles the question out.
     */
    double rarestMatched(Episode e, int first, int last) {
        double top = 0, got = 0;
        for (int t = 0; t < terms.length; t++) {
            top = Math.max(top, weights[t]);
            if (best(e, first, last, t) > 0) got = Math.max(got, weights[t]);
        }
        return top <= 0 ? 0 : got / top;
    }

    /** The rarest question term absent from sentences {@code first..last}, as its IDF over the rarest term's; 0 when none is absent. */
    double rarestMissing(Episode e, int first, int last) {
        double top = 0, missing = 0;
        for (int t = 0; t < terms.length; t++) {
            top = Math.max(top, weights[t]);
            if (best(e, first, last, t) == 0) missing = Math.max(missing, weights[t]);
        }
        return top <= 0 ? 0 : missing / top;
    }

    /** True when every one of {@code required} that is weighed here appears (or a variant does) in sentences {@code first..last}. */
    boolean holdsAll(Set<String> required, Episode e, int first, int last) {
        for (int t = 0; t < terms.length; t++) if (required.contains(terms[t]) && best(e, first, last, t) == 0) return false;
        return true;
    }

    /**
     * Verbs that make the word before them a sentence's subject: "Work <em>is</em> sacrifice",
     * "Failure usually <em>makes</em> us…". Copulas, auxiliaries and modals, and the few full verbs
     * that open a general statement about a thing (what it makes, gives, means, takes).
     */
    private static final Set<String> SUBJECT_VERBS = Set.of("is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't",
            "has", "have", "had", "hasn't", "haven't", "can", "can't", "cannot", "could", "couldn't", "will", "won't", "would",
            "wouldn't", "should", "shouldn't", "must", "may", "might", "does", "doesn't", "do", "don't", "did", "didn't",
            "makes", "make", "gives", "give", "means", "mean", "comes", "come", "requires", "require", "needs", "need",
            "takes", "take", "helps", "help", "allows", "allow", "leads", "lead", "becomes", "become", "seems", "seem",
            "matters", "matter", "feels", "feel");
    /** Words that may stand between the subject and its verb ("failure <em>usually</em> makes"), beside any "-ly" adverb. */
    private static final Set<String> BETWEEN = Set.of("always", "never", "often", "just", "really", "also", "actually", "still",
            "itself", "themselves", "alone", "sometimes", "too", "then", "now");
    private static final Pattern NEXT_WORDS = Pattern.compile("[A-Za-z][A-Za-z']*");
    private static final Pattern PAUSE = Pattern.compile("[,;:.!?]");

    /**
     * True when a sentence of {@code first..last} speaks <em>of</em> a query term: the term (or a
     * variant) is directly followed by a verb ({@link #SUBJECT_VERBS}), perhaps with an adverb
     * between. "Work is sacrifice" is about work; "successful in images" and "the marriage between
     * the two" only use the word.
     */
    boolean speaksOf(Episode e, int first, int last) {
        if (total <= 0) return false;
        // the credits coverage keeps per sentence (QuoteFeature has just asked for them) say which hold a
        // term at all; only those are analysed again, for the word after the term
        byte[][] perSentence = perSentence(e);
        for (int i = Math.max(0, first); i <= Math.min(last, perSentence.length - 1); i++) {
            if (creditsAt(perSentence, e, i) != NONE && speaksOf(e.sentence(i).text())) return true;
        }
        return false;
    }

    private boolean speaksOf(String text) {
        try (TokenStream ts = sentenceTerms.analyzer().tokenStream(Searcher.TEXT_FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            boolean found = false;
            while (!found && ts.incrementToken()) {
                if (slots.get(term.buffer(), 0, term.length()) == null) continue;
                int from = Math.min(offset.endOffset(), text.length());
                Matcher next = NEXT_WORDS.matcher(text).region(from, text.length());
                // only the word right after the term, or the one after an adverb right after it; nothing across a comma
                for (int k = 0; k < 2 && next.find(); k++) {
                    if (PAUSE.matcher(text).region(from, next.start()).find()) break;
                    from = next.end();
                    String w = next.group().toLowerCase(Locale.ROOT);
                    if (SUBJECT_VERBS.contains(w)) {
                        found = true;
                        break;
                    }
                    if (!(w.endsWith("ly") || BETWEEN.contains(w))) break;
                }
            }
            ts.end();
            return found;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Lets go of every sentence analysed so far; a later question about a span analyses it again. */
    void forget() {
        credits.clear();
    }

    /** The best credit of term {@code t} over sentences {@code first..last}, in hundredths. */
    private int best(Episode e, int first, int last, int t) {
        byte[][] perSentence = perSentence(e);
        int best = 0;
        for (int i = Math.max(0, first); i <= Math.min(last, perSentence.length - 1); i++) {
            byte[] c = creditsAt(perSentence, e, i);
            if (c.length > 0 && c[t] > best) {
                best = c[t];
                if (best == 100) break;
            }
        }
        return best;
    }

    private byte[][] perSentence(Episode e) {
        return credits.computeIfAbsent(e, k -> new byte[k.sentences().size()][]);
    }

    /** Sentence {@code i}'s credits in {@code perSentence} ({@link #NONE} when it holds no term), analysed the first time. */
    private byte[] creditsAt(byte[][] perSentence, Episode e, int i) {
        byte[] c = perSentence[i];
        return c != null ? c : (perSentence[i] = creditsOf(e, i));
    }

    private byte[] creditsOf(Episode e, int i) {
        // most neighbouring sentences hold no query term at all: skip looking them up (or analysing them)
        if (!mayContainAny(e.sentence(i).text())) return NONE;
        String[] ts = sentenceTerms.of(e, i);
        byte[] out = new byte[terms.length];
        boolean any = false;
        for (int k = 0; k < ts.length; k++) {
            if (ts[k] == null) continue; // a gap: the terms either side are not a pair
            any |= credit(slots.get(ts[k]), out);
            if (!pairs.isEmpty() && k > 0 && ts[k - 1] != null) any |= credit(slots.get(ts[k - 1] + " " + ts[k]), out);
        }
        return any ? out : NONE;
    }

    /** Raises each term's credit to what this index term (or pair) earns it. */
    private static boolean credit(float[] slot, byte[] out) {
        if (slot == null) return false;
        for (int t = 0; t < slot.length; t++) {
            byte c = (byte) Math.round(slot[t] * 100);
            if (c > out[t]) out[t] = c;
        }
        return true;
    }

    /**
     * A necessary condition for a sentence to hold a query stem: the stem's leading letters appear
     * in its lower-cased text. Porter rewrites at most the last four letters of a word ("happi" for
     * "happy", "relat" for "relational"), so the stem minus four letters is always there.
     */
    private boolean mayContainAny(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String p : prefixes) if (lower.contains(p)) return true;
        return false;
    }
}
