package dev.quotecast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The benchmark's Markdown: one column per corpus size, one row per figure, the target beside
 * each, and a mark where a target applies. It formats what the probes measured and nothing else.
 */
public final class Report {

    static final double COLD_RATIO = 0.5;
    static final double CACHED_P99_MS = 0.1;
    static final long HEAP_MB = 512;
    static final double SLACK_RPS = 300, SLACK_P99_MS = 50;

    private Report() {}

    static long warmStartTargetMillis(int episodes) {
        return episodes <= 101 ? 2_000 : 4_000;
    }

    static double uncachedP99TargetMillis(int episodes) {
        return episodes <= 101 ? 10 : 30;
    }

    public static String render(Machine machine, String command, String started, List<Figures> sizes, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine.describe()).append("  \n");
        md.append("Run: `").append(command).append("`, started ").append(started).append("  \n");
        md.append("Load average (1 min) before/after each size: ");
        List<String> loads = new ArrayList<>();
        for (Figures f : sizes) loads.add(String.format(Locale.ROOT, "%d: %.1f/%.1f", f.corpus().episodes(), f.load()[0], f.load()[1]));
        md.append(String.join(", ", loads)).append("\n\n");

        md.append("| Figure | Target |");
        for (Figures f : sizes) md.append(' ').append(f.corpus().episodes()).append(f.corpus().episodes() == 1 ? " episode |" : " episodes |");
        md.append("\n|---|---|");
        md.append("---|".repeat(sizes.size())).append('\n');

        row(md, "Episodes loaded / .txt MB", "", sizes, f -> f.episodesLoaded() + " / " + fmt(f.corpus().textMegabytes(), 1));
        row(md, "Cold build, Quotecast: s (MB/s)", "", sizes,
                f -> fmt(f.quotecastBuildSeconds(), 2) + " s (" + fmt(f.quotecastMbPerSecond(), 2) + " MB/s)");
        row(md, "Cold build, plain Lucene: s (MB/s)", "reference", sizes,
                f -> fmt(f.plainBuildSeconds(), 2) + " s (" + fmt(f.plainMbPerSecond(), 2) + " MB/s)");
        row(md, "Quotecast MB/s ÷ plain MB/s", "≥ 50%", sizes, f -> {
            double r = f.quotecastMbPerSecond() / f.plainMbPerSecond();
            return fmt(100 * r, 0) + "%" + mark(r >= COLD_RATIO);
        });
        row(md, "Warm start, JVM start to ready (median)", "≤ 2 s at ≤101, ≤ 4 s at 1,000", sizes, f -> {
            long ms = f.medianReadyMillis();
            return fmt(ms / 1000.0, 2) + " s" + mark(ms <= warmStartTargetMillis(f.corpus().episodes()));
        });
        for (String kind : List.of("quote", "ask", "episode")) {
            boolean targeted = !kind.equals("episode");
            row(md, "Uncached `" + kind + "`: p50 / p99 / max ms (q/s)", targeted ? "p99 ≤ 10 ms at ≤101, ≤ 30 ms at 1,000" : "", sizes, f -> {
                Latencies.Summary s = f.uncached().get(kind);
                return latency(s) + (targeted ? mark(s.p99() / 1e6 <= uncachedP99TargetMillis(f.corpus().episodes())) : "");
            });
        }
        for (String kind : List.of("quote", "ask", "episode")) {
            row(md, "Cached `" + kind + "` (Commands): p50 / p99 / max ms", "p99 ≤ 0.1 ms", sizes, f -> {
                Latencies.Summary s = f.cached().get(kind);
                return ms(s.p50(), 4) + " / " + ms(s.p99(), 4) + " / " + ms(s.max(), 3) + mark(s.p99() / 1e6 <= CACHED_P99_MS);
            });
        }
        row(md, "Queries found something (quote / ask / episode)", "", sizes, f -> f.found().get("quote") + " / " + f.found().get("ask")
                + " / " + f.found().get("episode") + " of " + f.queriesPerKind());
        row(md, "Heap used after load + full GC", "≤ 512 MB at 1,000", sizes,
                f -> fmt(f.heapBytes() / 1048576.0, 0) + " MB" + mark(f.heapBytes() <= HEAP_MB * 1048576L));
        row(md, "Index on disk", "", sizes, f -> fmt(f.diskBytes() / 1048576.0, 1) + " MB");
        row(md, "Slack HTTP end to end: req/s", "≥ 300", sizes, f -> slack(f, m -> fmt(m.requests() / m.seconds(), 0)
                + mark(m.requests() / m.seconds() >= SLACK_RPS)));
        row(md, "Slack HTTP end to end: p50 / p99 / max ms", "p99 ≤ 50 ms", sizes, f -> slack(f, m -> ms(m.latency().p50(), 1) + " / "
                + ms(m.latency().p99(), 1) + " / " + ms(m.latency().max(), 1) + mark(m.latency().p99() / 1e6 <= SLACK_P99_MS)));
        row(md, "Slack HTTP end to end: errors / requests", "0 errors", sizes, f -> slack(f, m -> m.errors() + " / " + m.requests()
                + mark(m.errors() == 0)));
        md.append('\n');
        for (String n : notes) md.append("- ").append(n).append('\n');
        return md.toString();
    }

    private static String slack(Figures f, Function<EndToEnd.Measured, String> show) {
        if (f.slack() instanceof EndToEnd.Measured m) return show.apply(m);
        if (f.slack() instanceof EndToEnd.Skipped s) return s.reason();
        return "";
    }

    private static String latency(Latencies.Summary s) {
        return ms(s.p50(), 2) + " / " + ms(s.p99(), 2) + " / " + ms(s.max(), 1) + " (" + fmt(s.perSecond(), 0) + ")";
    }

    private static void row(StringBuilder md, String name, String target, List<Figures> sizes, Function<Figures, String> cell) {
        md.append("| ").append(name).append(" | ").append(target).append(" |");
        for (Figures f : sizes) md.append(' ').append(cell.apply(f).replace("|", "\\|")).append(" |");
        md.append('\n');
    }

    static String mark(boolean met) {
        return met ? " ✓" : " ✗";
    }

    static String ms(long nanos, int decimals) {
        return fmt(nanos / 1e6, decimals);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
