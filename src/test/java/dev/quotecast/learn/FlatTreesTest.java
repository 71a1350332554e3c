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
        for (int row = 0; row < 2000; row++) {
            float[] x = new float[flat.featureCount()];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(10) == 0 ? Float.NaN : (float) (r.nextGaussian() * 3);
            assertThat(flat.margin(x)).as("row " + row).isEqualTo(reference(trees, base, x));
        }
        assertThat(flat.size()).isEqualTo(trees.size());
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
