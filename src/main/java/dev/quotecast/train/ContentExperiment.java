package dev.quotecast.train;

import dev.quotecast.content.Moment;
import dev.quotecast.learn.Dataset;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.learn.Xgb;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Compares ways of describing labeled spans to a classifier, on the dev episodes: ranking quality
 * (area under the ROC curve) and the precision of the best-scored rows, which is what decides a
 * pool of advice or the first quote of a topic.
 */
final class ContentExperiment {

    private ContentExperiment() {}

    /** The figures of a classifier's scores against labels. */
    record Figures(int rows, int positives, double auc, double precisionAt10, double precisionAt25, double precisionAtHalf, int aboveHalf) {
        String describe() {
            return String.format("rows %d (%d positive), AUC %.3f, precision@10 %.0f%%, @25 %.0f%%, above 0.5: %d at %.0f%%", rows, positives, auc,
                    100 * precisionAt10, 100 * precisionAt25, aboveHalf, 100 * precisionAtHalf);
        }
    }

    static Figures figures(double[] scores, float[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int pos = 0;
        for (float l : labels) if (l > 0) pos++;
        int neg = labels.length - pos;
        // AUC: share of positive-negative pairs ordered right
        long right = 0;
        int negSeen = 0;
        for (int r = order.length - 1; r >= 0; r--) {
            if (labels[order[r]] > 0) right += negSeen;
            else negSeen++;
        }
        double auc = pos == 0 || neg == 0 ? Double.NaN : (double) right / ((long) pos * neg);
        int above = 0, aboveRight = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0.5) {
                above++;
                if (labels[i] > 0) aboveRight++;
            }
        }
        return new Figures(labels.length, pos, auc, precisionAt(order, labels, 10), precisionAt(order, labels, 25),
                above == 0 ? Double.NaN : (double) aboveRight / above, above);
    }

    private static double precisionAt(Integer[] order, float[] labels, int k) {
        int n = Math.min(k, order.length), hits = 0;
        for (int i = 0; i < n; i++) if (labels[order[i]] > 0) hits++;
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /** Fits on train rows, scores dev rows, prints the figures, returns the model. */
    static TreeEnsemble run(PrintStream log, String name, List<LabelFiles.Labeled> rows, String positive, Function<LabelFiles.Labeled, float[]> features,
                            int columns, Xgb.Params p) {
        Dataset train = new Dataset(columns), dev = new Dataset(columns);
        for (LabelFiles.Labeled r : rows) {
            Dataset d = r.split().equals("train") ? train : r.split().equals("dev") ? dev : null;
            if (d != null) d.add(features.apply(r), r.label().equals(positive) ? 1 : 0, 1);
        }
        TreeEnsemble m = Xgb.fit(train, p).trees();
        double[] scores = new double[dev.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = m.probability(dev.rows().get(i));
        log.printf("  %-28s dev %s%n", name, figures(scores, dev.labels()).describe());
        return m;
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<String> texts(List<LabelFiles.Labeled> rows) {
        List<String> out = new ArrayList<>();
        for (LabelFiles.Labeled r : rows) out.add(r.moment().text());
        return out;
    }

    static int passageOf(Moment m, List<dev.quotecast.search.Passages.Window> windows) {
        for (int k = 0; k < windows.size(); k++) {
            if (windows.get(k).first() <= m.firstSentence() && m.firstSentence() <= windows.get(k).last()) return k;
        }
        return -1;
    }
}
