package dev.quotecast.transcript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes an episode of the segments a timed format gives (SubRip, WebVTT, Whisper's JSON and
 * TSV): the shared half of every timed reader, so that each format's reader only has to find its
 * segments and say where a file is wrong.
 *
 * <p>Segments become paragraphs at pauses that fall on a sentence end, as {@link VttTranscript}
 * always cut them, and at every change of speaker: a sentence belongs to one speaker's turn, so
 * it can be credited to them. Sentence times are the times of their first word, found by word
 * position ({@link VttTimes}): within a segment by character offset, or exactly where the format
 * times each word (WhisperX).
 */
final class TimedTranscript {

    /** A paragraph closes at a sentence end after a pause this long ... */
    static final long PARAGRAPH_PAUSE_MILLIS = 1500;
    /** ... once it has this many words, or at the next sentence end past the hard limit. */
    static final int PARAGRAPH_MIN_WORDS = 60;
    static final int PARAGRAPH_MAX_WORDS = 180;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TimedTranscript.class);

    private TimedTranscript() {}

    /** Segments in time order, and what was changed to get them so. */
    record Ordered(List<Segment> segments, List<TranscriptProblem> repairs) {}

    /** How a timed format turns its text into segments, in file order. */
    @FunctionalInterface
    interface SegmentReader {
        List<Segment> segments(Path file, String text) throws MalformedTranscript;
    }

    /**
     * A timed file read by {@code reader}: decoded as UTF-8, its segments put in order and made an
     * episode; a bad byte or a malformed segment fails the file with its line. What differs between
     * SubRip, Whisper's TSV and the like is only how segments are written, so only that is theirs.
     */
    static TranscriptParser.Result read(Path file, byte[] bytes, SegmentReader reader, TranscriptFormat format, String unit) {
        String text;
        try {
            text = TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return new TranscriptParser.Failed(e.problem(file));
        }
        try {
            return episode(file, bytes, order(file, reader.segments(file, text), unit), format, unit);
        } catch (MalformedTranscript m) {
            return new TranscriptParser.Failed(m.problem());
        }
    }

    /** The lines of a text format, control characters and a byte-order mark removed; a NUL byte means the file is no {@code what}. */
    static String[] lines(Path file, String text, String what) throws MalformedTranscript {
        if (text.indexOf('\0') >= 0) throw new MalformedTranscript(file, 1, "binary data (NUL byte); not a " + what + " file");
        String[] lines = Text.lines(Text.withoutControls(text));
        if (lines.length > 0 && !lines[0].isEmpty() && lines[0].charAt(0) == '\uFEFF') lines[0] = lines[0].substring(1);
        return lines;
    }

    /**
     * Puts segments in order the way {@link WebVtt} puts cues in order: a segment that ends before
     * it starts ends at its start; one that starts before the one ahead of it moves up to that
     * start; an overlap cuts the earlier segment where the later begins. Each repair is reported
     * with its line. Segments without text are dropped.
     */
    static Ordered order(Path file, List<Segment> raw, String unit) {
        List<Segment> out = new ArrayList<>(raw.size());
        List<TranscriptProblem> repairs = new ArrayList<>();
        for (Segment s : raw) {
            long start = s.startMillis(), end = s.endMillis();
            if (end < start) {
                repairs.add(new TranscriptProblem(file, s.line(), unit + " ends before it starts; its end is set to its start"));
                end = start;
            }
            if (!out.isEmpty()) {
                Segment prev = out.get(out.size() - 1);
                if (start < prev.startMillis()) {
                    repairs.add(new TranscriptProblem(file, s.line(), unit + " starts before the " + unit + " ahead of it (line "
                            + prev.line() + "); moved to that " + unit + "'s start"));
                    start = prev.startMillis();
                    end = Math.max(end, start);
                }
                if (start < prev.endMillis()) out.set(out.size() - 1, prev.at(prev.startMillis(), start));
            }
            if (!s.text().isEmpty()) out.add(s.at(start, end));
        }
        return new Ordered(out, repairs);
    }

    /**
     * The episode the ordered segments of {@code file} hold, titled from its file name until its
     * metadata says otherwise; repairs are logged as warnings with their line.
     */
    static TranscriptParser.Result episode(Path file, byte[] bytes, Ordered ordered, TranscriptFormat format, String unit) {
        for (TranscriptProblem r : ordered.repairs()) log.warn("{}", r);
        List<Segment> segments = ordered.segments();
        if (segments.isEmpty()) return new TranscriptParser.Failed(new TranscriptProblem(file, 1, "no " + unit + "s with text"));
        Duration duration = Duration.ofMillis(segments.get(segments.size() - 1).endMillis());
        List<String> texts = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        paragraphs(segments, texts, speakers);
        List<Sentence> estimated = TranscriptParser.sentences(texts, speakers, duration);
        if (estimated.isEmpty()) return new TranscriptParser.Failed(new TranscriptProblem(file, 1, "no words in any " + unit));
        Episode e = new Episode(TranscriptParser.idOf(file), EpisodeTitle.fromFileName(file), null, duration, null, estimated, true, file,
                TranscriptParser.checksum(bytes), null, format.label(), List.of());
        return new TranscriptParser.Parsed(VttTimes.apply(e, timing(segments), e.checksum(), format.label()));
    }

    /**
     * Segment texts grouped into paragraphs, each with its speaker: a paragraph closes at a pause
     * on a sentence end (see the constants) and always where the speaker changes.
     */
    static void paragraphs(List<Segment> segments, List<String> texts, List<String> speakers) {
        StringBuilder para = new StringBuilder();
        String speaker = null;
        int words = 0;
        for (int k = 0; k < segments.size(); k++) {
            Segment c = segments.get(k);
            if (para.length() > 0 && !Objects.equals(c.speaker(), speaker)) {
                texts.add(para.toString());
                speakers.add(speaker);
                para.setLength(0);
                words = 0;
            }
            speaker = c.speaker();
            if (para.length() > 0) para.append(' ');
            para.append(c.text());
            words += Text.wordCount(c.text());
            boolean sentenceEnd = c.text().matches(".*[.!?][\"')\\]”’]*$");
            long pause = k + 1 < segments.size() ? segments.get(k + 1).startMillis() - c.endMillis() : 0;
            boolean nextCapital = k + 1 < segments.size() && !segments.get(k + 1).text().isEmpty()
                    && !Character.isLowerCase(segments.get(k + 1).text().codePointAt(0));
            if (sentenceEnd && nextCapital && ((words >= PARAGRAPH_MIN_WORDS && pause >= PARAGRAPH_PAUSE_MILLIS) || words >= PARAGRAPH_MAX_WORDS)) {
                texts.add(para.toString());
                speakers.add(speaker);
                para.setLength(0);
                words = 0;
            }
        }
        if (para.length() > 0) {
            texts.add(para.toString());
            speakers.add(speaker);
        }
    }

    /**
     * The cues sentence times are read from: one per segment, or one per word where the format
     * times each word. A word the aligner left without a time takes the end of the word before
     * (or the segment's start).
     */
    static WebVtt.Track timing(List<Segment> segments) {
        List<WebVtt.Cue> cues = new ArrayList<>();
        for (Segment s : segments) {
            if (s.words().isEmpty()) {
                cues.add(new WebVtt.Cue(s.line(), s.startMillis() / 1000.0, s.endMillis() / 1000.0, s.text()));
                continue;
            }
            long at = s.startMillis();
            for (Segment.Word w : s.words()) {
                if (w.text().isBlank()) continue;
                long start = w.startMillis() >= 0 ? w.startMillis() : at;
                long end = w.endMillis() >= start ? w.endMillis() : start;
                cues.add(new WebVtt.Cue(s.line(), start / 1000.0, end / 1000.0, Text.collapse(w.text())));
                at = end;
            }
        }
        return new WebVtt.Track(cues, List.of());
    }
}
