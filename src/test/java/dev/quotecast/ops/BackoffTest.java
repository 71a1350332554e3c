package dev.quotecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The waits between reconnect attempts: 1 s doubling to 60 s, each drawn from the upper half. */
class BackoffTest {

    @Test
    void doublesFromOneSecondToAMinuteWithJitterAndStartsOverAfterAReset() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(17));
        long[] nominal = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int i = 0; i < nominal.length; i++) {
            Duration wait = b.next();
            assertThat(wait).as("wait %d", i + 1).isBetween(Duration.ofMillis(nominal[i] * 500), Duration.ofSeconds(nominal[i]));
        }
        assertThat(b.failures()).isEqualTo(nominal.length);
        for (int i = 0; i < 100; i++) b.next();
        assertThat(b.next()).as("no overflow after many failures").isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        b.reset();
        assertThat(b.failures()).isZero();
        assertThat(b.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void theJitterSpreadsTheWaits() {
        Backoff b = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(60), new SplittableRandom(3));
        java.util.Set<Duration> firstWaits = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            firstWaits.add(b.next());
            b.reset();
        }
        assertThat(firstWaits).hasSizeGreaterThan(10);
    }
}
