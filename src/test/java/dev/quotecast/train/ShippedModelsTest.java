package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The models the jar ships are the ones {@code quotecast train} makes from the labeled files in
 * the repository: trained again here, into a scratch folder, every file must equal the shipped one
 * byte for byte. Training sees the same candidates every run (ties broken by episode and position,
 * never by Lucene's document numbers; see {@code SearcherTiesTest}) and XGBoost runs with fixed
 * seeds on one thread, so any difference means the shipped models are stale. Needs the transcripts
 * the labels refer to ({@code ../shared/corpus/lex}); reuses the embedded corpus the dev-set test
 * keeps in {@code target/eval-index/corpus}.
 */
@Timeout(1800)
class ShippedModelsTest {

    static final Path SHIPPED = Path.of("src", "main", "resources", "models");
    static final Path CORPUS = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus", "lex");

    @TempDir
    Path out;

    @Test
    void theShippedModelsAreWhatTrainMakesFromTheLabeledFiles() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus/lex is absent: the labels' transcripts are needed to train");
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--transcripts", "transcripts", "--transcripts", CORPUS.toString(),
                "--index", "target/eval-index/corpus", "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        train.run(new PrintStream(log, true, StandardCharsets.UTF_8));
        System.out.print(log.toString(StandardCharsets.UTF_8));
        List<Path> shipped;
        try (Stream<Path> s = Files.list(SHIPPED)) {
            shipped = s.sorted().toList();
        }
        List<String> made;
        try (Stream<Path> s = Files.list(out)) {
            made = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(made).containsExactlyElementsOf(shipped.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(made).as("what train --out accepts in a folder it writes to").containsExactlyInAnyOrderElementsOf(TrainCommand.WRITES);
        for (Path p : shipped) {
            String name = p.getFileName().toString();
            assertThat(Files.readAllBytes(out.resolve(name)))
                    .as(p + " differs from what train makes now: run quotecast train (README: Quality) and commit its output")
                    .isEqualTo(Files.readAllBytes(p));
        }
    }
}
