package dev.quotecast.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A question file from {@code shared/eval/}: {@code kind<TAB>query<TAB>expected[<TAB>episode-file]},
 * {@code #} lines are comments (the header states the columns and the scoring rule). Both the
 * 3-column {@code dev-questions.tsv} and the 4-column {@code dev-corpus.tsv} are read.
 */
public record EvalSet(String name, List<Row> rows) {

    public EvalSet {
        rows = List.copyOf(rows);
    }

    public enum Kind { ASK, QUOTE }

    /**
     * One question.
     *
     * @param expected substrings any one of which makes a hit; empty when the row is a NONE row
     * @param episodeFile the file that holds the answer, or null when the set does not say
     */
    public record Row(int line, Kind kind, String query, List<String> expected, String episodeFile) {
        public Row {
            expected = List.copyOf(expected);
        }

        /** True when the right reply is "not in the transcripts". */
        public boolean expectsNone() {
            return expected.isEmpty();
        }
    }

    public static EvalSet read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static EvalSet parse(String name, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] cols = l.split("\t", -1);
            if (cols.length < 3) throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected at least 3 tab-separated columns, found " + cols.length);
            Kind kind;
            try {
                kind = Kind.valueOf(cols[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": unknown kind '" + cols[0] + "' (ask or quote)");
            }
            String exp = cols[2].trim();
            List<String> expected = exp.equals("NONE") ? List.of()
                    : Arrays.stream(exp.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            String file = cols.length > 3 && !cols[3].isBlank() && !cols[3].trim().equals("-") ? cols[3].trim() : null;
            rows.add(new Row(i + 1, kind, cols[1].trim(), expected, file));
        }
        return new EvalSet(name, rows);
    }

    /** Case-insensitive, whitespace-normalised "contains", the rule every eval file states. */
    public static boolean matches(String text, List<String> expected) {
        if (text == null) return false;
        String t = normalise(text);
        for (String e : expected) if (t.contains(normalise(e))) return true;
        return false;
    }

    /** Lower case, runs of white space as one space: how expected texts are compared. */
    public static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
