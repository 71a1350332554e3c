package dev.quotecast.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Moment;
import dev.quotecast.content.QuoteFeature;
import dev.quotecast.content.QuoteFinder;
import dev.quotecast.content.ShapeFeature;
import dev.quotecast.content.SpanClassifier;
import dev.quotecast.learn.Dataset;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.learn.Xgb;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.speakers.HostModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Fits the advice and quote classifiers ({@link SpanClassifier}) on {@code eval/labels/}: each with
 * its meaning (the span's bge-small embedding) and without it, settings and thresholds chosen on
 * the dev episodes. The advice threshold is the lowest at which the dev advice it accepts is at
 * least {@link #ADVICE_PRECISION} advice: the pool is what every channel gets, one a day.
 */
public final class ContentTraining {

    static final double ADVICE_PRECISION = 0.9;
    static final List<Xgb.Params> SETTINGS = List.of(
            new Xgb.Params("binary:logistic", 300, 3, 0.05, 2, 1),
            new Xgb.Params("binary:logistic", 500, 2, 0.03, 5, 5));

    /** A fitted classifier and its files. */
    public record Result(SpanClassifier classifier, byte[] withMeaning, byte[] withoutMeaning, String manifest) {}

    private final PrintStream log;

    public ContentTraining(PrintStream log) {
        this.log = log;
    }

    /** Rows of one split, as model inputs, with or without meaning. */
    private static Dataset data(List<LabelFiles.Labeled> rows, String split, String positive, Function<LabelFiles.Labeled, float[]> input) {
        Dataset d = null;
        for (LabelFiles.Labeled r : rows) {
            if (!r.split().equals(split)) continue;
            float[] x = input.apply(r);
            if (d == null) d = new Dataset(x.length);
            d.add(x, r.label().equals(positive) ? 1 : 0, 1);
        }
        return d;
    }

    private static double[] scores(Dataset d, TreeEnsemble m) {
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) out[i] = m.probability(d.rows().get(i));
        return out;
    }

    /** The fit of the settings with the best dev AUC. */
    private TreeEnsembleAndJson best(String what, List<LabelFiles.Labeled> rows, String positive, Function<LabelFiles.Labeled, float[]> input) {
        Dataset train = data(rows, "train", positive, input), dev = data(rows, "dev", positive, input);
        TreeEnsembleAndJson best = null;
        double bestAuc = -1;
        for (Xgb.Params p : SETTINGS) {
            Xgb.Model m = Xgb.fit(train, p);
            ContentExperiment.Figures f = ContentExperiment.figures(scores(dev, m.trees()), dev.labels());
            log.printf("  %-13s %s: dev %s%n", what, p.describe(), f.describe());
            if (f.auc() > bestAuc) {
                best = new TreeEnsembleAndJson(m.trees(), m.json(), dev);
                bestAuc = f.auc();
            }
        }
        return best;
    }

    private record TreeEnsembleAndJson(TreeEnsemble trees, byte[] json, Dataset dev) {}

    /** The lowest threshold at which the dev rows it accepts are at least {@code precision} positive (and at least five); else the most precise. */
    double threshold(TreeEnsembleAndJson m, double precision, String what) {
        double[] s = scores(m.dev(), m.trees());
        float[] labels = m.dev().labels();
        double chosen = -1, bestPrecision = -1, bestAt = 0.95;
        StringBuilder curve = new StringBuilder("    " + what + " dev accepted/precision by threshold:");
        for (int step = 20; step <= 95; step += 5) {
            double t = step / 100.0;
            int accepted = 0, right = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= t) {
                    accepted++;
                    if (labels[i] > 0) right++;
                }
            }
            double p = accepted == 0 ? 0 : (double) right / accepted;
            curve.append(String.format(" %.2f:%d/%.0f%%", t, accepted, 100 * p));
            if (chosen < 0 && accepted >= 5 && p >= precision) chosen = t;
            if (accepted >= 5 && p > bestPrecision) {
                bestPrecision = p;
                bestAt = t;
            }
        }
        log.println(curve);
        return chosen >= 0 ? chosen : bestAt;
    }

    public Result advice(List<LabelFiles.Labeled> rows, HostModel host, PassageVectors vectors) {
        int positives = (int) rows.stream().filter(r -> r.label().equals("advice")).count();
        log.printf("advice: %d labeled spans (%d advice)%n", rows.size(), positives);
        Map<LabelFiles.Labeled, float[]> meaning = embed(rows, vectors);
        Function<LabelFiles.Labeled, float[]> shape = r -> ShapeFeature.of(r.moment(), host.hostProbabilities(r.moment().episode()));
        TreeEnsembleAndJson with = best("with meaning", rows, "advice", r -> SpanClassifier.input(shape.apply(r), new float[0], meaning.get(r)));
        TreeEnsembleAndJson without = best("words only", rows, "advice", r -> SpanClassifier.input(shape.apply(r), new float[0], null));
        double t = threshold(with, ADVICE_PRECISION, "with meaning");
        double tw = threshold(without, ADVICE_PRECISION, "words only");
        SpanClassifier c = new SpanClassifier("advice", List.of(), with.trees(), without.trees(), t, tw);
        return new Result(c, with.json(), without.json(), manifest("advice", List.of(), t, tw));
    }

    public Result quotes(List<LabelFiles.Labeled> rows, HostModel host, ContentService content, PassageVectors vectors) {
        int positives = (int) rows.stream().filter(r -> r.label().equals("post")).count();
        log.printf("quotes: %d labeled candidates over %d topics (%d worth posting)%n", rows.size(),
                rows.stream().map(LabelFiles.Labeled::topic).distinct().count(), positives);
        Map<LabelFiles.Labeled, float[]> meaning = embed(rows, vectors);
        Map<String, QuoteFinder.Topic> topics = topics(rows, content);
        Function<LabelFiles.Labeled, float[]> shape = r -> ShapeFeature.of(r.moment(), host.hostProbabilities(r.moment().episode()));
        TreeEnsembleAndJson with = best("with meaning", rows, "post", r -> SpanClassifier.input(shape.apply(r),
                QuoteFeature.of(r.moment(), topics.get(r.topic()), meaning.get(r)), meaning.get(r)));
        TreeEnsembleAndJson without = best("words only", rows, "post", r -> SpanClassifier.input(shape.apply(r),
                QuoteFeature.of(r.moment(), topics.get(r.topic()), null), null));
        SpanClassifier c = new SpanClassifier("quotes", QuoteFeature.names(), with.trees(), without.trees(), 0.5, 0.5);
        log.printf("  first quote worth posting, dev topics: %s%n", firstPosts(rows, "dev", host, topics, meaning, c));
        return new Result(c, with.json(), without.json(), manifest("quotes", QuoteFeature.names(), 0.5, 0.5));
    }

    /** Of the topics with labeled candidates in {@code split}, how many the classifier's first pick is worth posting for. */
    public static String firstPosts(List<LabelFiles.Labeled> rows, String split, HostModel host, Map<String, QuoteFinder.Topic> topics,
                             Map<LabelFiles.Labeled, float[]> meaning, SpanClassifier c) {
        Map<String, List<LabelFiles.Labeled>> byTopic = new LinkedHashMap<>();
        for (LabelFiles.Labeled r : rows) if (r.split().equals(split)) byTopic.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(r);
        int right = 0, topicsWithAny = 0;
        for (List<LabelFiles.Labeled> cands : byTopic.values()) {
            if (cands.stream().noneMatch(r -> r.label().equals("post"))) continue;
            topicsWithAny++;
            LabelFiles.Labeled best = null;
            double bestP = -1;
            for (LabelFiles.Labeled r : cands) {
                double p = c.probability(ShapeFeature.of(r.moment(), host.hostProbabilities(r.moment().episode())),
                        QuoteFeature.of(r.moment(), topics.get(r.topic()), meaning.get(r)), meaning.get(r));
                if (p > bestP) {
                    best = r;
                    bestP = p;
                }
            }
            if (best.label().equals("post")) right++;
        }
        return right + "/" + topicsWithAny + " topics that have one";
    }

    /** Each labeled span's embedding, as the bot computes it. */
    public static Map<LabelFiles.Labeled, float[]> embed(List<LabelFiles.Labeled> rows, PassageVectors vectors) {
        List<String> texts = new ArrayList<>();
        for (LabelFiles.Labeled r : rows) texts.add(r.moment().text());
        List<float[]> vs = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 512) vs.addAll(vectors.embedder().passages(texts.subList(from, Math.min(texts.size(), from + 512))));
        Map<LabelFiles.Labeled, float[]> out = new IdentityHashMap<>();
        for (int i = 0; i < rows.size(); i++) out.put(rows.get(i), vs.get(i));
        return out;
    }

    /** Each topic as the quote finder sees it (its hits, coverage, meaning), the nearest passages found exactly. */
    public static Map<String, QuoteFinder.Topic> topics(List<LabelFiles.Labeled> rows, ContentService content) {
        Map<String, QuoteFinder.Topic> out = new LinkedHashMap<>();
        Searcher s = content.snapshot().searcher().exact();
        for (LabelFiles.Labeled r : rows) {
            out.computeIfAbsent(r.topic(), t -> {
                Searcher.ParsedQuery q = s.parse(t, false);
                List<Searcher.Hit> hits = new ArrayList<>(s.passages(q, 60, Map.of()));
                float[] meant = s.meaningOf(t);
                for (PassageVectors.Similar p : s.similar(meant, 30, Set.of())) hits.add(new Searcher.Hit(p.episodeId(), p.first(), p.last(), 0f));
                return QuoteFinder.topic(s, content.corpus(), t, q, hits, meant);
            });
        }
        return out;
    }

    /** The two classifiers' names, as their files and {@code SpanClassifier} spell them. */
    static final String ADVICE = "advice", QUOTES = "quotes";

    /** The files {@link #write} writes for the classifier {@code name}: its manifest, and its models with and without meaning. */
    static List<String> files(String name) {
        return List.of(name + ".json", name + "-meaning.json", name + "-words.json");
    }

    static String manifest(String name, List<String> extra, double threshold, double thresholdWithout) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("withMeaning", files(name).get(1));
        m.put("withoutMeaning", files(name).get(2));
        m.put("threshold", threshold);
        m.put("thresholdWithoutMeaning", thresholdWithout);
        m.putPOJO("features", SpanClassifier.featureNames(extra));
        try {
            return json.writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(String name, Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> files = files(name);
        Files.writeString(dir.resolve(files.get(0)), r.manifest());
        Files.write(dir.resolve(files.get(1)), r.withMeaning());
        Files.write(dir.resolve(files.get(2)), r.withoutMeaning());
    }
}
