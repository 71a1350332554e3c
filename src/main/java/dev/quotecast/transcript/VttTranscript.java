package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .vtt} file read as an episode of its own (no seed {@code .txt} beside it): the cue texts
 * as its body, the cue times as exact sentence times, and the cues' voice tags
 * ({@code <v Lex Fridman>}) as its speakers.
 */
public final class VttTranscript implements TranscriptReader {

    @Override
    public TranscriptParser.Result read(Path file, byte[] bytes) {
        String text;
        try {
            text = TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return new TranscriptParser.Failed(e.problem(file));
        }
        WebVtt.Track track;
        try {
            track = WebVtt.parse(file, text);
        } catch (WebVtt.Malformed m) {
            return new TranscriptParser.Failed(m.problem());
        }
        // WebVtt ordered the cues and reported its repairs; the segments are in order already
        List<Segment> segments = new ArrayList<>(track.cues().size());
        for (WebVtt.Cue c : track.cues()) {
            segments.add(new Segment(c.line(), Math.round(c.start() * 1000), Math.round(c.end() * 1000), c.text(), c.speaker()));
        }
        return TimedTranscript.episode(file, bytes, new TimedTranscript.Ordered(segments, track.repairs()), TranscriptFormat.WEBVTT, "cue");
    }
}
