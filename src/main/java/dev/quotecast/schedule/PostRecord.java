package dev.quotecast.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one daily post (a target on a local date) stands, as the state store holds it.
 *
 * @param attempts how many attempts were made (claims count as attempts)
 * @param updated when this record was written
 * @param retryAt for {@link Status#RETRY}: when the next attempt is due; null otherwise
 * @param momentKey the quote or advice chosen at the first attempt, so that a retry sends the same
 * @param detail why it failed or was skipped; empty otherwise
 * @param claimedBy for a claim: the process that made it (a replica id), so that another replica
 *     can tell a claim in flight from one left by a process that died; null in the file store,
 *     where only one process ever claims
 */
public record PostRecord(Status status, int attempts, Instant updated, Instant retryAt, String momentKey, String detail, String claimedBy) {

    /**
     * The closed set of states. {@code CLAIMED}: an attempt is being sent; {@code RETRY}: the platform
     * refused with a retryable error, try again at {@code retryAt}; the rest are final.
     */
    public enum Status { CLAIMED, RETRY, DONE, FAILED, SKIPPED, UNKNOWN }

    public PostRecord {
        Objects.requireNonNull(status);
        Objects.requireNonNull(updated);
        detail = detail == null ? "" : detail;
    }

    public boolean isFinal() {
        return status != Status.CLAIMED && status != Status.RETRY;
    }

    /** The same record as claimed by {@code replica}. */
    public PostRecord claimedBy(String replica) {
        return new PostRecord(status, attempts, updated, retryAt, momentKey, detail, replica);
    }
}
