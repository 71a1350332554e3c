package dev.quotecast.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Other index terms that may stand for a query term, each with a factor below 1 so that the word
 * the user typed always counts most.
 *
 * <p>Three gaps between a question and a Whisper transcript that the Porter stemmer leaves open:
 * <ul>
 *   <li><b>derivation</b>: "atheist" and "atheism", "melancholy" and "melancholic" stem apart; an
 *   index term that shares all but the last letter or two of a long stem is a variant;</li>
 *   <li><b>misspelling</b>: Whisper writes names and rare words as it hears them, so a rare query
 *   term also matches index terms one edit away;</li>
 *   <li><b>compounds</b>: "starshade" is "star shade" in the transcript, or the other way round;
 *   a rare word split in two, or two query words joined, that the index holds is a variant.</li>
 * </ul>
 * Variants are looked up in the index's own term dictionary, so they are words the transcripts
 * really contain.
 */
final class TermVariants {

    /** Credit for a variant of the same stem ("atheism" for "atheist"). */
    static final float DERIVED = 0.7f;
    /** Credit for a spelling one edit away ("malcastle" for "mountcastle" would need more). */
    static final float MISSPELLED = 0.5f;
    /** Credit for the same word written as two, or two written as one. */
    static final float COMPOUND = 0.8f;
    /** A query term this rare (passages holding it) may be a misspelling of what the transcript says. */
    static final int RARE = 30;
    /** Shortest stem that gets derived variants: shorter ones share prefixes by chance ("organ", "organiz"). */
    static final int MIN_DERIVED = 6;
    /** Shortest stem that gets misspelling variants. */
    static final int MIN_FUZZY = 5;
    static final int MAX_PER_TERM = 4;

    private TermVariants() {}

    /** Finds variants of each term in {@code field}, given the raw words of the query for compounds. */
    static List<Searcher.Variant> of(IndexReader reader, Analyzer indexAnalyzer, String field, String term, long df,
                                     List<String> rawWords) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) return List.of();
        List<Searcher.Variant> out = new ArrayList<>();
        if (term.length() >= MIN_DERIVED) derived(terms, term, out);
        if (term.length() >= MIN_FUZZY && df <= RARE) fuzzy(terms, field, term, out);
        out.sort(Comparator.comparingDouble(Searcher.Variant::factor).reversed());
        List<Searcher.Variant> bounded = new ArrayList<>(out.subList(0, Math.min(MAX_PER_TERM, out.size())));
        if (df <= RARE) split(reader, indexAnalyzer, field, term, rawWords, bounded);
        return bounded;
    }

    /** Index terms that share the stem's letters but the last one or two ("atheis" for "atheist"). */
    private static void derived(Terms terms, String term, List<Searcher.Variant> out) throws IOException {
        String prefix = term.substring(0, term.length() - (term.length() >= 8 ? 2 : 1));
        TermsEnum te = terms.iterator();
        if (te.seekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) return;
        int seen = 0;
        do {
            String u = te.term().utf8ToString();
            if (!u.startsWith(prefix)) break;
            // "atheism" for "atheist"; not "atheistically long" words that only begin alike
            if (!u.equals(term) && Math.abs(u.length() - term.length()) <= 3) {
                out.add(new Searcher.Variant(List.of(u), DERIVED));
            }
        } while (++seen < 50 && te.next() != null);
    }

    private static void fuzzy(Terms terms, String field, String term, List<Searcher.Variant> out) throws IOException {
        FuzzyTermsEnum fe = new FuzzyTermsEnum(terms, new Term(field, term), 1, 1, true);
        BytesRef b;
        int seen = 0;
        while ((b = fe.next()) != null && seen++ < 50) {
            String u = b.utf8ToString();
            if (u.equals(term) || out.stream().anyMatch(v -> v.terms().contains(u))) continue;
            out.add(new Searcher.Variant(List.of(u), MISSPELLED));
        }
    }

    /**
     * "starshade" as "star shade": each split of a raw query word whose analysed halves are both in
     * the index. Splits only words the index lacks or barely holds.
     */
    private static void split(IndexReader reader, Analyzer a, String field, String term, List<String> rawWords,
                              List<Searcher.Variant> out) throws IOException {
        for (String raw : rawWords) {
            if (raw.length() < 7) continue;
            List<Analyzers.Token> whole = Analyzers.tokens(a, field, raw, 2);
            if (whole.size() != 1 || !whole.get(0).term().equals(term)) continue;
            Searcher.Variant best = null;
            long bestDf = 0;
            for (int i = 3; i <= raw.length() - 3; i++) {
                List<Analyzers.Token> left = Analyzers.tokens(a, field, raw.substring(0, i), 2);
                List<Analyzers.Token> right = Analyzers.tokens(a, field, raw.substring(i), 2);
                if (left.size() != 1 || right.size() != 1) continue;
                String l = left.get(0).term(), r = right.get(0).term();
                long df = Math.min(reader.docFreq(new Term(field, l)), reader.docFreq(new Term(field, r)));
                if (df > bestDf) {
                    bestDf = df;
                    best = new Searcher.Variant(List.of(l, r), COMPOUND);
                }
            }
            // the split whose rarer half is most common: "star shade", not "stars hade"
            if (best != null) out.add(best);
        }
    }
}
