package dev.quotecast.transcript;

import java.nio.file.Path;

/**
 * Reads one transcript format. Each reader turns a file's bytes into an episode, or into the
 * problem that stops it with its line; what the format does not say (a title, a date, who is the
 * host, the names behind {@code SPEAKER_00}) comes afterwards from the episode's metadata
 * ({@link EpisodeMeta}). Which reader reads a file is decided in {@link TranscriptReaders}.
 */
public sealed interface TranscriptReader permits TranscriptParser, PlainText, VttTranscript, SubRip, WhisperJson, WhisperTsv {

    /**
     * The episode {@code file} holds: titled from its file name when the format has no title of
     * its own ({@link #titled()} false), or the problem, with its line.
     */
    TranscriptParser.Result read(Path file, byte[] bytes);

    /** True when the format gives the episode's title itself (the seed's {@code # Title}). */
    default boolean titled() {
        return false;
    }
}
