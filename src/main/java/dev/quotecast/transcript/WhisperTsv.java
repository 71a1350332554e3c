package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code .tsv} Whisper writes: a header {@code start	end	text}, then a row per segment
 * with its start and end in whole milliseconds. A header may name the columns in another order and
 * add a {@code speaker} column; without a header the columns are start, end, text. The text is the
 * last column and may itself hold tabs. A row whose times are not whole milliseconds fails the
 * file with its line.
 */
public final class WhisperTsv implements TranscriptReader {

    private static final Pattern MILLIS = Pattern.compile("^\\d{1,10}$");

    @Override
    public TranscriptParser.Result read(Path file, byte[] bytes) {
        return TimedTranscript.read(file, bytes, WhisperTsv::segments, TranscriptFormat.WHISPER_TSV, "row");
    }

    static List<Segment> segments(Path file, String text) throws MalformedTranscript {
        String[] lines = TimedTranscript.lines(file, text, "TSV");
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) i++;
        int start = 0, end = 1, body = 2, speaker = -1, columns = 3;
        if (i < lines.length && !MILLIS.matcher(lines[i].split("\t", 2)[0].strip()).matches()) {
            List<String> names = new ArrayList<>();
            for (String c : lines[i].split("\t", -1)) names.add(c.strip().toLowerCase(Locale.ROOT));
            start = names.indexOf("start");
            end = names.indexOf("end");
            body = names.indexOf("text");
            speaker = names.indexOf("speaker");
            if (start < 0 || end < 0 || body < 0) {
                throw new MalformedTranscript(file, i + 1, "not a Whisper TSV file: the header must name the columns start, end and text");
            }
            if (body != names.size() - 1) throw new MalformedTranscript(file, i + 1, "the text must be the last column");
            columns = names.size();
            i++;
        }
        List<Segment> out = new ArrayList<>();
        for (; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] cells = lines[i].split("\t", columns);
            if (cells.length < columns) {
                throw new MalformedTranscript(file, i + 1, "expected " + columns + " tab-separated columns, found " + cells.length);
            }
            long from = millis(cells[start]), to = millis(cells[end]);
            if (from < 0 || to < 0) {
                throw new MalformedTranscript(file, i + 1, "'" + abbreviate(from < 0 ? cells[start] : cells[end])
                        + "' is not a time in whole milliseconds");
            }
            String who = speaker < 0 ? null : Text.collapse(cells[speaker]);
            out.add(new Segment(i + 1, from, to, Text.collapse(cells[body]), who == null || who.isEmpty() ? null : who));
        }
        return out;
    }

    private static long millis(String cell) {
        String c = cell.strip();
        return MILLIS.matcher(c).matches() ? Long.parseLong(c) : -1;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 30 ? t.substring(0, 27) + "..." : t;
    }
}
