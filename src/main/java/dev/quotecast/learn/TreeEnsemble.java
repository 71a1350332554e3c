package dev.quotecast.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A gradient-boosted tree ensemble saved by XGBoost in its JSON format, scored in plain Java.
 *
 * <p>The models are trained with XGBoost4J ({@code quotecast train}), but the bot only needs to walk
 * a few hundred small trees per question: doing that here keeps XGBoost's 60 MB of native code and
 * its start-up out of every process that merely answers, and makes a score a pure function of the
 * features. {@code TreeEnsembleTest} checks that it gives XGBoost's own margins on the training data.
 *
 * <p>XGBoost's split rule: go left when {@code x[feature] < threshold}; a missing value (NaN) goes
 * the way the tree learned for it ({@code default_left}).
 */
public final class TreeEnsemble {

    /**
     * One tree as read, in XGBoost's array layout: node i's children (-1: a leaf), split feature
     * and threshold, or its leaf value (a leaf keeps its value where a split keeps its threshold).
     */
    private record Tree(int[] left, int[] right, int[] feature, float[] threshold, boolean[] defaultLeft) {}

    /**
     * Every tree's nodes in one set of arrays, children as indexes into them, and where each tree
     * starts: a warm {@code ask} scores hundreds of candidates with 500 trees, and walking one
     * record and five arrays per tree was a third of its Java time (issue 20); contiguous arrays
     * keep the walk in cache.
     */
    private final int[] roots, left, right, feature;
    private final float[] threshold;
    private final boolean[] defaultLeft;
    private final double baseMargin;
    private final int features;
    private final String objective;
    private final String fingerprint;

    private TreeEnsemble(List<Tree> trees, double baseMargin, int features, String objective, String fingerprint) {
        int nodes = 0;
        for (Tree t : trees) nodes += t.left().length;
        this.roots = new int[trees.size()];
        this.left = new int[nodes];
        this.right = new int[nodes];
        this.feature = new int[nodes];
        this.threshold = new float[nodes];
        this.defaultLeft = new boolean[nodes];
        int at = 0;
        for (int i = 0; i < trees.size(); i++) {
            Tree t = trees.get(i);
            roots[i] = at;
            for (int k = 0; k < t.left().length; k++) {
                left[at + k] = t.left()[k] == -1 ? -1 : at + t.left()[k];
                right[at + k] = t.right()[k] == -1 ? -1 : at + t.right()[k];
                feature[at + k] = t.feature()[k];
                threshold[at + k] = t.threshold()[k];
                defaultLeft[at + k] = t.defaultLeft()[k];
            }
            at += t.left().length;
        }
        this.baseMargin = baseMargin;
        this.features = features;
        this.objective = objective;
        this.fingerprint = fingerprint;
    }

    /** A checksum of the model file: what was scored with one model is not taken for another's. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Reads a model saved by XGBoost as JSON ({@code booster.saveModel("x.json")}). */
    public static TreeEnsemble read(InputStream json) throws IOException {
        byte[] bytes = json.readAllBytes();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        JsonNode learner = new ObjectMapper().readTree(bytes).path("learner");
        JsonNode param = learner.path("learner_model_param");
        String objective = learner.path("objective").path("name").asText();
        int features = Integer.parseInt(param.path("num_feature").asText("0"));
        double base = parseBaseScore(param.path("base_score").asText("0.5"));
        // XGBoost keeps base_score in the output's space: a probability for logistic objectives
        double baseMargin = objective.startsWith("binary:logistic") || objective.equals("reg:logistic") ? Math.log(base / (1 - base)) : base;
        List<Tree> trees = new ArrayList<>();
        for (JsonNode t : learner.path("gradient_booster").path("model").path("trees")) {
            trees.add(new Tree(ints(t.path("left_children")), ints(t.path("right_children")), ints(t.path("split_indices")),
                    floats(t.path("split_conditions")), bools(t.path("default_left"))));
        }
        if (trees.isEmpty()) throw new IOException("no trees in the model (objective " + objective + ")");
        return new TreeEnsemble(trees, baseMargin, features, objective, Long.toHexString(crc.getValue()) + "-" + bytes.length);
    }

    /** Reads a model from the classpath. */
    public static TreeEnsemble resource(String path) {
        try (InputStream in = TreeEnsemble.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("no model at " + path + " on the classpath (quotecast train writes it)");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "5E-1", "[5E-1]" (XGBoost 3 writes a vector): the first number. */
    private static double parseBaseScore(String s) {
        String t = s.replace("[", "").replace("]", "").trim();
        int comma = t.indexOf(',');
        return Double.parseDouble(comma < 0 ? t : t.substring(0, comma));
    }

    /** The raw score (margin): the sum of the trees' leaves and the base margin. */
    public double margin(float[] x) {
        if (x.length < features) throw new IllegalArgumentException("the model reads " + features + " features, got " + x.length);
        double sum = baseMargin;
        // the trees in order, as XGBoost sums them: the same double, bit for bit, as tree by tree
        for (int root : roots) {
            int n = root;
            while (left[n] != -1) {
                float v = x[feature[n]];
                n = Float.isNaN(v) ? (defaultLeft[n] ? left[n] : right[n]) : v < threshold[n] ? left[n] : right[n];
            }
            sum += threshold[n];
        }
        return sum;
    }

    /** The margin through the logistic function: a probability for a model trained with a logistic objective. */
    public double probability(float[] x) {
        return 1 / (1 + Math.exp(-margin(x)));
    }

    public int featureCount() {
        return features;
    }

    public String objective() {
        return objective;
    }

    public int size() {
        return roots.length;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
        return out;
    }

    private static boolean[] bools(JsonNode a) {
        boolean[] out = new boolean[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt() != 0;
        return out;
    }
}
