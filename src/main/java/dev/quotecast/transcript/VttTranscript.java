package dev.quotecast.transcript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code .vtt} file with no {@code .txt} beside it, read as an episode of its own: titled from
 * its file name, with the cue texts as its body and the cue times as exact sentence times.
 */
public final class VttTranscript {

    /** A paragraph closes at a sentence end after a pause this long ... */
    static final double PARAGRAPH_PAUSE_SECONDS = 1.5;
    /** ... once it has this many words, or at the next sentence end past the hard limit. */
    static final int PARAGRAPH_MIN_WORDS = 60;
    static final int PARAGRAPH_MAX_WORDS = 180;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VttTranscript.class);

    private VttTranscript() {}

    public static TranscriptParser.Result parse(Path file, byte[] bytes) {
        String text;
        try {
            text = TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return new TranscriptParser.Failed(new TranscriptProblem(file, e.line, "invalid UTF-8 (" + e.getMessage() + ")"));
        }
        WebVtt.Track track;
        try {
            track = WebVtt.parse(file, text);
        } catch (WebVtt.Malformed m) {
            return new TranscriptParser.Failed(m.problem());
        }
        // as for a .vtt beside a .txt (TranscriptLibrary): a repaired cue is reported, with its line
        for (TranscriptProblem r : track.repairs()) log.warn("{}", r);
        if (track.cues().isEmpty()) return new TranscriptParser.Failed(new TranscriptProblem(file, 1, "no cues with text"));
        Duration duration = Duration.ofMillis((long) (track.end() * 1000));
        List<String> paragraphs = paragraphs(track);
        List<Sentence> estimated = TranscriptParser.sentences(paragraphs, duration);
        Episode e = new Episode(TranscriptParser.idOf(file), EpisodeTitle.parse(titleOf(file)), null, duration, null,
                estimated, true, file, TranscriptParser.checksum(bytes));
        return new TranscriptParser.Parsed(VttTimes.apply(e, track, e.checksum()));
    }

    /** {@code episode-001-max-tegmark.vtt} reads as "Episode 001 Max Tegmark". */
    static String titleOf(Path file) {
        String base = TranscriptParser.idOf(file).replaceAll("[-_]+", " ").trim();
        StringBuilder sb = new StringBuilder();
        for (String w : base.split("\\s+")) {
            if (w.isEmpty()) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
        }
        return sb.length() == 0 ? file.getFileName().toString() : sb.toString();
    }

    /** Cue texts grouped into paragraphs at pauses that fall on a sentence end. */
    static List<String> paragraphs(WebVtt.Track track) {
        List<String> out = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        int words = 0;
        List<WebVtt.Cue> cues = track.cues();
        for (int k = 0; k < cues.size(); k++) {
            WebVtt.Cue c = cues.get(k);
            if (para.length() > 0) para.append(' ');
            para.append(c.text());
            words += Text.wordCount(c.text());
            boolean sentenceEnd = c.text().matches(".*[.!?][\"')\\]”’]*$");
            double pause = k + 1 < cues.size() ? cues.get(k + 1).start() - c.end() : 0;
            boolean nextCapital = k + 1 < cues.size() && !cues.get(k + 1).text().isEmpty()
                    && !Character.isLowerCase(cues.get(k + 1).text().codePointAt(0));
            if (sentenceEnd && nextCapital && ((words >= PARAGRAPH_MIN_WORDS && pause >= PARAGRAPH_PAUSE_SECONDS) || words >= PARAGRAPH_MAX_WORDS)) {
                out.add(para.toString());
                para.setLength(0);
                words = 0;
            }
        }
        if (para.length() > 0) out.add(para.toString());
        return out;
    }
}
