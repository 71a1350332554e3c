package dev.quotecast.eval;

import dev.quotecast.content.AdviceOfTheDay;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Corpus;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.content.QuoteRules;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Draws the items people label ({@code quotecast labels sample}), as rows with an empty first
 * column for the label. The draws mix what the bot serves today with what it nearly serves and
 * with plain text, so that a classifier learns the boundary where its precision is decided, not
 * only the easy cases. Seeded: the same corpus gives the same sample.
 */
public final class LabelSampler {

    /** Words of a sentence that gives, or nearly gives, advice: the near misses of the rule pool. */
    public static final Pattern CUE = Pattern.compile("(?i)\\b(you|your|yourself|should|must|need|needs|don't|never|always|try|"
            + "important|key|best|advice|recommend|lesson|remember|avoid|worth|habit|learn|let|stop|start|keep|find)\\b");

    private final Corpus corpus;
    private final Random random;

    public LabelSampler(Corpus corpus, long seed) {
        this.corpus = corpus;
        this.random = new Random(seed);
    }

    /** A row to label: where it is, and the text a reader would see. */
    public record Item(String stratum, Moment moment) {
        String file() {
            return moment.episode().source().getFileName().toString();
        }
    }

    /**
     * Candidate advice: {@code fromPool} of today's rule pool, {@code nearMisses} quotable
     * sentences with advice cues that the rules do not take, {@code plain} other quotable sentences.
     */
    public List<Item> advice(int fromPool, int nearMisses, int plain) {
        List<Quote> pool = AdviceOfTheDay.rulePool(corpus);
        Set<String> taken = new HashSet<>();
        for (Quote q : pool) taken.add(q.moment().key());
        List<Moment> near = new ArrayList<>(), other = new ArrayList<>();
        for (Episode e : corpus.episodes()) {
            for (int i = 0; i < e.sentences().size(); i++) {
                if (!QuoteRules.isQuotable(e, i, i) || e.sentence(i).wordCount() > 45) continue;
                Moment m = new Moment(e, i, i);
                if (taken.contains(m.key())) continue;
                (CUE.matcher(e.sentence(i).text()).find() ? near : other).add(m);
            }
        }
        List<Item> out = new ArrayList<>();
        for (Quote q : pick(pool, fromPool)) out.add(new Item("pool", q.moment()));
        for (Moment m : pick(near, nearMisses)) out.add(new Item("near", m));
        for (Moment m : pick(other, plain)) out.add(new Item("plain", m));
        Collections.shuffle(out, random);
        return out;
    }

    /**
     * Candidate quotes for each topic: the first {@code fromSearch} the quote finder returns, then up
     * to {@code fromMeaning} quotable spans from the passages closest to the topic in meaning.
     */
    public Map<String, List<Item>> quotes(ContentService content, List<String> topics, int fromSearch, int fromMeaning) {
        Map<String, List<Item>> out = new LinkedHashMap<>();
        Searcher s = content.snapshot().searcher();
        for (String topic : topics) {
            List<Item> items = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Quote q : content.quotes(topic, fromSearch)) {
                if (seen.add(q.text())) items.add(new Item("search", q.moment()));
            }
            float[] meant = s.meaningOf(topic);
            int added = 0;
            for (PassageVectors.Similar p : s.similar(meant, 40, Set.of())) {
                if (added >= fromMeaning) break;
                Episode e = corpus.get(p.episodeId()).orElse(null);
                if (e == null || p.last() >= e.sentences().size()) continue;
                Moment best = bestSpan(e, p.first(), p.last());
                if (best == null || !seen.add(best.text())) continue;
                items.add(new Item("meaning", best));
                added++;
            }
            Collections.shuffle(items, random);
            out.put(topic, items);
        }
        return out;
    }

    /** The longest quotable span (at most 45 words) inside sentences {@code first..last}, or null. */
    private static Moment bestSpan(Episode e, int first, int last) {
        Moment best = null;
        int bestWords = 0;
        for (int from = first; from <= last; from++) {
            for (int to = from; to <= last; to++) {
                if (!QuoteRules.isQuotable(e, from, to)) continue;
                int words = 0;
                for (int i = from; i <= to; i++) words += e.sentence(i).wordCount();
                if (words <= 45 && words > bestWords) {
                    best = new Moment(e, from, to);
                    bestWords = words;
                }
            }
        }
        return best;
    }

    /**
     * Candidate advice close in meaning to what people already labeled advice, for a further round
     * of labeling: advice is rare (about 4 in 100 rule-pool or cue sentences), so a round drawn at
     * random teaches little about the boundary. Each unlabeled quotable sentence is scored by how
     * much closer it lies to its nearest labeled advice than to its nearest labeled non-advice;
     * {@code top} of the best are drawn, and {@code spread} more from the next {@code 4 × top}, so that
     * the round also holds the near misses.
     *
     * @param labeled texts already labeled, each with true for advice
     */
    public List<Item> adviceLike(dev.quotecast.search.Embedder embedder, Map<String, Boolean> labeled, int top, int spread) {
        List<Moment> candidates = new ArrayList<>();
        for (Episode e : corpus.episodes()) {
            for (int i = 0; i < e.sentences().size(); i++) {
                if (!QuoteRules.isQuotable(e, i, i) || e.sentence(i).wordCount() > 45) continue;
                if (!labeled.containsKey(e.sentence(i).text())) candidates.add(new Moment(e, i, i));
            }
        }
        List<String> pos = new ArrayList<>(), neg = new ArrayList<>();
        labeled.forEach((text, advice) -> (advice ? pos : neg).add(text));
        List<float[]> p = embedder.passages(pos), q = embedder.passages(neg);
        List<String> texts = new ArrayList<>();
        for (Moment m : candidates) texts.add(m.text());
        double[] score = new double[candidates.size()];
        int chunk = 2048;
        for (int from = 0; from < texts.size(); from += chunk) {
            List<float[]> vs = embedder.passages(texts.subList(from, Math.min(texts.size(), from + chunk)));
            for (int k = 0; k < vs.size(); k++) score[from + k] = nearest(vs.get(k), p, 3) - nearest(vs.get(k), q, 3);
        }
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<Item> out = new ArrayList<>();
        for (int r = 0; r < Math.min(top, order.length); r++) out.add(new Item("like", candidates.get(order[r])));
        List<Integer> rest = new ArrayList<>();
        for (int r = top; r < Math.min(order.length, top * 5); r++) rest.add(order[r]);
        for (Integer i : pick(rest, spread)) out.add(new Item("like-spread", candidates.get(i)));
        Collections.shuffle(out, random);
        return out;
    }

    /** Mean of the {@code k} largest dot products of {@code v} with {@code set}. */
    private static double nearest(float[] v, List<float[]> set, int k) {
        double[] best = new double[k];
        java.util.Arrays.fill(best, -1);
        for (float[] w : set) {
            double d = org.apache.lucene.util.VectorUtil.dotProduct(v, w);
            if (d > best[k - 1]) {
                best[k - 1] = d;
                java.util.Arrays.sort(best);
                for (int a = 0, b = k - 1; a < b; a++, b--) {
                    double t = best[a];
                    best[a] = best[b];
                    best[b] = t;
                }
            }
        }
        double sum = 0;
        for (double b : best) sum += b;
        return sum / k;
    }

    /** {@code length} consecutive sentences from the middle part (15%..85%) of each episode. */
    public List<Item> runs(List<Episode> episodes, int length) {
        List<Item> out = new ArrayList<>();
        for (Episode e : episodes) {
            int n = e.sentences().size();
            int lo = (int) (n * 0.15), hi = Math.max(lo + 1, (int) (n * 0.85) - length);
            int start = lo + random.nextInt(Math.max(1, hi - lo));
            for (int i = start; i < Math.min(n, start + length); i++) out.add(new Item("run", new Moment(e, i, i)));
        }
        return out;
    }

    private <T> List<T> pick(List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /** Rows: empty label, then the columns given, the text last; tabs and newlines in text become spaces. */
    public static void print(PrintStream out, List<Item> items, String prefixColumn) {
        for (Item it : items) {
            Episode e = it.moment().episode();
            StringBuilder row = new StringBuilder("\t");
            if (prefixColumn != null) row.append(prefixColumn).append('\t');
            row.append(it.file()).append('\t').append(it.moment().firstSentence()).append('\t')
                    .append(clean(e.guestOrTitle())).append('\t').append(it.stratum()).append('\t').append(clean(it.moment().text()));
            out.println(row);
        }
    }

    private static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]+", " ");
    }
}
