package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * Four passages at a time must give Lucene's dot products bit for bit: the answer models were
 * trained on cosines Lucene computed, and a last-bit difference can move a tree's split.
 */
class QuestionDotsTest {

    @Test
    void everyDotProductIsLucenesToTheLastBit() {
        Random random = new Random(2026);
        for (int dimension : new int[] {384, 36, 20, 7}) {
            float[] query = gaussian(random, dimension);
            // 11 passages: two groups of four and three left for the flush
            float[][] passages = new float[11][];
            for (int k = 0; k < passages.length; k++) passages[k] = gaussian(random, dimension);
            float[] into = new float[passages.length];
            QuestionDots dots = new QuestionDots(query);
            float[] buffer = new float[dimension];
            for (int k = 0; k < passages.length; k++) {
                // the vector arrives in a buffer the caller reuses, as Lucene's is
                System.arraycopy(passages[k], 0, buffer, 0, dimension);
                dots.put(into, k, buffer);
                java.util.Arrays.fill(buffer, Float.NaN);
            }
            dots.flush();
            for (int k = 0; k < passages.length; k++) {
                assertThat(Float.floatToRawIntBits(into[k])).as("dimension %d, passage %d", dimension, k)
                        .isEqualTo(Float.floatToRawIntBits(VectorUtil.dotProduct(query, passages[k])));
            }
        }
    }

    @Test
    void unitVectorsAsBgeMakesThemToo() {
        Random random = new Random(5);
        float[] query = unit(gaussian(random, 384));
        float[] into = new float[400];
        float[][] passages = new float[400][];
        QuestionDots dots = new QuestionDots(query);
        for (int k = 0; k < passages.length; k++) {
            passages[k] = unit(gaussian(random, 384));
            dots.put(into, k, passages[k]);
        }
        dots.flush();
        int same = 0;
        for (int k = 0; k < passages.length; k++) {
            if (Float.floatToRawIntBits(into[k]) == Float.floatToRawIntBits(VectorUtil.dotProduct(query, passages[k]))) same++;
        }
        assertThat(same).isEqualTo(passages.length);
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }
}
