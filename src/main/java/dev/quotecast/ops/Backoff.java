package dev.quotecast.ops;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying a connection again: {@code first} after the first failure,
 * doubling after each further one up to {@code max}, each wait drawn at random from its upper half
 * ("equal jitter": between {@code d/2} and {@code d}). Retrying at once hammered a failing server
 * (JDA reconnected to a gateway that refused the upgrade 350 times a second) or gave up for good
 * (Slack's SDK after one refused {@code apps.connections.open}); the jitter keeps many bots that
 * lost the same server at the same moment from coming back in step.
 *
 * <p>One per connection, used from one thread at a time (each adapter's connect loop); it is
 * synchronized all the same, so a health check may read {@link #failures()}.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero()) throw new IllegalArgumentException("first must be positive");
        if (max.compareTo(first) < 0) throw new IllegalArgumentException("max must be at least first");
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** 1 s doubling to 60 s, with jitter: what reconnects to Slack and Discord use. */
    public static Backoff forReconnects() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom());
    }

    /** Counts one more failure and says how long to wait before the next attempt. */
    public synchronized Duration next() {
        failures++;
        Duration nominal = nominal(failures);
        long half = nominal.toMillis() / 2;
        return Duration.ofMillis(nominal.toMillis() - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** The upper bound of the wait after {@code failures} failures: {@code first * 2^(failures-1)}, at most {@code max}. */
    Duration nominal(int failures) {
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** A connection worked: the next failure waits {@code first} again. */
    public synchronized void reset() {
        failures = 0;
    }

    /** Failures since the last {@link #reset}. */
    public synchronized int failures() {
        return failures;
    }
}
