package dev.quotecast.transcript;

import java.nio.file.Path;

/** Why a transcript file was skipped, located by file and line (line 0 when it concerns the whole file). */
public record TranscriptProblem(Path file, int line, String reason) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
