package dev.quotecast.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * {@link SeenEvents} in this process's memory: remembers which Events API deliveries were taken on, by {@code event_id}. Slack retries an event
 * (with {@code X-Slack-Retry-Num} over HTTP, {@code retry_attempt} in Socket Mode) when it did
 * not see the ack in time, even if the bot did receive it; answering each delivery would post the
 * same reply twice. Slack retries within minutes, so an hour of memory is plenty.
 */
final class DeliveredEvents implements SeenEvents {

    private final Cache<String, Boolean> seen;

    DeliveredEvents(Duration memory, long maxEntries) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(memory).maximumSize(maxEntries).build();
    }

    /** True for the first delivery of {@code eventId}; false for any later one. */
    @Override
    public boolean claim(String eventId) {
        if (eventId == null) return true;
        return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** Forgets a claim whose handling failed, so that Slack's retry gets a second chance. */
    @Override
    public void release(String eventId) {
        if (eventId != null) seen.invalidate(eventId);
    }
}
