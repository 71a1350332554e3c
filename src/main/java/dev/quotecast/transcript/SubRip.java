package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads SubRip ({@code .srt}): blocks of an optional sequence number, a
 * {@code 00:01:02,345 --> 00:01:04,000} line and the cue's text, separated by blank lines.
 *
 * <p>Lenient where real files differ: Whisper's and YouTube's, with or without sequence numbers,
 * a dot as well as a comma before the milliseconds, one-digit hours, position settings after the
 * end time, {@code <i>}/{@code <font>} and {@code {\an8}} tags. YouTube's rolling auto-captions,
 * where each cue repeats the line the cue before it ended with, are read once. A speaker before a
 * cue's text ({@code [SPEAKER_00]: …}, as WhisperX writes it, or {@code Lex Fridman: …}) names who
 * says it. Text after a blank line inside a cue (a block with no time) continues the cue before.
 * A time that cannot be read fails the file with its line, as in {@link WebVtt}.
 */
public final class SubRip implements TranscriptReader {

    private static final Pattern TAGS = Pattern.compile("<[^>]{0,200}>|\\{\\\\[^}]{0,100}\\}");
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,9}$");

    @Override
    public TranscriptParser.Result read(Path file, byte[] bytes) {
        return TimedTranscript.read(file, bytes, SubRip::segments, TranscriptFormat.SUBRIP, "cue");
    }

    /** The cues of a SubRip file as segments, in file order. */
    static List<Segment> segments(Path file, String text) throws MalformedTranscript {
        String[] lines = TimedTranscript.lines(file, text, "SubRip");
        record Raw(int line, long start, long end, List<String> lines) {}
        List<Raw> raws = new ArrayList<>();
        int i = 0;
        List<String> previous = List.of();
        while (i < lines.length) {
            while (i < lines.length && lines[i].isBlank()) i++;
            if (i >= lines.length) break;
            int blockStart = i;
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isBlank()) block.add(lines[i++].strip());
            int timing = block.get(0).contains("-->") ? 0
                    : block.size() > 1 && NUMBER.matcher(block.get(0)).matches() && block.get(1).contains("-->") ? 1 : -1;
            if (timing < 0) {
                if (raws.isEmpty()) {
                    throw new MalformedTranscript(file, blockStart + 1, "not a SubRip file: expected a cue, a number and then "
                            + "'00:00:01,000 --> 00:00:04,000'");
                }
                raws.get(raws.size() - 1).lines().addAll(block);
                continue;
            }
            int line = blockStart + timing + 1;
            String[] parts = block.get(timing).split("\\s*-->\\s*", 2);
            long start = millis(parts[0]);
            long end = parts.length > 1 ? millis(parts[1].strip().split("\\s+", 2)[0]) : -1;
            if (start < 0 || end < 0) {
                throw new MalformedTranscript(file, line, "unreadable cue time '" + abbreviate(block.get(timing))
                        + "' (expected 00:00:01,000 --> 00:00:04,000)");
            }
            List<String> textLines = new ArrayList<>(block.subList(timing + 1, block.size()));
            List<String> shown = List.copyOf(textLines);
            // YouTube's rolling captions: a cue starts with the line(s) the cue before it ended with
            int repeated = Math.min(previous.size(), textLines.size());
            while (repeated > 0 && !previous.subList(previous.size() - repeated, previous.size()).equals(textLines.subList(0, repeated))) repeated--;
            textLines.subList(0, repeated).clear();
            previous = shown;
            raws.add(new Raw(line, start, end, textLines));
        }
        List<String> texts = new ArrayList<>();
        for (Raw r : raws) texts.add(Text.collapse(entities(TAGS.matcher(String.join(" ", r.lines())).replaceAll(""))));
        boolean named = SpeakerPrefix.named(texts);
        List<Segment> out = new ArrayList<>(raws.size());
        String speaker = null;
        for (int k = 0; k < raws.size(); k++) {
            String t = texts.get(k);
            SpeakerPrefix.Split split = named ? SpeakerPrefix.of(t) : null;
            if (split != null) {
                speaker = split.speaker();
                t = split.text();
            }
            Raw r = raws.get(k);
            out.add(new Segment(r.line(), r.start(), r.end(), t, speaker));
        }
        return out;
    }

    /** Milliseconds for a SubRip time ({@link CueTime}), or -1 when it is not one. */
    static long millis(String token) {
        CueTime t = CueTime.parse(token);
        if (t == null) return -1;
        long ms = (long) t.fraction() * (t.fractionDigits() == 1 ? 100 : t.fractionDigits() == 2 ? 10 : 1);
        return (((long) t.hours() * 60 + t.minutes()) * 60 + t.seconds()) * 1000 + ms;
    }

    static String entities(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
