package dev.quotecast.transcript;

import java.nio.file.Path;

/**
 * Why a transcript file was skipped, located by file and line (line 0 when it concerns the whole
 * file). Its text goes to logs and terminals, so the file name and the reason are escaped there: a
 * file name can hold a newline and an escape sequence as easily as any other character.
 */
public record TranscriptProblem(Path file, int line, String reason) {
    @Override
    public String toString() {
        return Text.escape(String.valueOf(file)) + (line > 0 ? ":" + line : "") + ": " + Text.escape(reason);
    }
}
