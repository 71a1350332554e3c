package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The passages a question takes from each candidate episode beyond its hits are the head of a full
 * sort by cosine, ties by place: {@link Answerer#closest} keeps only the head (issue 20), and the
 * shipped ranker was trained on what the sort chose.
 */
class ClosestPassagesTest {

    @Test
    void theClosestAreTheHeadOfTheFullSortTiesAndMissingValuesIncluded() {
        Random r = new Random(23);
        for (int round = 0; round < 2000; round++) {
            float[] c = new float[r.nextInt(12)];
            for (int k = 0; k < c.length; k++) {
                int kind = r.nextInt(8);
                c[k] = kind == 0 ? Float.NaN : kind == 1 ? 0.5f : kind == 2 ? -0.0f : kind == 3 ? 0.0f : r.nextFloat() * 2 - 1;
            }
            int n = r.nextInt(5);
            Integer[] sorted = new Integer[c.length];
            for (int k = 0; k < c.length; k++) sorted[k] = k;
            Arrays.sort(sorted, (a, b) -> Float.compare(c[b], c[a]) != 0 ? Float.compare(c[b], c[a]) : Integer.compare(a, b));
            int[] expected = Arrays.stream(sorted).limit(n).mapToInt(Integer::intValue).toArray();
            assertThat(Answerer.closest(c, n)).as(Arrays.toString(c) + " n=" + n).containsExactly(expected);
        }
    }
}
