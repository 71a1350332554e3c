package dev.quotecast.search;

import org.apache.lucene.util.Constants;
import org.apache.lucene.util.VectorUtil;

/**
 * A question's dot products with many passage vectors, four passages at a time, each bit for bit
 * what {@link VectorUtil#dotProduct} gives. On Java 17 Lucene has no vectorised kernels and its
 * scalar loop keeps four running sums, each a chain of dependent multiply-adds that waits on the
 * one before; a warm {@code ask} takes the dot products of some 16,000 passages, and they were a
 * quarter of its Java time at 101 episodes. Running four passages' chains side by side gives the
 * CPU sixteen independent ones to overlap, while every passage's sums are added in the same
 * order as Lucene's, so the stored features, and the models trained on them, see the same numbers.
 * Where this JVM's Lucene computes otherwise (a vectorised kernel on a newer Java), each vector
 * goes to Lucene instead.
 */
final class QuestionDots {

    /** Whether this arithmetic is Lucene's on this JVM: checked once on vectors with no easy sums. */
    private static final boolean SAME_AS_LUCENE = sameAsLucene();

    private final float[] query;
    /** Whether four at a time applies: Lucene's arithmetic on this JVM, and a vector long enough for its unrolled loop. */
    private final boolean fourAtATime;
    private final float[] staged;
    private final float[][] into = new float[4][];
    private final int[] at = new int[4];
    private int pending;

    QuestionDots(float[] query) {
        this.query = query;
        this.fourAtATime = SAME_AS_LUCENE && query.length % 4 == 0 && query.length > 32;
        this.staged = new float[4 * query.length];
    }

    /** Sets {@code into[k]} to the dot product of the question with {@code vector}, now or by {@link #flush}; {@code vector} may be reused after. */
    void put(float[] into, int k, float[] vector) {
        if (!fourAtATime || vector.length != query.length) {
            into[k] = VectorUtil.dotProduct(query, vector);
            return;
        }
        System.arraycopy(vector, 0, staged, pending * query.length, query.length);
        this.into[pending] = into;
        at[pending] = k;
        if (++pending == 4) flush();
    }

    /** Computes what {@link #put} staged. */
    void flush() {
        if (pending == 4) {
            float[] r = four(query, staged);
            for (int j = 0; j < 4; j++) into[j][at[j]] = r[j];
        } else {
            float[] one = new float[query.length];
            for (int j = 0; j < pending; j++) {
                System.arraycopy(staged, j * query.length, one, 0, query.length);
                into[j][at[j]] = VectorUtil.dotProduct(query, one);
            }
        }
        java.util.Arrays.fill(into, null);
        pending = 0;
    }

    /**
     * Dot products of {@code q} with the four vectors laid end to end in {@code v}: Lucene's scalar
     * loop (four sums over the elements 0, 1, 2, 3 mod 4, fused multiply-adds where the CPU has them,
     * then {@code 0 + (((s1 + s2) + s3) + s4)}) for four vectors at once.
     */
    static float[] four(float[] q, float[] v) {
        int n = q.length, b = n, c = 2 * n, d = 3 * n;
        float a1 = 0, a2 = 0, a3 = 0, a4 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0;
        float c1 = 0, c2 = 0, c3 = 0, c4 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0;
        for (int i = 0; i < n; i += 4) {
            float q0 = q[i], q1 = q[i + 1], q2 = q[i + 2], q3 = q[i + 3];
            a1 = fma(q0, v[i], a1);
            a2 = fma(q1, v[i + 1], a2);
            a3 = fma(q2, v[i + 2], a3);
            a4 = fma(q3, v[i + 3], a4);
            b1 = fma(q0, v[b + i], b1);
            b2 = fma(q1, v[b + i + 1], b2);
            b3 = fma(q2, v[b + i + 2], b3);
            b4 = fma(q3, v[b + i + 3], b4);
            c1 = fma(q0, v[c + i], c1);
            c2 = fma(q1, v[c + i + 1], c2);
            c3 = fma(q2, v[c + i + 2], c3);
            c4 = fma(q3, v[c + i + 3], c4);
            d1 = fma(q0, v[d + i], d1);
            d2 = fma(q1, v[d + i + 1], d2);
            d3 = fma(q2, v[d + i + 2], d3);
            d4 = fma(q3, v[d + i + 3], d4);
        }
        return new float[] {sum(a1, a2, a3, a4), sum(b1, b2, b3, b4), sum(c1, c2, c3, c4), sum(d1, d2, d3, d4)};
    }

    private static float sum(float s1, float s2, float s3, float s4) {
        float res = 0f;
        res += s1 + s2 + s3 + s4;
        return res;
    }

    /** As Lucene's: a fused multiply-add where it is fast, else a product and a sum, each rounded. */
    private static float fma(float a, float b, float c) {
        return Constants.HAS_FAST_SCALAR_FMA ? Math.fma(a, b, c) : a * b + c;
    }

    private static boolean sameAsLucene() {
        java.util.Random random = new java.util.Random(7);
        float[] q = new float[384], v = new float[4 * 384];
        for (int i = 0; i < q.length; i++) q[i] = (float) random.nextGaussian() / 7f;
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian() / 3f;
        float[] r = four(q, v);
        for (int j = 0; j < 4; j++) {
            float lucene = VectorUtil.dotProduct(q, java.util.Arrays.copyOfRange(v, j * 384, (j + 1) * 384));
            if (Float.floatToRawIntBits(lucene) != Float.floatToRawIntBits(r[j])) return false;
        }
        return true;
    }
}
