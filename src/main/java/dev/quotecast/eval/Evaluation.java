package dev.quotecast.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Scores a {@link Responder} on an {@link EvalSet} with the rule the files state: an ask row is a
 * hit when an expected text is in the first passage (hit@3: in any of the first three), a NONE row
 * when nothing is returned, a quote row when the first quote contains the expected text.
 */
public final class Evaluation {

    private Evaluation() {}

    /** Candidates read per answerable row for {@link Score#inCandidates}. */
    public static final int CANDIDATES = 50;
    /** The shorter list {@link Score#inTop10} counts. */
    public static final int TOP = 10;

    /**
     * Why a row missed, with what came back first (null: nothing came back) and the rank (1-based)
     * of the first candidate holding the expected text, 0 when none of the first {@link #CANDIDATES}
     * does, -1 for rows that have no such rank (quotes, NONE rows).
     */
    public record Miss(EvalSet.Row row, String outcome, Responder.Passage top, int candidateRank) {}

    /**
     * The figures of one run.
     *
     * @param askRows answerable ask rows; {@code noneRows} the ask rows whose answer is NONE
     * @param inTop10 answerable rows whose expected text is in one of the first {@link #TOP}
     *     candidates, no-answer threshold aside; {@code inCandidates} the same in the first {@link #CANDIDATES}
     * @param latenciesNanos one per query, in row order
     */
    public record Score(String system, String set, int askRows, int askHit1, int askHit3, int noneRows, int noneHandled,
                        int quoteRows, int quoteHits, int inTop10, int inCandidates, int highlightHit1, List<Miss> misses,
                        long[] latenciesNanos, long[] cpuNanos) {

        /** All ask rows scored at rank 1, NONE rows included: issue 2's "10 of 12". */
        public int askTotalHits() {
            return askHit1 + noneHandled;
        }

        public int askTotalRows() {
            return askRows + noneRows;
        }

        public double percentile(double p) {
            return percentile(latenciesNanos, p);
        }

        /**
         * CPU time of the whole process while a question was answered (all threads: the model reads
         * an answer's windows on its own threads): steadier on a busy machine than wall time.
         */
        public double cpuPercentile(double p) {
            return percentile(cpuNanos, p);
        }

        private static double percentile(long[] values, double p) {
            if (values.length == 0) return 0;
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    public static Score run(EvalSet set, Responder r) {
        int askRows = 0, hit1 = 0, hit3 = 0, noneRows = 0, none = 0, quoteRows = 0, quotes = 0, top10 = 0, inCandidates = 0, highlight = 0;
        List<Miss> misses = new ArrayList<>();
        long[] lat = new long[set.rows().size()];
        long[] cpu = new long[set.rows().size()];
        java.util.function.LongSupplier cpuNow = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os::getProcessCpuTime : () -> 0L;
        int k = 0;
        for (EvalSet.Row row : set.rows()) {
            long c0 = cpuNow.getAsLong();
            long t0 = System.nanoTime();
            if (row.kind() == EvalSet.Kind.QUOTE) {
                Optional<Responder.Passage> q = r.quote(row.query());
                lat[k] = System.nanoTime() - t0;
                cpu[k++] = cpuNow.getAsLong() - c0;
                quoteRows++;
                if (q.isPresent() && EvalSet.matches(q.get().text(), row.expected())) quotes++;
                else misses.add(new Miss(row, q.isPresent() ? "wrong quote" : "no quote", q.orElse(null), -1));
                continue;
            }
            List<Responder.Passage> answers = r.answers(row.query(), 3);
            lat[k] = System.nanoTime() - t0;
            cpu[k++] = cpuNow.getAsLong() - c0;
            Responder.Passage top = answers.isEmpty() ? null : answers.get(0);
            if (row.expectsNone()) {
                noneRows++;
                if (answers.isEmpty()) none++;
                else misses.add(new Miss(row, "answered a NONE row", top, -1));
                continue;
            }
            askRows++;
            boolean first = top != null && EvalSet.matches(top.text(), row.expected());
            boolean any = false;
            for (Responder.Passage p : answers) any |= EvalSet.matches(p.text(), row.expected());
            if (first) hit1++;
            if (any) hit3++;
            if (top != null && EvalSet.matches(top.highlight(), row.expected())) highlight++;
            // after the timing: the candidate list is a second, longer ranking no user waits for
            int rank = candidateRank(r.candidates(row.query(), CANDIDATES), row.expected());
            if (rank > 0) inCandidates++;
            if (rank > 0 && rank <= TOP) top10++;
            if (!first) {
                String why = top == null ? "said not found" : any ? "right answer at rank 2-3" : "wrong passage";
                misses.add(new Miss(row, why, top, rank));
            }
        }
        return new Score(r.name(), set.name(), askRows, hit1, hit3, noneRows, none, quoteRows, quotes, top10, inCandidates, highlight, misses,
                lat, cpu);
    }

    /** 1-based rank of the first passage holding an expected text; 0 when none does. */
    static int candidateRank(List<Responder.Passage> candidates, List<String> expected) {
        for (int i = 0; i < candidates.size(); i++) if (EvalSet.matches(candidates.get(i).text(), expected)) return i + 1;
        return 0;
    }

    /** Prints the scores side by side, the first being the system under test. */
    public static void print(PrintStream out, List<Score> scores) {
        if (scores.isEmpty()) return;
        out.printf("%-34s", scores.get(0).set());
        for (Score s : scores) out.printf("%18s", s.system());
        if (scores.size() == 2) out.printf("%10s", "ratio");
        out.println();
        row(out, "ask hit@1 (answerable)", scores, s -> s.askHit1(), s -> s.askRows());
        row(out, "ask hit@3 (answerable)", scores, s -> s.askHit3(), s -> s.askRows());
        row(out, "highlight hit@1 (answerable)", scores, s -> s.highlightHit1(), s -> s.askRows());
        row(out, "NONE rows answered 'not found'", scores, s -> s.noneHandled(), s -> s.noneRows());
        row(out, "ask rows, NONE included", scores, s -> s.askTotalHits(), s -> s.askTotalRows());
        row(out, "quote hit@1", scores, s -> s.quoteHits(), s -> s.quoteRows());
        row(out, "right passage in top " + TOP + " candidates", scores, s -> s.inTop10(), s -> s.askRows());
        row(out, "right passage in top " + CANDIDATES + " candidates", scores, s -> s.inCandidates(), s -> s.askRows());
        out.printf("%-34s", "warm latency p50 / p99 (ms)");
        for (Score s : scores) out.printf("%18s", String.format("%.1f / %.1f", s.percentile(50), s.percentile(99)));
        out.println();
        out.printf("%-34s", "warm process CPU p50 / p99 (ms)");
        for (Score s : scores) out.printf("%18s", String.format("%.1f / %.1f", s.cpuPercentile(50), s.cpuPercentile(99)));
        out.println();
    }

    private static void row(PrintStream out, String label, List<Score> scores,
                            java.util.function.ToIntFunction<Score> hits, java.util.function.ToIntFunction<Score> rows) {
        out.printf("%-34s", label);
        for (Score s : scores) {
            int n = rows.applyAsInt(s);
            out.printf("%18s", n == 0 ? "-" : String.format("%d/%d %5.1f%%", hits.applyAsInt(s), n, 100.0 * hits.applyAsInt(s) / n));
        }
        if (scores.size() == 2) {
            int a = hits.applyAsInt(scores.get(0)), b = hits.applyAsInt(scores.get(1));
            out.printf("%10s", rows.applyAsInt(scores.get(0)) == 0 ? "" : b == 0 ? (a == 0 ? "=" : "inf") : String.format("x%.2f", (double) a / b));
        }
        out.println();
    }

    public static void printMisses(PrintStream out, Score s) {
        out.println("misses of " + s.system() + " (" + s.misses().size() + "):");
        for (Miss m : s.misses()) {
            EvalSet.Row r = m.row();
            String where = m.candidateRank() < 0 ? "" : m.candidateRank() == 0
                    ? " (not among the first " + CANDIDATES + " candidates)" : " (right passage is candidate " + m.candidateRank() + ")";
            out.printf("  line %d %s \"%s\": %s%s%n", r.line(), r.kind().name().toLowerCase(), r.query(), m.outcome(), where);
            out.printf("      expected: %s%s%n", r.expectsNone() ? "NONE" : String.join(" | ", r.expected()),
                    r.episodeFile() == null ? "" : "  (" + r.episodeFile() + ")");
            if (m.top() != null) out.printf("      got [%s]: %s%n", m.top().episodeId(), abbreviate(m.top().text(), 300));
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
