package dev.quotecast.schedule;

import java.time.Duration;

/**
 * How a retryable platform failure (rate limit, network) is retried: {@code maxAttempts} in all,
 * waiting {@code first}, then twice as long each time, at most {@code max}. The waits are
 * instants in the scheduler's ledger, not sleeps, so other targets keep posting meanwhile.
 */
public record RetryPolicy(int maxAttempts, Duration first, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (first.isNegative() || max.compareTo(first) < 0) throw new IllegalArgumentException("need 0 <= first <= max");
    }

    /** 5 attempts over about 7.5 minutes: 30 s, 1 min, 2 min, 4 min. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(max) > 0 ? max : d;
    }
}
