package dev.quotecast.transcript;

import java.util.List;

/**
 * One timed stretch of speech as a timed format gives it (a SubRip or WebVTT cue, a Whisper
 * segment, a TSV row): where it is in the file, when it is said, what is said, and by whom. Times
 * are whole milliseconds, which every one of these formats writes exactly.
 *
 * @param line the line of the file it was read from, for reports
 * @param startMillis when it starts, from the beginning of the episode
 * @param endMillis when it ends (not before {@code startMillis} once {@link TimedTranscript} ordered it)
 * @param text the words, tags removed and whitespace collapsed
 * @param speaker who says it, as the file names them (a name or a label such as {@code SPEAKER_00}); null when not named
 * @param words the words with their own times, when the format aligns them (WhisperX); empty otherwise
 */
public record Segment(int line, long startMillis, long endMillis, String text, String speaker, List<Word> words) {

    public Segment {
        words = List.copyOf(words);
    }

    public Segment(int line, long startMillis, long endMillis, String text, String speaker) {
        this(line, startMillis, endMillis, text, speaker, List.of());
    }

    /** A word and its own times; -1 for a time the aligner did not give (WhisperX leaves numbers unaligned). */
    public record Word(String text, long startMillis, long endMillis) {}

    Segment at(long start, long end) {
        return new Segment(line, start, end, text, speaker, words);
    }
}
