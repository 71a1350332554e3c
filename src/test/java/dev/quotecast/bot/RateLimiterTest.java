package dev.quotecast.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final RateLimiter limiter = new RateLimiter(3, now::get);

    @Test
    void allowsTheBudgetThenRefusesThenRefills() {
        assertThat(limiter.tryAcquire("u")).isTrue();
        assertThat(limiter.tryAcquire("u")).isTrue();
        assertThat(limiter.tryAcquire("u")).isTrue();
        assertThat(limiter.tryAcquire("u")).isFalse();
        assertThat(limiter.secondsUntilNext("u")).isBetween(1L, 20L);
        assertThat(limiter.tryAcquire("other")).as("users are independent").isTrue();
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(limiter.tryAcquire("u")).as("one token per 20 s at 3/min").isTrue();
        assertThat(limiter.tryAcquire("u")).isFalse();
    }
}
