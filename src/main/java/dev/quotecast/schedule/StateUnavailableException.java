package dev.quotecast.schedule;

/**
 * The state store cannot be read right now (the shared database is unreachable). The scheduler
 * then does nothing for that pass: acting on a view it could not read could post twice, and a post
 * a little late is better. The store says so once, not every pass.
 */
public final class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
