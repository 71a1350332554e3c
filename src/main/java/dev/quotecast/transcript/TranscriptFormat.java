package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transcript formats Quotecast reads, by file extension. A {@code .txt} is either the seed
 * format (a {@code # Title} header) or plain text; a {@code .json} is Whisper's, or WhisperX's
 * when it names speakers. Which reader reads a file is decided in {@link TranscriptReaders} alone.
 */
public enum TranscriptFormat {
    SEED("seed .txt", "txt"),
    PLAIN_TEXT("plain .txt", "txt"),
    WEBVTT(".vtt", "vtt"),
    SUBRIP(".srt", "srt"),
    WHISPER_JSON("Whisper .json", "json"),
    WHISPERX_JSON("WhisperX .json", "json"),
    WHISPER_TSV("Whisper .tsv", "tsv");

    private final String label;
    private final String extension;

    TranscriptFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    /** How {@code index --check} names it. */
    public String label() {
        return label;
    }

    /** The extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The extensions of timed formats (words with times), best first when several sit side by side. */
    static final List<String> TIMED = List.of("json", "vtt", "srt", "tsv");

    /** The lower-case extension of a transcript file name ({@code txt}, {@code vtt}...), if it is one Quotecast reads. */
    public static Optional<String> extensionOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        String ext = name.substring(dot + 1);
        return ext.equals("txt") || TIMED.contains(ext) ? Optional.of(ext) : Optional.empty();
    }
}
