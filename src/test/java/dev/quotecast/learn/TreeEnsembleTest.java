package dev.quotecast.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bot scores XGBoost's trees in plain Java; these must be XGBoost's own scores, missing values
 * included, for every objective the project trains with. And a fit is the same every time.
 */
class TreeEnsembleTest {

    /** Rows of 6 features, some missing, labels from a rule the trees can learn; in groups of 20 for ranking. */
    static Dataset data(boolean grouped, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Dataset d = new Dataset(6);
        for (int g = 0; g < 40; g++) {
            List<float[]> rows = new ArrayList<>();
            List<Float> labels = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                float[] x = new float[6];
                for (int k = 0; k < 6; k++) x[k] = r.nextInt(10) == 0 ? Float.NaN : (float) r.nextDouble();
                float y = (!Float.isNaN(x[0]) && x[0] > 0.6f) || (!Float.isNaN(x[2]) && x[1] + x[2] > 1.4f) ? 1 : 0;
                if (grouped && !Float.isNaN(x[3]) && x[3] > 0.9f) y = 2;
                rows.add(x);
                labels.add(y);
            }
            if (grouped) d.addGroup(rows, labels);
            else for (int i = 0; i < rows.size(); i++) d.add(rows.get(i), labels.get(i), 1);
        }
        return d;
    }

    @Test
    void marginsAreXgboostsOwnForRankingAndClassification() {
        for (Xgb.Params p : List.of(new Xgb.Params("rank:ndcg", 60, 4, 0.1, 1, 1), new Xgb.Params("rank:pairwise", 60, 3, 0.1, 1, 1),
                new Xgb.Params("binary:logistic", 60, 3, 0.1, 1, 1))) {
            Dataset d = data(p.objective().startsWith("rank:"), 7);
            Xgb.Model m = Xgb.fit(d, p);
            float[] theirs = Xgb.margins(m.json(), d);
            for (int i = 0; i < d.size(); i++) {
                assertThat(m.trees().margin(d.rows().get(i))).as(p.objective() + " row " + i).isCloseTo(theirs[i], within(1e-4));
            }
            assertThat(m.trees().objective()).isEqualTo(p.objective());
            assertThat(m.trees().size()).isEqualTo(60);
        }
    }

    @Test
    void theSameDataGiveTheSameModelByteForByte() {
        Xgb.Params p = new Xgb.Params("rank:pairwise", 40, 3, 0.1, 1, 1);
        assertThat(Xgb.fit(data(true, 11), p).json()).isEqualTo(Xgb.fit(data(true, 11), p).json());
        assertThat(Xgb.fit(data(true, 11), p).json()).isNotEqualTo(Xgb.fit(data(true, 12), p).json());
    }

    @Test
    void aModelLearnsTheRule() {
        Dataset d = data(false, 3);
        TreeEnsemble m = Xgb.fit(d, new Xgb.Params("binary:logistic", 100, 3, 0.1, 1, 1)).trees();
        Dataset held = data(false, 4);
        int right = 0;
        for (int i = 0; i < held.size(); i++) if ((m.probability(held.rows().get(i)) > 0.5) == (held.labels()[i] > 0)) right++;
        assertThat((double) right / held.size()).isGreaterThan(0.85);
    }
}
