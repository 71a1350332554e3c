package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Builds episode cards: an extractive summary, key topics and notable quotes.
 *
 * <p>Terms are weighted by TF-IDF: frequent in this episode, rare across the corpus. The summary
 * takes the most representative clean sentence from each of five equal parts of the conversation,
 * so it walks through the episode instead of repeating its densest minute.
 */
public final class EpisodeSummarizer {

    static final int PARTS = 5;
    static final int TOPICS = 6;
    static final int QUOTES = 3;

    private final Analyzer analyzer;
    private final ToLongFunction<String> docFreq;
    private final long docCount;

    /**
     * @param analyzer the index analyzer (stems must match the index's)
     * @param docFreq passage document frequency of a stemmed term
     * @param docCount passages in the index
     */
    public EpisodeSummarizer(Analyzer analyzer, ToLongFunction<String> docFreq, long docCount) {
        this.analyzer = analyzer;
        this.docFreq = docFreq;
        this.docCount = Math.max(1, docCount);
    }

    public static EpisodeSummarizer over(Searcher searcher) {
        return new EpisodeSummarizer(searcher.indexAnalyzer(), searcher::docFreq, searcher.passageCount());
    }

    public EpisodeCard card(Episode e) {
        List<List<String>> stems = new ArrayList<>();
        Map<String, Integer> tf = new HashMap<>();
        Map<String, Map<String, Integer>> surface = new HashMap<>();
        for (Sentence s : e.sentences()) {
            List<String> ts = new ArrayList<>();
            if (s.role() != Sentence.Role.SPONSOR) analyse(s.text(), ts, surface);
            stems.add(ts);
            if (s.quotable()) for (String t : ts) tf.merge(t, 1, Integer::sum);
        }
        Map<String, Double> weight = new HashMap<>();
        for (Map.Entry<String, Integer> t : tf.entrySet()) {
            if (t.getKey().length() < 3 || t.getKey().chars().allMatch(Character::isDigit)) continue;
            double idf = Math.log(1 + (double) docCount / (1 + docFreq.applyAsLong(t.getKey())));
            weight.put(t.getKey(), Math.log(1 + t.getValue()) * idf);
        }
        List<String> topics = weight.entrySet().stream()
                .filter(t -> tf.get(t.getKey()) >= 3)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(TOPICS)
                .map(t -> mostCommon(surface.get(t.getKey())))
                .toList();

        List<Integer> body = new ArrayList<>();
        for (Sentence s : e.sentences()) if (s.quotable()) body.add(s.index());
        List<Moment> summary = new ArrayList<>();
        List<Quote> quotes = new ArrayList<>();
        if (!body.isEmpty()) {
            for (int part = 0; part < PARTS; part++) {
                List<Integer> slice = body.subList(body.size() * part / PARTS, body.size() * (part + 1) / PARTS);
                bestSentence(e, slice, stems, weight, 12, 40).ifPresent(i -> summary.add(new Moment(e, i, i)));
            }
            for (int part = 0; part < QUOTES; part++) {
                List<Integer> slice = body.subList(body.size() * part / QUOTES, body.size() * (part + 1) / QUOTES);
                bestQuote(e, slice, stems, weight).ifPresent(quotes::add);
            }
        }
        return new EpisodeCard(e, summary, topics, quotes);
    }

    private java.util.Optional<Integer> bestSentence(Episode e, List<Integer> slice, List<List<String>> stems,
                                                     Map<String, Double> weight, int minWords, int maxWords) {
        return slice.stream()
                .filter(i -> QuoteRules.isQuotable(e, i, i))
                .filter(i -> e.sentence(i).wordCount() >= minWords && e.sentence(i).wordCount() <= maxWords)
                .max(Comparator.comparingDouble(i -> density(stems.get(i), weight)));
    }

    private java.util.Optional<Quote> bestQuote(Episode e, List<Integer> slice, List<List<String>> stems, Map<String, Double> weight) {
        Quote best = null;
        for (int i : slice) {
            for (int len = 1; len <= 2; len++) {
                int last = i + len - 1;
                if (!QuoteRules.isQuotable(e, i, last)) continue;
                List<String> ts = new ArrayList<>(stems.get(i));
                if (len == 2) ts.addAll(stems.get(last));
                double score = density(ts, weight) * (QuoteFinder.lengthPrior(ts.size() * 2));
                String text = e.text(i, last).toLowerCase(Locale.ROOT);
                if (text.contains("i think") || text.contains("i believe") || text.contains("the key") || text.contains("the most important")) score *= 1.3;
                if (best == null || score > best.score()) best = new Quote(new Moment(e, i, last), score);
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static double density(List<String> terms, Map<String, Double> weight) {
        if (terms.isEmpty()) return 0;
        double sum = 0;
        for (String t : terms) sum += weight.getOrDefault(t, 0.0);
        return sum / Math.sqrt(terms.size() + 4);
    }

    private void analyse(String text, List<String> out, Map<String, Map<String, Integer>> surface) {
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String stem = term.toString();
                out.add(stem);
                String word = text.substring(off.startOffset(), off.endOffset()).toLowerCase(Locale.ROOT);
                surface.computeIfAbsent(stem, k -> new HashMap<>()).merge(word, 1, Integer::sum);
            }
            ts.end();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String mostCommon(Map<String, Integer> forms) {
        return forms.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
}
