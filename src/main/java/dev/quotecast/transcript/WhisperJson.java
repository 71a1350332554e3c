package dev.quotecast.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the {@code .json} Whisper writes ({@code {"segments": [{"start": 0.0, "end": 4.2,
 * "text": " …"}, …]}}, times in seconds) and WhisperX's, which adds a {@code speaker} to each
 * segment and each word and times each word ({@code "words": [{"word", "start", "end",
 * "speaker"}]}).
 *
 * <p>Where a segment's words name different speakers (a diarizer's turn falls inside Whisper's
 * segment), the segment is cut at each change, so that every sentence is credited to the one who
 * says it; a word without a speaker is the speaker's before it. Segments are read one at a time
 * with their line, so that a bad one is reported where it is.
 */
public final class WhisperJson implements TranscriptReader {

    private final ObjectMapper mapper;

    public WhisperJson() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
        this.mapper = new ObjectMapper(f);
    }

    /** The segments read and whether any names a speaker (WhisperX). */
    record Read(List<Segment> segments, boolean speakers) {}

    @Override
    public TranscriptParser.Result read(Path file, byte[] bytes) {
        try {
            TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return new TranscriptParser.Failed(e.problem(file));
        }
        try {
            Read r = segments(file, bytes);
            TranscriptFormat format = r.speakers() ? TranscriptFormat.WHISPERX_JSON : TranscriptFormat.WHISPER_JSON;
            return TimedTranscript.episode(file, bytes, TimedTranscript.order(file, r.segments(), "segment"), format, "segment");
        } catch (MalformedTranscript m) {
            return new TranscriptParser.Failed(m.problem());
        }
    }

    Read segments(Path file, byte[] bytes) throws MalformedTranscript {
        List<Segment> out = new ArrayList<>();
        boolean speakers = false;
        boolean found = false;
        try (JsonParser p = mapper.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedTranscript(file, line(p), "not a Whisper JSON file: expected an object with \"segments\"");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("segments")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) throw new MalformedTranscript(file, line(p), "\"segments\" is not a list");
                found = true;
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int line = line(p);
                    if (p.currentToken() != JsonToken.START_OBJECT) throw new MalformedTranscript(file, line, "segment " + n + " is not an object");
                    JsonNode seg = p.readValueAsTree();
                    for (Segment s : segment(file, line, n++, seg)) {
                        out.add(s);
                        speakers |= s.speaker() != null;
                    }
                }
            }
            // anything after the top object is not Whisper's
            if (p.nextToken() != null) throw new MalformedTranscript(file, line(p), "text after the end of the JSON object");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new MalformedTranscript(file, Math.max(line, 1), "not valid JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedTranscript(file, 0, "cannot read: " + e.getMessage());
        }
        if (!found) throw new MalformedTranscript(file, 1, "not a Whisper JSON file: no \"segments\" list");
        return new Read(out, speakers);
    }

    /** One segment, cut where its words change speaker. */
    private static List<Segment> segment(Path file, int line, int n, JsonNode seg) throws MalformedTranscript {
        long start = seconds(file, line, seg, "start", "segment " + n);
        long end = seconds(file, line, seg, "end", "segment " + n);
        JsonNode t = seg.get("text");
        if (t == null || !t.isTextual()) throw new MalformedTranscript(file, line, "segment " + n + ": \"text\" is missing or not a string");
        String text = Text.collapse(Text.withoutControls(t.asText()));
        String speaker = speaker(seg);
        JsonNode ws = seg.get("words");
        if (ws == null || !ws.isArray() || ws.isEmpty()) return List.of(new Segment(line, start, end, text, speaker));
        List<Segment.Word> words = new ArrayList<>();
        List<String> wordSpeakers = new ArrayList<>();
        String current = speaker;
        boolean changes = false;
        for (JsonNode w : ws) {
            JsonNode word = w.get("word");
            if (word == null || !word.isTextual()) throw new MalformedTranscript(file, line, "segment " + n + ": a word without \"word\"");
            String ww = Text.collapse(Text.withoutControls(word.asText()));
            if (ww.isEmpty()) continue;
            long ws0 = w.hasNonNull("start") ? seconds(file, line, w, "start", "segment " + n + " word '" + abbreviate(ww) + "'") : -1;
            long we = w.hasNonNull("end") ? seconds(file, line, w, "end", "segment " + n + " word '" + abbreviate(ww) + "'") : -1;
            String who = speaker(w);
            if (who != null) current = who;
            changes |= !wordSpeakers.isEmpty() && !Objects.equals(current, wordSpeakers.get(wordSpeakers.size() - 1));
            words.add(new Segment.Word(ww, ws0, we));
            wordSpeakers.add(current);
        }
        if (words.isEmpty()) return List.of(new Segment(line, start, end, text, speaker));
        if (!changes) return List.of(new Segment(line, start, end, text, speaker != null ? speaker : wordSpeakers.get(0), words));
        List<Segment> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= words.size(); i++) {
            if (i < words.size() && Objects.equals(wordSpeakers.get(i), wordSpeakers.get(from))) continue;
            List<Segment.Word> run = words.subList(from, i);
            long runStart = from == 0 ? start : firstTime(run, start);
            long runEnd = i == words.size() ? end : lastTime(run, runStart);
            StringBuilder sb = new StringBuilder();
            for (Segment.Word w : run) sb.append(sb.length() > 0 ? " " : "").append(w.text());
            out.add(new Segment(line, runStart, runEnd, sb.toString(), wordSpeakers.get(from), run));
            from = i;
        }
        return out;
    }

    private static long firstTime(List<Segment.Word> run, long otherwise) {
        for (Segment.Word w : run) if (w.startMillis() >= 0) return w.startMillis();
        return otherwise;
    }

    private static long lastTime(List<Segment.Word> run, long otherwise) {
        for (int i = run.size() - 1; i >= 0; i--) if (run.get(i).endMillis() >= 0) return run.get(i).endMillis();
        return otherwise;
    }

    private static String speaker(JsonNode n) {
        JsonNode s = n.get("speaker");
        if (s == null || !s.isTextual()) return null;
        String v = Text.collapse(Text.withoutControls(s.asText()));
        return v.isEmpty() ? null : v;
    }

    /** Whole milliseconds of a time in seconds; a missing or negative one fails the file. */
    private static long seconds(Path file, int line, JsonNode n, String key, String what) throws MalformedTranscript {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble()) || v.asDouble() > 1e7) {
            throw new MalformedTranscript(file, line, what + ": \"" + key + "\" is " + (v == null ? "missing" : "not a time in seconds ("
                    + abbreviate(v.toString()) + ")"));
        }
        return Math.round(v.asDouble() * 1000);
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }
}
