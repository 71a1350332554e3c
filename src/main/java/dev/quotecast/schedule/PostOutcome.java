package dev.quotecast.schedule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What became of one attempt at a scheduled post: what metrics count and tests observe.
 *
 * @param date the target's local date the post belongs to
 * @param attempt 1 for the first try, counting retries
 * @param detail why it failed or was skipped; empty when sent
 */
public record PostOutcome(Target target, LocalDate date, Status status, int attempt, Instant at, String detail) {

    /** The closed set of results. */
    public enum Status {
        /** The platform accepted the post. */
        SENT,
        /** A retryable failure; another attempt is scheduled. */
        RETRYING,
        /** Gave up: a non-retryable refusal, or the last retry failed. */
        FAILED,
        /** Not sent on purpose: missed beyond the catch-up window, no poster for the platform, nothing to post. */
        SKIPPED,
        /** A claim found without its result after a restart: it may or may not have been sent, so it is not sent again. */
        UNKNOWN
    }
}
