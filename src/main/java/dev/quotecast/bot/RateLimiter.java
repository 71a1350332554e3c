package dev.quotecast.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A per-user token bucket: {@code perMinute} requests, refilled continuously. Idle users' buckets
 * expire, so memory is bounded by the users active in the last few minutes.
 */
public final class RateLimiter {

    private final double perNano;
    private final int capacity;
    private final LongSupplier nanoClock;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public RateLimiter(int perMinute, LongSupplier nanoClock) {
        this.capacity = Math.max(1, perMinute);
        this.perNano = capacity / (double) Duration.ofMinutes(1).toNanos();
        this.nanoClock = nanoClock;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(5, TimeUnit.MINUTES).maximumSize(1_000_000)
                .ticker(nanoClock::getAsLong).build();
    }

    /** Takes one token for the key; false when the user is over the limit. */
    public boolean tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.get(key, k -> new Bucket(capacity, now));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.last) * perNano);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Seconds until the key has a token again (0 if it has one). */
    public long secondsUntilNext(String key) {
        Bucket b = buckets.getIfPresent(key);
        if (b == null) return 0;
        synchronized (b) {
            double missing = 1 - b.tokens;
            return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano / 1e9);
        }
    }
}
