package dev.quotecast.transcript;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Reads the seed transcript format:
 *
 * <pre>
 * ---
 * description: https://www.youtube.com/watch?v=ID
 * ---
 *
 * # Guest: Topic | Show #N
 *
 * Date: MM/DD/YYYY
 * Duration: H hours, M minutes, S seconds
 * Model: Whisper-small
 *
 * paragraphs separated by blank lines
 * </pre>
 *
 * <p>Whisper breaks paragraphs in mid-sentence; a paragraph that starts in lower case continues
 * the sentence before it. Sentence times are estimated from the character offset and the
 * Duration, since the format has no timestamps.
 */
public final class TranscriptParser implements TranscriptReader {

    /** Parsing either gives an episode or says why not. */
    public sealed interface Result permits Parsed, Failed {}

    public record Parsed(Episode episode) implements Result {}

    public record Failed(TranscriptProblem problem) implements Result {}

    /** Used when a transcript has no usable Duration: an average speaking rate. */
    public static final double WORDS_PER_SECOND = 2.6;

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DURATION_WORDS = Pattern.compile(
            "(?i)^\\s*(?:(\\d{1,3})\\s*hours?)?\\s*,?\\s*(?:(\\d{1,4})\\s*minutes?)?\\s*,?\\s*(?:(\\d{1,6})\\s*seconds?)?\\s*$");
    private static final Pattern DURATION_CLOCK = Pattern.compile("^\\s*(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})\\s*$");
    private static final Pattern HEADER = Pattern.compile("^(Date|Duration|Model)\\s*:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    @Override
    public Result read(Path file, byte[] bytes) {
        return parse(file, bytes);
    }

    /** The seed format names its episode: {@code # Guest: Topic | Show #N}. */
    @Override
    public boolean titled() {
        return true;
    }

    /** True when a line opens the seed format: front matter, the title, or a header line. */
    static boolean opensSeed(String line) {
        String l = line.strip();
        return l.equals("---") || l.startsWith("# ") || l.equals("#") || HEADER.matcher(l).matches();
    }

    public Result parse(Path file, byte[] bytes) {
        String text;
        try {
            text = decode(bytes);
        } catch (BadEncoding e) {
            return new Failed(e.problem(file));
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) return fail(file, lineAt(text, nul), "binary data (NUL byte); not a transcript");
        text = Text.withoutControls(text);
        String[] lines = Text.lines(text);
        int i = 0;
        String url = null;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') lines[0] = lines[0].substring(1);
        i = skipBlank(lines, i);
        if (i < lines.length && lines[i].trim().equals("---")) {
            int open = i;
            i++;
            while (i < lines.length && !lines[i].trim().equals("---")) {
                String l = lines[i];
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase("description")) {
                    String v = l.substring(colon + 1).trim();
                    if (Episode.isWebUrl(v)) url = v;
                }
                i++;
            }
            if (i >= lines.length) return fail(file, open + 1, "front matter opened with '---' is never closed");
            i++;
        }
        i = skipBlank(lines, i);
        if (i >= lines.length || !lines[i].startsWith("# ") || lines[i].substring(2).isBlank()) {
            return fail(file, Math.min(i + 1, lines.length), "expected the title line '# Title'"
                    + (i < lines.length ? ", found '" + abbreviate(lines[i]) + "'" : ", found the end of the file"));
        }
        EpisodeTitle title = EpisodeTitle.parse(lines[i].substring(2));
        i++;
        LocalDate date = null;
        Duration duration = null;
        while (true) {
            i = skipBlank(lines, i);
            if (i >= lines.length) break;
            Matcher h = HEADER.matcher(lines[i].trim());
            if (!h.matches()) break;
            String key = h.group(1).toLowerCase(Locale.ROOT), value = h.group(2).trim();
            if (key.equals("date")) {
                date = parseDate(value);
                if (date == null) return fail(file, i + 1, "unparseable Date '" + abbreviate(value) + "' (expected MM/DD/YYYY)");
            } else if (key.equals("duration")) {
                duration = parseDuration(value);
                if (duration == null) return fail(file, i + 1, "unparseable Duration '" + abbreviate(value) + "' (expected 'H hours, M minutes, S seconds')");
            }
            i++;
        }
        int bodyStart = i;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        for (; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                if (para.length() > 0) paragraphs.add(para.toString());
                para.setLength(0);
            } else {
                if (para.length() > 0) para.append(' ');
                para.append(l);
            }
        }
        if (para.length() > 0) paragraphs.add(para.toString());
        if (paragraphs.isEmpty()) return fail(file, Math.min(bodyStart + 1, lines.length), "empty body: no text after the header");

        List<Sentence> sentences = sentences(paragraphs, duration);
        if (sentences.isEmpty()) return fail(file, Math.min(bodyStart + 1, lines.length), "empty body: no words after the header");
        // "Duration: 0 hours" says nothing about the length: estimate it, as for a missing one
        String id = idOf(file);
        return new Parsed(new Episode(id, title, date, duration == null || duration.isZero() ? estimatedDuration(sentences) : duration, url,
                sentences, true, file, checksum(bytes)));
    }

    /** The episode id for a file: its name without extension. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static String checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Long.toHexString(crc.getValue()) + "-" + bytes.length;
    }

    static List<Sentence> sentences(List<String> paragraphs, Duration duration) {
        return sentences(paragraphs, null, duration);
    }

    /**
     * The sentences of a body, each with the speaker of the paragraph it starts in.
     *
     * @param speakers who says each paragraph (entries may be null); null when nobody is named
     */
    static List<Sentence> sentences(List<String> paragraphs, List<String> speakers, Duration duration) {
        Body body = body(paragraphs, speakers);
        List<String> texts = body.texts();
        List<Integer> paragraphOf = body.paragraphOf();
        List<Sentence.Role> roles = SponsorDetector.roles(texts);
        double seconds = duration == null || duration.isZero() ? -1 : duration.toSeconds();
        int[] starts = TimeEstimator.DEFAULT.starts(texts, paragraphOf, seconds, WORDS_PER_SECOND);
        List<Sentence> out = new ArrayList<>(texts.size());
        int words = 0;
        for (int s = 0; s < texts.size(); s++) {
            String t = texts.get(s);
            int count = Text.wordCount(t);
            String speaker = speakers == null ? null : speakers.get(paragraphOf.get(s));
            out.add(new Sentence(s, t, paragraphOf.get(s), words, starts[s], roles.get(s), count, speaker));
            words += count;
        }
        return out;
    }

    /** Splits paragraphs into sentences, joining a paragraph that starts in lower case to the one before. */
    static Body body(List<String> paragraphs) {
        return body(paragraphs, null);
    }

    /**
     * As {@link #body(List)}, but a paragraph that starts in lower case continues the one before
     * only when the same speaker says both: a new speaker's turn is never glued to the last one's
     * sentence, even when a diarizer cut a sentence in two.
     */
    static Body body(List<String> paragraphs, List<String> speakers) {
        // join continuation paragraphs (starting lower case) into the one before
        List<String> blocks = new ArrayList<>();
        List<Integer> blockParagraph = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            String text = Text.collapse(paragraphs.get(p));
            if (text.isEmpty()) continue; // only whitespace that String.trim() keeps (U+3000, U+2028...)
            int first = text.codePointAt(0);
            boolean sameSpeaker = speakers == null || blocks.isEmpty()
                    || java.util.Objects.equals(speakers.get(p), speakers.get(blockParagraph.get(blocks.size() - 1)));
            if (!blocks.isEmpty() && Character.isLowerCase(first) && sameSpeaker) {
                int last = blocks.size() - 1;
                blocks.set(last, blocks.get(last) + " " + text);
            } else {
                blocks.add(text);
                blockParagraph.add(p);
            }
        }
        List<String> texts = new ArrayList<>();
        List<Integer> paragraphOf = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            for (String s : SentenceSplitter.split(blocks.get(b))) {
                texts.add(s);
                paragraphOf.add(blockParagraph.get(b));
            }
        }
        return new Body(texts, paragraphOf);
    }

    /** The sentence texts of a body and the paragraph each starts in, before any timing. */
    public record Body(List<String> texts, List<Integer> paragraphOf) {}

    static Duration estimatedDuration(List<Sentence> sentences) {
        int words = 0;
        for (Sentence s : sentences) words += s.wordCount();
        return Duration.ofSeconds((long) (words / WORDS_PER_SECOND));
    }

    static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value, US_DATE);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value); // ISO as a courtesy
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Duration parseDuration(String value) {
        Matcher m = DURATION_WORDS.matcher(value);
        if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            return Duration.ofHours(num(m.group(1))).plusMinutes(num(m.group(2))).plusSeconds(num(m.group(3)));
        }
        m = DURATION_CLOCK.matcher(value);
        if (m.matches()) {
            return Duration.ofHours(num(m.group(1))).plusMinutes(num(m.group(2))).plusSeconds(num(m.group(3)));
        }
        return null;
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static int skipBlank(String[] lines, int i) {
        while (i < lines.length && lines[i].isBlank()) i++;
        return i;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 32 ? t.substring(0, 29) + "..." : t;
    }

    private static Failed fail(Path file, int line, String reason) {
        return new Failed(new TranscriptProblem(file, line, reason));
    }

    static final class BadEncoding extends Exception {
        final int line;

        BadEncoding(int line, String message) {
            super(message);
            this.line = line;
        }

        /** How every reader reports it: the line and what was wrong with the bytes. */
        String reason() {
            return "invalid UTF-8 (" + getMessage() + ")";
        }

        TranscriptProblem problem(Path file) {
            return new TranscriptProblem(file, line, reason());
        }
    }

    /** Strict UTF-8: a bad byte is reported with its line, never replaced silently. */
    static String decode(byte[] bytes) throws BadEncoding {
        // the JDK's own decoding, fast on ASCII, replaces a malformed sequence with U+FFFD: text
        // without one decoded cleanly and is what the reporting decoder would give (3% of a
        // 1,000-episode cold build went to that decoder's copy through a CharBuffer, issue 20)
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) return fast;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // locate the first bad line
            int line = 1, start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        return throwAt(line, start, i, bytes);
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new BadEncoding(1, "malformed byte sequence");
        }
    }

    private static String throwAt(int line, int start, int end, byte[] bytes) throws BadEncoding {
        throw new BadEncoding(line, "malformed byte sequence on line " + line);
    }
}
