package dev.quotecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankOnOneToAHundred() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) sorted[i] = i + 1;
        assertThat(Latencies.rank(sorted, 0.50)).isEqualTo(50);
        assertThat(Latencies.rank(sorted, 0.99)).isEqualTo(99);
        assertThat(Latencies.rank(sorted, 1.0)).isEqualTo(100);
        assertThat(Latencies.rank(sorted, 0.001)).isEqualTo(1);
    }

    @Test
    void p99OfTwoThousandIsThe1980thSmallest() {
        long[] sorted = new long[2000];
        for (int i = 0; i < sorted.length; i++) sorted[i] = 10L * (i + 1);
        assertThat(Latencies.rank(sorted, 0.99)).isEqualTo(19_800);
        assertThat(Latencies.rank(sorted, 0.50)).isEqualTo(10_000);
    }

    @Test
    void smallSamplesAndOddCounts() {
        assertThat(Latencies.rank(new long[] {7}, 0.5)).isEqualTo(7);
        assertThat(Latencies.rank(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(Latencies.rank(new long[] {1, 2, 3}, 0.5)).isEqualTo(2);
        assertThat(Latencies.rank(new long[] {1, 2, 3}, 0.99)).isEqualTo(3);
        assertThat(Latencies.rank(new long[] {1, 2, 3, 4}, 0.5)).isEqualTo(2);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Latencies.rank(new long[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.rank(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.rank(new long[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Latencies(4).add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryIsOrderIndependentAndCountsThroughputOverWallTime() {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= 1000; i++) values.add(i * 1000);
        Collections.shuffle(values, new Random(3));
        Latencies lat = new Latencies(10); // grows past its initial capacity
        values.forEach(lat::add);
        Latencies.Summary s = lat.summary(2_000_000_000L);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isEqualTo(500_000);
        assertThat(s.p99()).isEqualTo(990_000);
        assertThat(s.max()).isEqualTo(1_000_000);
        assertThat(s.mean()).isEqualTo(500_500);
        assertThat(s.perSecond()).isEqualTo(500.0);
    }

    @Test
    void mergesPerThreadRecorders() {
        Latencies a = new Latencies(2), b = new Latencies(2);
        a.add(5);
        b.add(1);
        b.add(9);
        a.addAll(b);
        Latencies.Summary s = a.summary(1);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.p50()).isEqualTo(5);
        assertThat(s.max()).isEqualTo(9);
    }

    @Test
    void emptyRecorderSummarisesToZeros() {
        assertThat(new Latencies(1).summary(100).count()).isZero();
    }

    @Test
    void summaryTravelsBetweenJvmsUnchanged() {
        Latencies.Summary s = new Latencies.Summary(2000, 1_234_567, 9_876_543, 55_000_000, 2_000_000, 812.5);
        assertThat(Latencies.Summary.decode(s.encode())).isEqualTo(s);
        assertThatThrownBy(() -> Latencies.Summary.decode("1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Figures.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Figures.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Figures.median(new double[] {9})).isEqualTo(9);
    }
}
