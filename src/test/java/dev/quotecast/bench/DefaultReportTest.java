package dev.quotecast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default configuration's table, its extrapolation, and the one-shot's configuration file. */
class DefaultReportTest {

    static DefaultFigures.Serving serving(long p50Cpu, long p99Cpu, double oneShot) {
        Latencies.Summary wall = new Latencies.Summary(100, 2_000_000, 9_000_000, 12_000_000, 3_000_000, 300);
        Latencies.Summary cpu = new Latencies.Summary(100, p50Cpu, p99Cpu, p99Cpu, p50Cpu, 300);
        return new DefaultFigures.Serving(wall, cpu, 3.5, 90, 300L << 20, 40L << 20, oneShot);
    }

    static final DefaultFigures SEED = new DefaultFigures(1, 300, new DefaultFigures.Embedding(1.0, 3.0, 3.5, 300, 4.0),
            serving(1_000_000, 2_000_000, 1.5), serving(6_000_000, 12_000_000, 3.2), new double[] {1.0, 2.0});
    static final DefaultFigures LIBRARY = new DefaultFigures(101, 40_000, new DefaultFigures.Embedding(2.0, 202.0, 218.0, 40_000, 390.0),
            serving(2_000_000, 5_000_000, 2.0), serving(11_000_000, 20_000_000, 4.5), new double[] {2.0, 3.0});

    @Test
    void rateIsPassagesOverTheEmbeddingPhaseAndExtrapolatesLinearly() {
        assertThat(LIBRARY.embedding().passagesPerSecond()).isEqualTo(200.0);
        assertThat(LIBRARY.embedding().secondsFor(400_000)).isEqualTo(2000.0);
    }

    @Test
    void bothColumnsPerSizeAndTheTargetsMarked() {
        String md = DefaultReport.render(List.of(SEED, LIBRARY), List.of(new DefaultReport.Extrapolated(1000, 400_000, LIBRARY)), List.of("a note"));
        assertThat(md).contains("Load average (1 min) before/after each size: 1: 1.0/2.0, 101: 2.0/3.0");
        assertThat(md).contains("| Figure | Target | 1 episode, keywords only | 1 episode, default (embeddings) | 101 episodes, keywords only | 101 episodes, default (embeddings) |");
        assertThat(md).contains("| First start: fully embedded (all passages, advice judged) | ≤ 90 s at 101 | — | 3.0 s | — | 202.0 s ✗ |");
        assertThat(md).contains("| First start: vector index merged into one segment (one graph to search) |  | — | 3.5 s | — | 218.0 s |");
        assertThat(md).contains("| Embedding rate: passages/s (process CPU ms per passage) |  | — | 150 (13.3) | — | 200 (9.8) |");
        assertThat(md).contains("CPU of the asking thread p50 / p99 ms | p50 ≤ 10, p99 ≤ 25 at 101 | 1.00 / 2.00 | 6.00 / 12.00 | 2.00 / 5.00 | 11.00 / 20.00 ✗ |");
        assertThat(md).contains("| One-shot `quotecast ask`, process start to exit (median) | ≤ 4 s on the seed | 1.50 s | 3.20 s ✓ | 2.00 s | 4.50 s |");
        assertThat(md).contains("| Resident memory after the questions |  | 300 MB | 300 MB |");
        assertThat(md).contains("- 1,000 episodes, fully embedded: ≈ 33.3 min (400,000 passages at the 101-episode rate of 200 passages/s; "
                + "extrapolated, not measured); target ≤ 15 min ✗");
        assertThat(md).endsWith("- a note\n");
    }

    @Test
    void oneShotConfigNamesTheTranscriptsAndTheIndexAndSaysWhetherToEmbed() {
        String yml = OneShot.config(List.of(Path.of("/t/seed"), Path.of("/t/lex")), Path.of("/w/index-default-1"), false);
        assertThat(yml).isEqualTo("transcripts: { dirs: [\"/t/seed\", \"/t/lex\"] }\nindex: { dir: \"/w/index-default-1\", embeddings: false }\n");
    }
}
