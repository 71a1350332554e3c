package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Models;
import dev.quotecast.eval.EvalSet;
import dev.quotecast.eval.Evaluation;
import dev.quotecast.eval.QuotecastResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The models the jar ships are the ones {@code quotecast train} makes from the labeled files in
 * the repository: trained again here, into a scratch folder, the host model and the advice and
 * quote classifiers must equal the shipped files byte for byte. The answer models and the
 * words-only quote classifier are not bit-reproducible from run to run yet (two runs on the same
 * inputs once differed by two of 298,500 candidates, and so in a few trees and the no-answer
 * threshold; README "Quality" says what was ruled out), so for them the test asks what a user
 * would: the same files, the same sizes, and answers as good on the dev questions as the shipped
 * models give, within two questions. Needs the transcripts the labels refer to
 * ({@code ../shared/corpus/lex}); reuses the embedded corpus the dev-set test keeps in
 * {@code target/eval-index/corpus}.
 */
@Timeout(1800)
class ShippedModelsTest {

    static final Path SHIPPED = Path.of("src", "main", "resources", "models");
    static final Path CORPUS = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus", "lex");

    /** Files compared by kind, size and dev figures rather than bytes (see the class comment). */
    static final Set<String> NOT_BIT_REPRODUCIBLE = Set.of("answer-ranker.json", "answer-abstain.json", "answers.json", "quotes-words.json");
    static final ObjectMapper JSON = new ObjectMapper();

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
        for (Path p : shipped) {
            String name = p.getFileName().toString();
            if (NOT_BIT_REPRODUCIBLE.contains(name)) {
                JsonNode retrained = JSON.readTree(out.resolve(name).toFile()), ours = JSON.readTree(p.toFile());
                assertThat(fieldNames(retrained)).as(name + ": same kind of file").isEqualTo(fieldNames(ours));
                assertThat(retrained.findValuesAsText("num_trees")).as(name + ": same number of trees").isEqualTo(ours.findValuesAsText("num_trees"));
                continue;
            }
            assertThat(Files.readAllBytes(out.resolve(name)))
                    .as(p + " differs from what train makes now: run quotecast train (README: Quality) and commit its output")
                    .isEqualTo(Files.readAllBytes(p));
        }
        // the answer models: as good on the dev questions as the shipped ones
        BotConfig config = BotConfig.defaults().withTranscripts(List.of(Path.of("transcripts"), CORPUS))
                .withIndexDir(Path.of("target/eval-index/corpus"));
        EvalSet dev = EvalSet.read(Path.of("eval", "questions", "dev.tsv"));
        Evaluation.Score shippedScore, madeScore;
        try (Engine e = Engine.startForTraining(config, Models.shipped())) {
            e.awaitEmbeddings();
            shippedScore = Evaluation.run(dev, new QuotecastResponder(e.content()));
        }
        try (Engine e = Engine.startForTraining(config, Models.from(out))) {
            e.awaitEmbeddings();
            madeScore = Evaluation.run(dev, new QuotecastResponder(e.content()));
        }
        System.out.printf("dev questions, shipped models: hit@1 %d, NONE %d; made now: hit@1 %d, NONE %d%n",
                shippedScore.askHit1(), shippedScore.noneHandled(), madeScore.askHit1(), madeScore.noneHandled());
        assertThat(madeScore.askHit1()).as("dev hit@1 of what train makes now, against the shipped model's")
                .isBetween(shippedScore.askHit1() - 2, shippedScore.askHit1() + 2);
        assertThat(madeScore.noneHandled()).as("dev NONE rows declined").isBetween(shippedScore.noneHandled() - 2, shippedScore.noneHandled() + 2);
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
