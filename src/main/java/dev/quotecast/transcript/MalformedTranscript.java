package dev.quotecast.transcript;

import java.nio.file.Path;

/** A file that cannot be read in its format, with the line where reading stopped: it is reported and skipped. */
final class MalformedTranscript extends Exception {
    private final TranscriptProblem problem;

    MalformedTranscript(Path file, int line, String reason) {
        super(reason, null, false, false);
        this.problem = new TranscriptProblem(file, line, reason);
    }

    TranscriptProblem problem() {
        return problem;
    }
}
