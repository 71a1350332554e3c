package dev.quotecast.bench;

import java.util.Arrays;

/**
 * Latency samples of one measured loop, kept as raw nanoseconds so that percentiles are exact
 * (nearest rank) rather than read off a histogram's buckets: at 2,000 samples the difference
 * between p99 and the second-worst sample is the whole point of the figure.
 */
public final class Latencies {

    private long[] samples;
    private int size;

    public Latencies(int expected) {
        this.samples = new long[Math.max(16, expected)];
    }

    public void add(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("negative latency " + nanos);
        if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
        samples[size++] = nanos;
    }

    /** Merges another recorder's samples into this one (per-thread recorders of a load run). */
    public void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) add(other.samples[i]);
    }

    public int count() {
        return size;
    }

    /**
     * The summary over every sample, with {@code wallNanos} the elapsed time of the whole loop
     * (queries per second come from it, not from the sum of samples, so loop overhead counts).
     */
    public Summary summary(long wallNanos) {
        if (size == 0) return new Summary(0, 0, 0, 0, 0, 0);
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        double perSecond = wallNanos > 0 ? size * 1e9 / wallNanos : 0;
        return new Summary(size, rank(sorted, 0.50), rank(sorted, 0.99), sorted[size - 1], mean(sorted), perSecond);
    }

    /**
     * Nearest-rank percentile: the smallest sample such that at least {@code p} of all samples are
     * less than or equal to it. For p99 of 2,000 samples that is the 1,980th smallest.
     */
    static long rank(long[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("no samples");
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("percentile must be in (0, 1]: " + p);
        int r = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length, r) - 1)];
    }

    private static long mean(long[] sorted) {
        double sum = 0;
        for (long v : sorted) sum += v;
        return Math.round(sum / sorted.length);
    }

    /** Nanosecond figures of one loop and its throughput. */
    public record Summary(int count, long p50, long p99, long max, long mean, double perSecond) {

        /** One line for the child-to-parent channel: {@code count p50 p99 max mean perSecond}. */
        public String encode() {
            return count + " " + p50 + " " + p99 + " " + max + " " + mean + " " + String.format(java.util.Locale.ROOT, "%.3f", perSecond);
        }

        public static Summary decode(String s) {
            String[] p = s.trim().split(" ");
            if (p.length != 6) throw new IllegalArgumentException("not a latency summary: '" + s + "'");
            return new Summary(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                    Long.parseLong(p[4]), Double.parseDouble(p[5]));
        }
    }
}
