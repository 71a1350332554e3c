package dev.quotecast.ops;

import dev.quotecast.transcript.Text;
import dev.quotecast.transcript.TranscriptProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    /** How many files {@link #servedAsBefore} names before it counts the rest: {@code /healthz} stays short. */
    static final int NAMED_FILES = 3;

    /**
     * One line per file whose episode is served as it was before the file went bad (at most
     * {@link #NAMED_FILES}, then how many more): a bad edit keeps the episode in service, and the
     * operator must see that the text served is not the file on disk until the file is fixed.
     */
    static List<String> servedAsBefore(List<TranscriptProblem> servingLastGood) {
        List<String> out = new ArrayList<>();
        for (TranscriptProblem p : servingLastGood.subList(0, Math.min(NAMED_FILES, servingLastGood.size()))) {
            out.add("transcripts: " + p);
        }
        int more = servingLastGood.size() - NAMED_FILES;
        if (more > 0) out.add("transcripts: " + more + " more file" + (more == 1 ? "" : "s") + " served as they were before they went bad (see the log)");
        return out;
    }

    /** One line when reloads are failing, else none. */
    synchronized List<String> problems() {
        if (failingSince == null) return List.of();
        String error = lastError.length() > 160 ? lastError.substring(0, 157) + "..." : lastError;
        return List.of("transcripts: reload failing since " + failingSince + " (" + failures + " attempt" + (failures == 1 ? "" : "s")
                + ", retried on its own): " + Text.escape(error) + "; serving the transcripts as they were before");
    }
}
