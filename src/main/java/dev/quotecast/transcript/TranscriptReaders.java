package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.List;

/**
 * The one place that decides which {@link TranscriptReader} reads a file: by its extension, and a
 * {@code .txt} by its first line, since the seed format and plain text share the extension. A
 * {@code .txt} opening with front matter ({@code ---}), a {@code # Title} or a header line
 * ({@code Date:}, {@code Duration:}, {@code Model:}) is the seed format, and is held to it, as
 * before; any other is plain text, if it says enough to be a transcript (see
 * {@link PlainText#MIN_WORDS}).
 */
public final class TranscriptReaders {

    /** A reader's result, and whether the reader's format names the episode itself. */
    public record Read(TranscriptParser.Result result, boolean titled) {}

    private final TranscriptParser seed = new TranscriptParser();
    private final PlainText plain = new PlainText();
    private final VttTranscript vtt = new VttTranscript();
    private final SubRip srt = new SubRip();
    private final WhisperJson json = new WhisperJson();
    private final WhisperTsv tsv = new WhisperTsv();

    /**
     * Reads a transcript file with the reader for its kind; a parser bug costs the file, never the
     * load.
     *
     * @param described true when metadata beside the file ({@code .meta.yml}) vouches for it: a
     *     short plain text is then read, not refused
     */
    public Read read(Path file, byte[] bytes, boolean described) {
        TranscriptReader reader = readerFor(file, bytes, described);
        TranscriptParser.Result r;
        try {
            r = reader.read(file, bytes);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TranscriptReaders.class).error("parsing {} failed", Text.escape(String.valueOf(file)), e);
            return new Read(new TranscriptParser.Failed(new TranscriptProblem(file, 0, "could not be parsed (" + e + ")")), reader.titled());
        }
        if (reader == seed && r instanceof TranscriptParser.Failed f && f.problem().reason().startsWith("expected the title line")
                && !described && isPlainText(bytes)) {
            TranscriptProblem p = f.problem();
            r = new TranscriptParser.Failed(new TranscriptProblem(p.file(), p.line(), p.reason() + "; a .txt without it is read as plain text"
                    + " only with at least " + PlainText.MIN_WORDS + " words, or with " + TranscriptParser.idOf(file) + ".meta.yml beside it"));
        }
        return new Read(r, reader.titled());
    }

    /**
     * The cues of a timed file, for a seed {@code .txt} beside it to take its times from: a
     * {@code .vtt} as {@link WebVtt} reads it, the other timed formats as their readers find
     * their segments, put in order.
     */
    WebVtt.Track track(Path file, byte[] bytes) throws TranscriptParser.BadEncoding, MalformedTranscript {
        String text = TranscriptParser.decode(bytes);
        String ext = TranscriptFormat.extensionOf(file).orElse("");
        if (ext.equals("vtt")) {
            try {
                return WebVtt.parse(file, text);
            } catch (WebVtt.Malformed m) {
                TranscriptProblem p = m.problem();
                throw new MalformedTranscript(p.file(), p.line(), p.reason());
            }
        }
        List<Segment> segments = switch (ext) {
            case "srt" -> SubRip.segments(file, text);
            case "json" -> json.segments(file, bytes).segments();
            case "tsv" -> WhisperTsv.segments(file, text);
            default -> throw new MalformedTranscript(file, 0, "not a timed transcript");
        };
        TimedTranscript.Ordered ordered = TimedTranscript.order(file, segments, ext.equals("tsv") ? "row" : ext.equals("json") ? "segment" : "cue");
        WebVtt.Track t = TimedTranscript.timing(ordered.segments());
        return new WebVtt.Track(t.cues(), ordered.repairs());
    }

    TranscriptReader readerFor(Path file, byte[] bytes, boolean described) {
        String ext = TranscriptFormat.extensionOf(file).orElse("txt");
        return switch (ext) {
            case "vtt" -> vtt;
            case "srt" -> srt;
            case "json" -> json;
            case "tsv" -> tsv;
            default -> {
                String text = decoded(bytes);
                yield plainCandidate(text) && (described || Text.wordCount(text) >= PlainText.MIN_WORDS) ? plain : seed;
            }
        };
    }

    /**
     * True when a {@code .txt} does not open as the seed format does: its first line that is not
     * blank is no front matter, title or header line. Undecodable text and NUL bytes count as the
     * seed format, whose reader reports them as it always did.
     */
    static boolean isPlainText(byte[] bytes) {
        return plainCandidate(decoded(bytes));
    }

    private static boolean plainCandidate(String text) {
        if (text == null || text.indexOf('\0') >= 0) return false;
        // the lines as Text.lines cuts them, but only up to the first that is not blank: cutting the
        // whole file, twice per .txt, was a twentieth of parsing in a profile of a cold build (issue 20)
        int n = text.length();
        for (int start = 0; start <= n; ) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            String l = text.substring(start, end);
            String line = l.startsWith("\uFEFF") ? l.substring(1) : l;
            if (!line.isBlank()) return !TranscriptParser.opensSeed(line);
            if (end == n) break;
            start = end + (text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        return false;
    }

    private static String decoded(byte[] bytes) {
        try {
            return TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return null;
        }
    }
}
