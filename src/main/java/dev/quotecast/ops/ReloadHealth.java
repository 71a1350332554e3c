package dev.quotecast.ops;

import dev.quotecast.transcript.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Whether the transcripts on disk are what the bot serves: a reload that failed (a full disk, an
 * index that cannot be written) leaves the previous text in service, which {@code /healthz} must
 * say until a reload succeeds again.
 */
final class ReloadHealth {
    private final Clock clock;
    private Instant failingSince;
    private int failures;
    private String lastError;

    ReloadHealth() {
        this(Clock.systemUTC());
    }

    ReloadHealth(Clock clock) {
        this.clock = clock;
    }

    synchronized void succeeded() {
        failingSince = null;
        failures = 0;
        lastError = null;
    }

    synchronized void failed(Throwable e) {
        if (failingSince == null) failingSince = clock.instant();
        failures++;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        lastError = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** One line when reloads are failing, else none. */
    synchronized List<String> problems() {
        if (failingSince == null) return List.of();
        String error = lastError.length() > 160 ? lastError.substring(0, 157) + "..." : lastError;
        return List.of("transcripts: reload failing since " + failingSince + " (" + failures + " attempt" + (failures == 1 ? "" : "s")
                + ", retried on its own): " + Text.escape(error) + "; serving the transcripts as they were before");
    }
}
