package dev.quotecast.discord;

import java.util.Optional;

/**
 * Where a button's command goes when it does not fit Discord's 100-character {@code custom_id}
 * (a very long topic): kept under a short key, which the button carries instead. Two homes: this
 * process's memory ({@link MemoryLongButtons}: after a restart such a button has expired), and a
 * shared database, where a click served by another replica, or after a restart, still works.
 */
public interface LongButtons {

    /** Keeps {@code payload} (a button id too long for Discord) and returns the key to put in the button, starting {@code k:}. */
    String put(String payload);

    /** The payload kept under {@code key}; empty when unknown or expired. */
    Optional<String> get(String key);

    /** How many are held (for tests and metrics). */
    long size();
}
