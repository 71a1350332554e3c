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
    /**
     * The same trees padded to complete binary trees of depth {@link #depth} (null when a tree is
     * deeper than {@link #MAX_COMPLETE_DEPTH}): node i's children are 2i+1 and 2i+2, so the walk is
     * the same {@code depth} steps for every row with no pointer to follow and no end-of-walk test,
     * and {@link #margins} can step many candidates through one tree at a time. A leaf above the
     * last level is pushed down as splits whose both sides hold its value, so no score changes.
     */
    private final int depth;
    /**
     * Per padded split, where its value sits in a row's {@link #keys}: the feature's index, plus
     * the feature count when a missing value goes left. The threshold is kept as an ordered key.
     */
    private final int[] completeKeyAt, completeThresholdKey;
    private final float[] completeLeaf;
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
        this.features = features; // the padded splits' key positions need it
        int deepest = 0;
        for (Tree t : trees) deepest = Math.max(deepest, depthOf(t, 0));
        if (deepest <= MAX_COMPLETE_DEPTH) {
            int inner = (1 << deepest) - 1, leaves = 1 << deepest;
            this.depth = deepest;
            this.completeKeyAt = new int[trees.size() * inner];
            this.completeThresholdKey = new int[trees.size() * inner];
            this.completeLeaf = new float[trees.size() * leaves];
            for (int i = 0; i < trees.size(); i++) pad(trees.get(i), 0, 0, 0, i * inner, i * leaves);
        } else {
            this.depth = -1;
            this.completeKeyAt = null;
            this.completeThresholdKey = null;
            this.completeLeaf = null;
        }
        this.baseMargin = baseMargin;
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

    /** Deeper trees than this are walked node by node: padding them would cost 2^depth per tree. */
    static final int MAX_COMPLETE_DEPTH = 8;

    private static int depthOf(Tree t, int n) {
        return t.left()[n] == -1 ? 0 : 1 + Math.max(depthOf(t, t.left()[n]), depthOf(t, t.right()[n]));
    }

    /**
     * Writes XGBoost node {@code n}, found at {@code level} and position {@code at} of its level,
     * into the complete layout of the tree whose arrays start at {@code inner0} and {@code leaf0}.
     */
    private void pad(Tree t, int n, int level, int at, int inner0, int leaf0) {
        if (level == depth) {
            completeLeaf[leaf0 + at] = t.threshold()[n];
            return;
        }
        int node = inner0 + (1 << level) - 1 + at;
        if (t.left()[n] == -1) {
            // a leaf above the last level: any split whose both sides lead to its value
            completeKeyAt[node] = 0;
            completeThresholdKey[node] = 0;
            pad(t, n, level + 1, 2 * at, inner0, leaf0);
            pad(t, n, level + 1, 2 * at + 1, inner0, leaf0);
            return;
        }
        completeKeyAt[node] = t.feature()[n] + (t.defaultLeft()[n] ? features : 0);
        completeThresholdKey[node] = orderedKey(t.threshold()[n]);
        pad(t, t.left()[n], level + 1, 2 * at, inner0, leaf0);
        pad(t, t.right()[n], level + 1, 2 * at + 1, inner0, leaf0);
    }

    /** The raw score (margin): the sum of the trees' leaves and the base margin. */
    public double margin(float[] x) {
        checkWidth(x);
        if (depth >= 0) return margins(List.of(x))[0];
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

    /**
     * The margins of many rows at once, each the very double {@link #margin} gives it: the rows go
     * through one tree at a time, so the tree's few nodes stay in cache and the rows' walks, which
     * do not depend on each other, overlap in the processor instead of waiting on one another
     * (a warm {@code ask} scores about a thousand candidates with 500 trees; issue 20).
     */
    public double[] margins(List<float[]> rows) {
        double[] sums = new double[rows.size()];
        java.util.Arrays.fill(sums, baseMargin);
        if (depth < 0) {
            for (int r = 0; r < sums.length; r++) sums[r] = margin(rows.get(r));
            return sums;
        }
        int[][] keys = new int[sums.length][];
        for (int r = 0; r < sums.length; r++) keys[r] = keys(rows.get(r));
        int inner = (1 << depth) - 1, leaves = 1 << depth;
        for (int t = 0, trees = roots.length; t < trees; t++) {
            int inner0 = t * inner, leaf0 = t * leaves;
            for (int r = 0; r < keys.length; r++) {
                int[] k = keys[r];
                int n = 0;
                for (int level = 0; level < depth; level++) {
                    int node = inner0 + n;
                    // left (2n+1) when the value's key is below the threshold's: the sign bit of the
                    // difference, taken as a long so it cannot overflow; no branch to mispredict
                    n = 2 * n + 2 - (int) (((long) k[completeKeyAt[node]] - completeThresholdKey[node]) >>> 63);
                }
                sums[r] += completeLeaf[leaf0 + n - inner];
            }
        }
        return sums;
    }

    /**
     * A row's values as ordered keys, twice: first with a missing value above every threshold (it
     * goes right), then below every threshold (it goes left). Comparing keys as ints is comparing
     * the floats, so XGBoost's rule (left when value &lt; threshold, missing its learned way) holds
     * without a branch on the value.
     */
    private int[] keys(float[] x) {
        checkWidth(x);
        int[] k = new int[2 * features];
        for (int f = 0; f < features; f++) {
            boolean missing = Float.isNaN(x[f]);
            k[f] = missing ? Integer.MAX_VALUE : orderedKey(x[f]);
            k[features + f] = missing ? Integer.MIN_VALUE : orderedKey(x[f]);
        }
        return k;
    }

    /**
     * An int that orders as the float does ({@code a < b} exactly when {@code key(a) < key(b)}) for
     * every float but NaN: positive floats' bits already order, negative ones' are flipped; -0 is
     * +0 first, as the float comparison has them equal. Finite and infinite values land strictly
     * between {@code Integer.MIN_VALUE} and {@code Integer.MAX_VALUE}.
     */
    static int orderedKey(float v) {
        int bits = Float.floatToRawIntBits(v + 0.0f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    private void checkWidth(float[] x) {
        if (x.length < features) throw new IllegalArgumentException("the model reads " + features + " features, got " + x.length);
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
