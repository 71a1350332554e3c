package dev.quotecast.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of features with a label each, grouped by query for ranking (one group per question).
 * Rows are added group by group; the order is kept, so that XGBoost sees the same matrix every run.
 */
public final class Dataset {

    private final int columns;
    private final List<float[]> rows = new ArrayList<>();
    private final List<Float> labels = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    private final List<Float> weights = new ArrayList<>();

    public Dataset(int columns) {
        this.columns = columns;
    }

    /** Adds one group (a question's candidates), each row with its label. */
    public void addGroup(List<float[]> features, List<Float> groupLabels) {
        if (features.size() != groupLabels.size()) throw new IllegalArgumentException("one label per row");
        if (features.isEmpty()) return;
        for (int i = 0; i < features.size(); i++) add(features.get(i), groupLabels.get(i), 1f);
        groups.add(features.size());
    }

    /** Adds a row outside any group (classification), with a weight. */
    public void add(float[] features, float label, float weight) {
        if (features.length != columns) throw new IllegalArgumentException("expected " + columns + " features, got " + features.length);
        rows.add(features.clone());
        labels.add(label);
        weights.add(weight);
    }

    public int columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public List<float[]> rows() {
        return rows;
    }

    public float[] labels() {
        float[] out = new float[labels.size()];
        for (int i = 0; i < out.length; i++) out[i] = labels.get(i);
        return out;
    }

    public float[] weights() {
        float[] out = new float[weights.size()];
        for (int i = 0; i < out.length; i++) out[i] = weights.get(i);
        return out;
    }

    /** Group sizes in order; empty for a dataset without groups. */
    public int[] groups() {
        return groups.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The features row after row, as XGBoost reads a dense matrix. */
    float[] matrix() {
        float[] out = new float[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, out, r * columns, columns);
        return out;
    }
}
