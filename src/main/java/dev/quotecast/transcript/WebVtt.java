package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WebVTT cues. Lenient where real files differ from the spec: Whisper writes {@code 00:03.640}
 * under an hour and {@code 1:28:51.160} after (one hour digit), and a comma decimal is taken too.
 * Cue ids, settings, {@code NOTE}/{@code STYLE}/{@code REGION} blocks and inline tags are skipped.
 *
 * <p>A cue that opens with a voice tag ({@code <v Lex Fridman>…</v>}) is said by that voice; one
 * holding several voices in turn ({@code <v A>Hi.</v><v B>Hello.</v>}) becomes a cue per voice,
 * its time shared out by length. A voice tag inside a cue's text names nobody: it is only a tag.
 *
 * <p>A cue whose end is before its start, or that starts before the cue ahead of it, is repaired
 * (end set to start; start moved up to the previous start) and reported with its line, so times
 * stay in order. A time that cannot be read makes the whole file fail with its line: guessing
 * would put every later sentence at a wrong moment.
 */
public final class WebVtt {

    /** One cue: seconds from the start, the text with tags removed, the line of its timing, and its voice (or null). */
    public record Cue(int line, double start, double end, String text, String speaker) {
        public Cue(int line, double start, double end, String text) {
            this(line, start, end, text, null);
        }
    }

    /** The cues of a file and the repairs made to them. */
    public record Track(List<Cue> cues, List<TranscriptProblem> repairs) {
        public Track {
            cues = List.copyOf(cues);
            repairs = List.copyOf(repairs);
        }

        public double end() {
            return cues.isEmpty() ? 0 : cues.get(cues.size() - 1).end();
        }
    }

    /** A file that cannot be read as WebVTT, with where. */
    public static final class Malformed extends Exception {
        private final TranscriptProblem problem;

        Malformed(Path file, int line, String reason) {
            super(reason);
            this.problem = new TranscriptProblem(file, line, reason);
        }

        public TranscriptProblem problem() {
            return problem;
        }
    }

    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");
    /** A voice tag, {@code <v Name>} or {@code <v.class Name>}: the name is everything up to the {@code >}. */
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]{0,100})?(?:[ \t]+([^>]{0,200}))?>");


    private WebVtt() {}

    public static Track parse(Path file, String text) throws Malformed {
        // control characters (ESC, BEL, NUL...) are never words; see Text.withoutControls
        String[] lines = Text.lines(Text.withoutControls(text));
        int i = 0;
        if (lines.length > 0 && !lines[0].isEmpty() && lines[0].charAt(0) == '\uFEFF') lines[0] = lines[0].substring(1);
        while (i < lines.length && lines[i].isBlank()) i++;
        if (i >= lines.length || !(lines[i].equals("WEBVTT") || lines[i].startsWith("WEBVTT ") || lines[i].startsWith("WEBVTT\t"))) {
            throw new Malformed(file, Math.min(i + 1, Math.max(1, lines.length)), "not a WebVTT file: the first line must be 'WEBVTT'");
        }
        // the header block runs to the first blank line
        while (i < lines.length && !lines[i].isBlank()) i++;
        List<Cue> cues = new ArrayList<>();
        List<TranscriptProblem> repairs = new ArrayList<>();
        while (i < lines.length) {
            while (i < lines.length && lines[i].isBlank()) i++;
            if (i >= lines.length) break;
            int blockStart = i;
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isBlank()) block.add(lines[i++]);
            String head = block.get(0).strip();
            if (head.startsWith("NOTE") || head.equals("STYLE") || head.equals("REGION")) continue;
            int timing = block.get(0).contains("-->") ? 0 : block.size() > 1 && block.get(1).contains("-->") ? 1 : -1;
            if (timing < 0) {
                repairs.add(new TranscriptProblem(file, blockStart + 1, "block without a cue timing line; ignored"));
                continue;
            }
            int line = blockStart + timing + 1;
            String timingLine = block.get(timing).strip();
            // what ARROW.split(timingLine, 2) and the first word of its second part give, without
            // two regexes per cue (with seconds', a third of WebVTT parsing in a 1,000-episode build)
            int arrow = timingLine.indexOf("-->");
            double start = seconds(arrow < 0 ? timingLine : timingLine.substring(0, trimEnd(timingLine, arrow)));
            double end = arrow < 0 ? -1 : seconds(firstWord(timingLine, arrow + 3));
            if (start < 0 || end < 0) {
                throw new Malformed(file, line, "unreadable cue time '" + abbreviate(block.get(timing).strip())
                        + "' (expected mm:ss.ttt or h:mm:ss.ttt --> ...)");
            }
            StringBuilder sb = new StringBuilder();
            for (int k = timing + 1; k < block.size(); k++) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(block.get(k));
            }
            List<Voice> voices = voices(sb.toString());
            String cueText = Text.collapse(entities(withoutTags(sb)));
            if (end < start) {
                repairs.add(new TranscriptProblem(file, line, "cue ends before it starts; its end is set to its start"));
                end = start;
            }
            if (!cues.isEmpty()) {
                Cue prev = cues.get(cues.size() - 1);
                if (start < prev.start()) {
                    repairs.add(new TranscriptProblem(file, line, "cue starts before the cue ahead of it (line " + prev.line()
                            + "); moved to that cue's start"));
                    start = prev.start();
                    end = Math.max(end, start);
                }
                // plain overlap is legal WebVTT: the earlier cue is cut where this one starts
                if (start < prev.end()) cues.set(cues.size() - 1, new Cue(prev.line(), prev.start(), start, prev.text(), prev.speaker()));
            }
            if (cueText.isEmpty()) continue;
            if (voices.isEmpty()) {
                cues.add(new Cue(line, start, end, cueText));
                continue;
            }
            int chars = 0;
            for (Voice v : voices) chars += v.text().length();
            double at = start;
            int done = 0;
            for (Voice v : voices) {
                done += v.text().length();
                double to = done == chars ? end : start + (end - start) * done / Math.max(1, chars);
                cues.add(new Cue(line, at, to, v.text(), v.name()));
                at = to;
            }
        }
        return new Track(cues, repairs);
    }

    /** One voice's part of a cue: who ({@code null} for a bare {@code <v>}) and the words, tags removed. */
    private record Voice(String name, String text) {}

    /**
     * The voices of a cue that opens with a voice tag, in order; empty when the cue does not open
     * with one. Text between voices belongs to the voice before it.
     */
    private static List<Voice> voices(String raw) {
        List<Voice> out = new ArrayList<>();
        if (!raw.contains("<v")) return out; // no voice tag, as in most cues: spare the regex
        Matcher m = VOICE.matcher(raw);
        if (!m.find() || !raw.substring(0, m.start()).isBlank()) return out;
        while (true) {
            String name = m.group(1) == null ? "" : Text.collapse(entities(m.group(1)));
            int from = m.end();
            boolean more = m.find();
            String text = Text.collapse(entities(withoutTags(raw.substring(from, more ? m.start() : raw.length()))));
            if (!text.isEmpty()) out.add(new Voice(name.isEmpty() ? null : name, text));
            if (!more) return out;
        }
    }

    /** Seconds for a cue time ({@link CueTime}), or -1 when it is not one. */
    static double seconds(String token) {
        CueTime t = CueTime.parse(token);
        if (t == null) return -1;
        return t.hours() * 3600.0 + t.minutes() * 60.0 + t.seconds() + t.fraction() / Math.pow(10, t.fractionDigits());
    }

    /** {@code end} moved back over the regex spaces before it. */
    private static int trimEnd(String s, int end) {
        while (end > 0 && Text.isRegexSpace(s.charAt(end - 1))) end--;
        return end;
    }

    /** The characters from {@code from}, past any regex spaces, up to the next regex space. */
    private static String firstWord(String s, int from) {
        while (from < s.length() && Text.isRegexSpace(s.charAt(from))) from++;
        int to = from;
        while (to < s.length() && !Text.isRegexSpace(s.charAt(to))) to++;
        return s.substring(from, to);
    }

    /** The text without its tags; text without a {@code <} (most cues) as it is, without the regex. */
    private static String withoutTags(CharSequence s) {
        String t = s.toString();
        return t.indexOf('<') < 0 ? t : TAG.matcher(t).replaceAll("");
    }

    private static String entities(CharSequence s) {
        if (s.toString().indexOf('&') < 0) return s.toString(); // no entity to replace
        return s.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                .replace("&lrm;", "").replace("&rlm;", "").replace("&amp;", "&");
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
