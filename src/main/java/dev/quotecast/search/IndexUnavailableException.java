package dev.quotecast.search;

/**
 * An index folder that cannot be used as it is: another running Quotecast holds it, it holds
 * files Quotecast did not write, or the disk refuses (permissions, no space). Nothing in it was
 * deleted; the message says what to change.
 */
public final class IndexUnavailableException extends RuntimeException {
    IndexUnavailableException(String message) {
        super(message);
    }

    IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
