package dev.quotecast.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link LongButtons} in a bounded, expiring map of this process, so memory stays bounded however
 * many buttons are sent. Keys carry a per-instance tag, so a restarted bot never mistakes an old
 * key for a new one.
 */
public final class MemoryLongButtons implements LongButtons {

    private final Cache<String, String> held;
    private final String instanceTag;
    private final AtomicLong counter = new AtomicLong();

    public MemoryLongButtons(long maxEntries, Duration ttl) {
        this.held = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
        this.instanceTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36, 36L * 36 * 36 * 36), 36);
    }

    /** 50,000 buttons for a week. */
    public MemoryLongButtons() {
        this(50_000, Duration.ofDays(7));
    }

    @Override
    public String put(String payload) {
        String key = "k:" + instanceTag + Long.toString(counter.incrementAndGet(), 36);
        held.put(key, payload);
        return key;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(held.getIfPresent(key));
    }

    @Override
    public long size() {
        held.cleanUp();
        return held.estimatedSize();
    }
}
