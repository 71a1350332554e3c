package dev.quotecast.slack;

import java.time.Duration;

/**
 * Which Events API deliveries were taken on, by {@code event_id}. Slack retries an event when it
 * did not see the ack in time (over HTTP, to whichever replica the load balancer picks), so
 * without this a retry would be answered a second time. Two homes: memory, for one process
 * ({@link #inMemory}), and a shared database, for replicas.
 */
public interface SeenEvents {

    /** True for the first delivery of {@code eventId} in this memory; false for any later one. A null id is always new. */
    boolean claim(String eventId);

    /** Forgets a claim whose handling failed, so that Slack's retry gets a second chance. */
    void release(String eventId);

    /** An hour of memory in this process, as much as Slack's retries need. */
    static SeenEvents inMemory() {
        return new DeliveredEvents(Duration.ofHours(1), 100_000);
    }
}
