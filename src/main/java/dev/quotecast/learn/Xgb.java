package dev.quotecast.learn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits XGBoost models, the same every run: one thread, a fixed seed, no row or column sampling,
 * histogram trees. Only {@code quotecast train} loads XGBoost's native library; what it returns is
 * the model as XGBoost's JSON (the file that ships) and that JSON read back as a {@link TreeEnsemble}.
 */
public final class Xgb {

    /** A trained model: XGBoost's JSON, and the same read back for scoring. */
    public record Model(byte[] json, TreeEnsemble trees) {}

    /**
     * Settings of one fit.
     *
     * @param objective {@code rank:ndcg}, {@code rank:pairwise}, {@code binary:logistic}
     */
    public record Params(String objective, int rounds, int maxDepth, double eta, double minChildWeight, double lambda) {
        public String describe() {
            return objective + " rounds=" + rounds + " depth=" + maxDepth + " eta=" + eta + " minChild=" + minChildWeight + " lambda=" + lambda;
        }
    }

    private Xgb() {}

    public static Model fit(Dataset data, Params p) {
        try {
            DMatrix m = new DMatrix(data.matrix(), data.size(), data.columns(), Float.NaN);
            try {
                m.setLabel(data.labels());
                int[] groups = data.groups();
                if (groups.length > 0) m.setGroup(groups);
                else m.setWeight(data.weights());
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("objective", p.objective());
                params.put("eta", p.eta());
                params.put("max_depth", p.maxDepth());
                params.put("min_child_weight", p.minChildWeight());
                params.put("lambda", p.lambda());
                params.put("tree_method", "hist");
                params.put("nthread", 1);
                params.put("seed", 20261203);
                params.put("subsample", 1.0);
                params.put("colsample_bytree", 1.0);
                params.put("verbosity", 0);
                if (p.objective().startsWith("rank:")) params.put("eval_metric", "ndcg@3");
                Booster b = XGBoost.train(m, params, p.rounds(), Map.of(), null, null);
                try {
                    ByteArrayOutputStream json = new ByteArrayOutputStream();
                    b.saveModel(json, "json");
                    byte[] bytes = json.toByteArray();
                    return new Model(bytes, TreeEnsemble.read(new ByteArrayInputStream(bytes)));
                } finally {
                    b.dispose();
                }
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** XGBoost's own margins for the rows of {@code data}, to check {@link TreeEnsemble} against (tests). */
    public static float[] margins(byte[] json, Dataset data) {
        try {
            Booster b = XGBoost.loadModel(json);
            DMatrix m = new DMatrix(data.matrix(), data.size(), data.columns(), Float.NaN);
            try {
                float[][] out = b.predict(m, true);
                float[] flat = new float[out.length];
                for (int i = 0; i < out.length; i++) flat[i] = out[i][0];
                return flat;
            } finally {
                m.dispose();
                b.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
