package dev.quotecast.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Each sentence's terms as the index's analyser makes them (lower-cased, stop words out, stemmed),
 * kept between questions. Every question weighs its candidate sentences and their neighbours
 * against its terms ({@link TermCoverage}), and analysing each of them again for every question was
 * a sixth of a warm {@code ask}'s CPU at 101 episodes (issue 20); a corpus's text never changes, so
 * one analysis per sentence serves every later question. A term is one shared string however many
 * sentences hold it, and at most {@link #MAX_SENTENCES} sentences are kept: the whole of a few
 * hundred episodes, the episodes asked about least recently let go first in a larger library.
 */
final class SentenceTerms {

    /** Sentences kept, about 70 bytes each: every sentence of the 101-episode library (117,613), a quarter of 1,000 episodes. */
    static final long MAX_SENTENCES = 300_000;

    private final Analyzer analyzer;
    /** Keyed by the episode object itself (weak keys compare by identity): another corpus's version is another entry. */
    private final Cache<Episode, AtomicReferenceArray<String[]>> byEpisode;
    private final Map<String, String> shared = new ConcurrentHashMap<>();

    /** Sentence terms made by {@code analyzer}, kept for at most {@code maxSentences} sentences. */
    SentenceTerms(Analyzer analyzer, long maxSentences) {
        this.analyzer = analyzer;
        this.byEpisode = Caffeine.newBuilder().weakKeys().maximumWeight(maxSentences)
                .weigher((Episode e, AtomicReferenceArray<String[]> t) -> t.length()).build();
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /**
     * The terms of sentence {@code i} of {@code e} in order, analysed the first time they are asked
     * for. A null stands where the analyser left a gap (a stop word taken out): the terms either side
     * of it do not stand next to each other.
     */
    String[] of(Episode e, int i) {
        AtomicReferenceArray<String[]> sentences = byEpisode.get(e, k -> new AtomicReferenceArray<>(k.sentences().size()));
        String[] t = sentences.get(i);
        if (t == null) {
            // two questions may analyse one sentence at once and both store it: the same terms either way; the
            // array's volatile store is what lets another thread read the terms whole
            t = analyse(e.sentence(i).text());
            sentences.set(i, t);
        }
        return t;
    }

    private String[] analyse(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Searcher.TEXT_FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (!out.isEmpty() && inc.getPositionIncrement() != 1) out.add(null);
                out.add(shared.computeIfAbsent(term.toString(), x -> x));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArray(String[]::new);
    }
}
