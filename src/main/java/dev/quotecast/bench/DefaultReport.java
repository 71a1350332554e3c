package dev.quotecast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The "Default configuration" table: for each size, keywords only beside the default (passages
 * and questions embedded), with issue 20's targets marked, and the sizes whose embedding was not
 * run, extrapolated from the rate of the largest size that was, and said to be.
 */
final class DefaultReport {

    static final double EMBEDDED_101_SECONDS = 90, EMBEDDED_1000_SECONDS = 15 * 60;
    static final double ASK_CPU_P50_MS = 10, ASK_CPU_P99_MS = 25;
    static final double ONE_SHOT_SECONDS = 4;

    private DefaultReport() {}

    /**
     * A size whose embedding time is extrapolated, not measured.
     *
     * @param episodes the size
     * @param passages its passages (counted by a keyword build)
     * @param from the measured size whose rate is used
     */
    record Extrapolated(int episodes, long passages, DefaultFigures from) {
        double seconds() {
            return from.embedding().secondsFor(passages);
        }
    }

    static String render(List<DefaultFigures> sizes, List<Extrapolated> extrapolated, List<String> notes) {
        StringBuilder md = new StringBuilder();
        List<String> loads = new ArrayList<>();
        for (DefaultFigures f : sizes) loads.add(String.format(Locale.ROOT, "%d: %.1f/%.1f", f.episodes(), f.load()[0], f.load()[1]));
        md.append("Load average (1 min) before/after each size: ").append(String.join(", ", loads)).append("\n\n");
        md.append("| Figure | Target |");
        for (DefaultFigures f : sizes) {
            String n = f.episodes() + (f.episodes() == 1 ? " episode" : " episodes");
            md.append(' ').append(n).append(", keywords only | ").append(n).append(", default (embeddings) |");
        }
        md.append("\n|---|---|").append("---|---|".repeat(sizes.size())).append('\n');

        row(md, "Passages", "", sizes, f -> String.valueOf(f.passages()), f -> String.valueOf(f.passages()));
        row(md, "First start: engine ready (answers from keywords)", "", sizes, f -> "—",
                f -> fmt(f.embedding().readySeconds(), 1) + " s");
        row(md, "First start: fully embedded (all passages, advice judged)", "≤ 90 s at 101", sizes, f -> "—", f -> {
            double s = f.embedding().embeddedSeconds();
            return fmt(s, 1) + " s" + (f.episodes() == 101 ? Report.mark(s <= EMBEDDED_101_SECONDS) : "");
        });
        row(md, "First start: vector index merged into one segment (one graph to search)", "", sizes, f -> "—",
                f -> fmt(f.embedding().mergedSeconds(), 1) + " s");
        row(md, "Embedding rate: passages/s (process CPU ms per passage)", "", sizes, f -> "—",
                f -> fmt(f.embedding().passagesPerSecond(), 0) + " (" + fmt(1000 * f.embedding().cpuSeconds() / f.embedding().passages(), 1) + ")");
        row(md, "Warm `ask`, new question: wall p50 / p99 / max ms", "", sizes, f -> latency(f.keywords().wall()), f -> latency(f.embeddings().wall()));
        row(md, "Warm `ask`, new question: CPU of the asking thread p50 / p99 ms", "p50 ≤ 10, p99 ≤ 25 at 101", sizes,
                f -> cpu(f.keywords().cpu(), false), f -> cpu(f.embeddings().cpu(), f.episodes() == 101));
        row(md, "Warm `ask`: process CPU per question, all threads (mean ms)", "", sizes,
                f -> fmt(f.keywords().processCpuMillisPerAsk(), 2), f -> fmt(f.embeddings().processCpuMillisPerAsk(), 2));
        row(md, "Questions answered", "", sizes, f -> f.keywords().found() + " of " + f.keywords().wall().count(),
                f -> f.embeddings().found() + " of " + f.embeddings().wall().count());
        row(md, "One-shot `quotecast ask`, process start to exit (median)", "≤ 4 s on the seed", sizes,
                f -> fmt(f.keywords().oneShotSeconds(), 2) + " s",
                f -> fmt(f.embeddings().oneShotSeconds(), 2) + " s" + (f.episodes() == 1 ? Report.mark(f.embeddings().oneShotSeconds() <= ONE_SHOT_SECONDS) : ""));
        row(md, "Resident memory after the questions", "", sizes, f -> mb(f.keywords().residentBytes()), f -> mb(f.embeddings().residentBytes()));
        row(md, "Heap used after full GC", "", sizes, f -> mb(f.keywords().heapBytes()), f -> mb(f.embeddings().heapBytes()));
        md.append('\n');
        for (Extrapolated x : extrapolated) md.append("- ").append(extrapolation(x)).append('\n');
        for (String n : notes) md.append("- ").append(n).append('\n');
        return md.toString();
    }

    /** The sentence for a size whose embedding was not run. */
    static String extrapolation(Extrapolated x) {
        double s = x.seconds();
        boolean targeted = x.episodes() == 1000;
        return String.format(Locale.ROOT, "%,d episodes, fully embedded: ≈ %.1f min (%,d passages at the %d-episode rate of %.0f passages/s; "
                        + "extrapolated, not measured)%s", x.episodes(), s / 60, x.passages(), x.from().episodes(),
                x.from().embedding().passagesPerSecond(), targeted ? "; target ≤ 15 min" + Report.mark(s <= EMBEDDED_1000_SECONDS) : "");
    }

    private static String cpu(Latencies.Summary s, boolean targeted) {
        String text = Report.ms(s.p50(), 2) + " / " + Report.ms(s.p99(), 2);
        return targeted ? text + Report.mark(s.p50() / 1e6 <= ASK_CPU_P50_MS && s.p99() / 1e6 <= ASK_CPU_P99_MS) : text;
    }

    private static String latency(Latencies.Summary s) {
        return Report.ms(s.p50(), 2) + " / " + Report.ms(s.p99(), 2) + " / " + Report.ms(s.max(), 1);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : fmt(bytes / 1048576.0, 0) + " MB";
    }

    private static String fmt(double v, int decimals) {
        return Report.fmt(v, decimals);
    }

    private static void row(StringBuilder md, String name, String target, List<DefaultFigures> sizes,
                            Function<DefaultFigures, String> keywords, Function<DefaultFigures, String> embeddings) {
        md.append("| ").append(name).append(" | ").append(target).append(" |");
        for (DefaultFigures f : sizes) {
            md.append(' ').append(keywords.apply(f).replace("|", "\\|")).append(" | ").append(embeddings.apply(f).replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
