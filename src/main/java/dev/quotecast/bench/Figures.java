package dev.quotecast.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything measured at one corpus size.
 *
 * @param corpus the corpus measured
 * @param episodesLoaded what Quotecast actually loaded from it
 * @param quotecastBuildSeconds median cold build, Quotecast
 * @param plainBuildSeconds median cold build, the plain Lucene reference
 * @param buildRuns builds of each kind behind the medians
 * @param readyMillis every warm start, JVM start to ready
 * @param uncached {@code quote}, {@code ask}, {@code episode} through {@code ContentService}
 * @param cached the same queries through {@code Commands} with the cache warm
 * @param found how many uncached queries of each kind found something
 * @param heapBytes heap used after load and full GCs
 * @param diskBytes the persisted index's size
 * @param load the machine's one-minute load average before and after this size
 */
public record Figures(Corpora.Corpus corpus, int episodesLoaded, double quotecastBuildSeconds, double plainBuildSeconds,
                      int buildRuns, List<Long> readyMillis, Map<String, Latencies.Summary> uncached,
                      Map<String, Latencies.Summary> cached, Map<String, Integer> found, int queriesPerKind,
                      long heapBytes, long maxHeapBytes, long diskBytes, double[] load, EndToEnd slack) {

    public double quotecastMbPerSecond() {
        return corpus.textMegabytes() / quotecastBuildSeconds;
    }

    public double plainMbPerSecond() {
        return corpus.textMegabytes() / plainBuildSeconds;
    }

    public long medianReadyMillis() {
        return Math.round(median(readyMillis.stream().mapToDouble(Long::doubleValue).toArray()));
    }

    static double median(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
