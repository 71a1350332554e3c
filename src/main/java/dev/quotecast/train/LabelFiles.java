package dev.quotecast.train;

import dev.quotecast.content.Corpus;
import dev.quotecast.content.Moment;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labeled files of {@code eval/}, read and located in the transcripts: each row becomes the
 * span of sentences it names, in the split its episode belongs to. A row that no longer matches
 * its transcript (the parser numbers sentences differently now, the file changed) is an error
 * naming the file and line, never a silently wrong label.
 */
public final class LabelFiles {

    /** One labeled span: where it is, its label, and (for quotes) the topic it was judged for. */
    public record Labeled(String file, int line, String split, String label, String topic, Moment moment) {}

    private final Path dir;
    private final Map<String, String> splits;

    public LabelFiles(Path dir) {
        this.dir = dir;
        this.splits = readSplits(dir.resolve("splits.tsv"));
    }

    static Map<String, String> readSplits(Path file) {
        Map<String, String> out = new HashMap<>();
        for (String[] c : rows(file)) out.put(c[0], c[1]);
        return out;
    }

    public Map<String, String> splits() {
        return splits;
    }

    /** {@code speakers.tsv}: label, episode file, sentence, first words; what the speaker models are fitted on. */
    public List<Labeled> speakers(Corpus corpus) {
        return speakers(corpus, dir.resolve("labels/speakers.tsv"));
    }

    /**
     * {@code speakers-round2.tsv}, the same columns: twelve more episodes' runs, scored and never
     * fitted on. Fitted on, they moved the turn decoder by half a point and unsettled the advice
     * classifier, which reads the host model (README "Speakers"). Empty when a labels folder has no such file.
     */
    public List<Labeled> speakersScoredOnly(Corpus corpus) {
        Path f = dir.resolve("labels/speakers-round2.tsv");
        return Files.exists(f) ? speakers(corpus, f) : List.of();
    }

    private List<Labeled> speakers(Corpus corpus, Path f) {
        List<Labeled> out = new ArrayList<>();
        for (String[] c : rowsWithLines(f)) {
            int line = Integer.parseInt(c[c.length - 1]);
            Episode e = episode(corpus, c[1], f, line);
            int i = Integer.parseInt(c[2]);
            check(e, i, i, c[3], f, line);
            out.add(new Labeled(c[1], line, split(c[1], f, line), c[0], null, new Moment(e, i, i)));
        }
        return out;
    }

    /** {@code advice.tsv}: label, episode file, sentence, guest, stratum, text. */
    public List<Labeled> advice(Corpus corpus) {
        List<Labeled> out = new ArrayList<>();
        Path f = dir.resolve("labels/advice.tsv");
        for (String[] c : rowsWithLines(f)) {
            int line = Integer.parseInt(c[c.length - 1]);
            Episode e = episode(corpus, c[1], f, line);
            out.add(new Labeled(c[1], line, split(c[1], f, line), c[0], null, span(e, Integer.parseInt(c[2]), c[5], f, line)));
        }
        return out;
    }

    /** {@code quotes.tsv}: label, topic, episode file, sentence, guest, stratum, text. */
    public List<Labeled> quotes(Corpus corpus) {
        List<Labeled> out = new ArrayList<>();
        Path f = dir.resolve("labels/quotes.tsv");
        for (String[] c : rowsWithLines(f)) {
            int line = Integer.parseInt(c[c.length - 1]);
            Episode e = episode(corpus, c[2], f, line);
            out.add(new Labeled(c[2], line, split(c[2], f, line), c[0], c[1], span(e, Integer.parseInt(c[3]), c[6], f, line)));
        }
        return out;
    }

    private String split(String file, Path f, int line) {
        String s = splits.get(file);
        if (s == null) throw new IllegalArgumentException(f + ":" + line + ": " + file + " is in no split (add it to eval/splits.tsv)");
        return s;
    }

    private static Episode episode(Corpus corpus, String file, Path f, int line) {
        return corpus.get(TranscriptParser.idOf(Path.of(file)))
                .orElseThrow(() -> new IllegalArgumentException(f + ":" + line + ": no transcript " + file + " is loaded"));
    }

    /** The span that starts at sentence {@code first} and holds {@code text}: one sentence, or as many as the text runs to. */
    private static Moment span(Episode e, int first, String text, Path f, int line) {
        String want = normalised(text);
        for (int last = first; last < Math.min(e.sentences().size(), first + 4); last++) {
            if (normalised(e.text(first, last)).equals(want)) return new Moment(e, first, last);
        }
        throw new IllegalArgumentException(f + ":" + line + ": sentence " + first + " of " + e.id() + " does not read '"
                + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "' (has the parser changed?)");
    }

    private static void check(Episode e, int first, int last, String words, Path f, int line) {
        if (last >= e.sentences().size() || !normalised(e.text(first, last)).startsWith(normalised(words))) {
            throw new IllegalArgumentException(f + ":" + line + ": sentence " + first + " of " + e.id() + " does not start with '" + words
                    + "' (has the parser changed?)");
        }
    }

    static String normalised(String s) {
        return s.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    private static List<String[]> rows(Path file) {
        List<String[]> out = new ArrayList<>();
        for (String[] r : rowsWithLines(file)) out.add(java.util.Arrays.copyOf(r, r.length - 1));
        return out;
    }

    /** Tab-separated rows, comments skipped, each with its line number appended as the last column. */
    private static List<String[]> rowsWithLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) continue;
                String[] c = l.split("\t", -1);
                String[] withLine = java.util.Arrays.copyOf(c, c.length + 1);
                withLine[c.length] = String.valueOf(i + 1);
                out.add(withLine);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
