package dev.quotecast.learn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trees walked in one set of arrays give the very double the tree-by-tree walk gave: the
 * shipped answer models must score as they were trained and evaluated (issue 20).
 */
class FlatTreesTest {

    @Test
    void marginsAreBitIdenticalToATreeByTreeWalkOfTheShippedRanker() throws Exception {
        byte[] json;
        try (InputStream in = TreeEnsemble.class.getResourceAsStream("/models/answer-ranker.json")) {
            json = in.readAllBytes();
        }
        TreeEnsemble flat = TreeEnsemble.read(new java.io.ByteArrayInputStream(json));
        JsonNode learner = new ObjectMapper().readTree(json).path("learner");
        JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
        String objective = learner.path("objective").path("name").asText();
        String score = learner.path("learner_model_param").path("base_score").asText("0.5").replace("[", "").replace("]", "").trim();
        double b = Double.parseDouble(score.contains(",") ? score.substring(0, score.indexOf(',')) : score);
        double base = objective.startsWith("binary:logistic") || objective.equals("reg:logistic") ? Math.log(b / (1 - b)) : b;
        Random r = new Random(20);
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        for (int row = 0; row < 2000; row++) {
            float[] x = new float[flat.featureCount()];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(10) == 0 ? Float.NaN : (float) (r.nextGaussian() * 3);
            assertThat(flat.margin(x)).as("row " + row).isEqualTo(reference(trees, base, x));
            rows.add(x);
        }
        double[] batch = flat.margins(rows);
        for (int row = 0; row < rows.size(); row++) {
            assertThat(batch[row]).as("row " + row + " scored in a batch").isEqualTo(reference(trees, base, rows.get(row)));
        }
        assertThat(flat.size()).isEqualTo(trees.size());
    }

    @Test
    void unevenAndDeepTreesScoreAsWalkedNodeByNode() throws Exception {
        // tree 0: a leaf at depth 1 beside a branch three deep; tree 1: a single leaf; tree 2: a chain
        // ten deep, past the padded layout's limit, so the whole ensemble is walked node by node
        String uneven = tree(new int[] {1, -1, 3, 5, -1, 7, -1, -1, -1}, new int[] {2, -1, 4, 6, -1, 8, -1, -1, -1},
                new int[] {0, 0, 1, 2, 0, 0, 0, 0, 0}, new float[] {0.5f, -1.25f, 1f, -2f, 0.75f, 0f, 2.5f, -0.5f, 3f},
                new int[] {1, 0, 0, 1, 0, 0, 0, 0, 0});
        String leaf = tree(new int[] {-1}, new int[] {-1}, new int[] {0}, new float[] {0.125f}, new int[] {0});
        int deep = 10;
        int[] l = new int[2 * deep + 1], rt = new int[2 * deep + 1], f = new int[2 * deep + 1], d = new int[2 * deep + 1];
        float[] th = new float[2 * deep + 1];
        for (int k = 0; k < deep; k++) {
            l[k] = k + 1 < deep ? k + 1 : 2 * deep;
            rt[k] = deep + k;
            f[k] = k % 3;
            th[k] = k * 0.1f - 0.5f;
            d[k] = k % 2;
        }
        for (int k = deep; k <= 2 * deep; k++) {
            l[k] = -1;
            rt[k] = -1;
            th[k] = k * 0.01f;
        }
        String chain = tree(l, rt, f, th, d);
        TreeEnsemble padded = TreeEnsemble.read(model(uneven + "," + leaf));
        TreeEnsemble walked = TreeEnsemble.read(model(uneven + "," + leaf + "," + chain));
        JsonNode paddedTrees = new ObjectMapper().readTree(model(uneven + "," + leaf).readAllBytes())
                .path("learner").path("gradient_booster").path("model").path("trees");
        JsonNode walkedTrees = new ObjectMapper().readTree(model(uneven + "," + leaf + "," + chain).readAllBytes())
                .path("learner").path("gradient_booster").path("model").path("trees");
        Random r = new Random(21);
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        for (int row = 0; row < 500; row++) {
            float[] x = new float[3];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) == 0 ? Float.NaN : (float) (r.nextGaussian() * 2);
            rows.add(x);
        }
        double[] p = padded.margins(rows), w = walked.margins(rows);
        for (int row = 0; row < rows.size(); row++) {
            assertThat(p[row]).as("row " + row).isEqualTo(reference(paddedTrees, 0.25, rows.get(row))).isEqualTo(padded.margin(rows.get(row)));
            assertThat(w[row]).as("row " + row).isEqualTo(reference(walkedTrees, 0.25, rows.get(row))).isEqualTo(walked.margin(rows.get(row)));
        }
    }

    private static String tree(int[] left, int[] right, int[] feature, float[] threshold, int[] defaultLeft) {
        return "{\"left_children\":" + java.util.Arrays.toString(left) + ",\"right_children\":" + java.util.Arrays.toString(right)
                + ",\"split_indices\":" + java.util.Arrays.toString(feature) + ",\"split_conditions\":" + java.util.Arrays.toString(threshold)
                + ",\"default_left\":" + java.util.Arrays.toString(defaultLeft) + "}";
    }

    private static InputStream model(String trees) {
        String json = "{\"learner\":{\"objective\":{\"name\":\"rank:pairwise\"},\"learner_model_param\":{\"base_score\":\"2.5E-1\",\"num_feature\":\"3\"},"
                + "\"gradient_booster\":{\"model\":{\"trees\":[" + trees + "]}}}}";
        return new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The sum as the ensemble computed it before: base, then each tree's leaf in order. */
    private static double reference(JsonNode trees, double base, float[] x) {
        double sum = base;
        for (JsonNode t : trees) {
            JsonNode left = t.path("left_children"), right = t.path("right_children"), feature = t.path("split_indices"),
                    threshold = t.path("split_conditions"), defaultLeft = t.path("default_left");
            int n = 0;
            while (left.get(n).asInt() != -1) {
                float v = x[feature.get(n).asInt()];
                n = Float.isNaN(v) ? (defaultLeft.get(n).asInt() != 0 ? left.get(n).asInt() : right.get(n).asInt())
                        : v < (float) threshold.get(n).asDouble() ? left.get(n).asInt() : right.get(n).asInt();
            }
            sum += (float) threshold.get(n).asDouble();
        }
        return sum;
    }
}
