package dev.quotecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot {@code ask} beside a running bot reads the bot's persisted index and passage
 * embeddings, read only: it answers as the bot does, takes no lock, and writes nothing into the
 * bot's folders. Before, it ignored {@code index.dir} and embedded the whole library again. One-shot
 * quotes and advice judge with meaning as the bot does.
 */
@Timeout(300)
class OneShotIndexTest {

    @TempDir
    Path dir;

    static Map<String, Long> files(Path root) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() ^ Files.size(p));
        }
        return out;
    }

    /** A configuration over the seed transcript, with {@code more} lines, in the test's folder. */
    Path config(String more) throws Exception {
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "transcripts: { dir: " + Path.of("transcripts").toAbsolutePath() + " }\n" + more);
        return cfg;
    }

    @Test
    void aOneShotBesideARunningBotAnswersFromItsIndexAndWritesNothing() throws Exception {
        Path cfg = config("index: { dir: data/index }\n");
        try (Engine bot = Engine.start(ConfigLoader.fromEnvironment().load(cfg))) {
            bot.awaitEmbeddings();
            assertThat(bot.embeddedPassages()).isPositive();
            String question = "How long does he play guitar every day?";
            String botAnswer = bot.content().answer(question).orElseThrow().passage().text();
            Map<String, Long> before = files(dir.resolve("data"));
            long t0 = System.nanoTime();
            String out = run("ask", question, "--json", "--config", cfg.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(out).contains("\"answered\":true").contains(botAnswer.substring(0, 40));
            assertThat(files(dir.resolve("data"))).as("nothing in the bot's folders changed").isEqualTo(before);
            System.out.printf("one-shot ask beside a running bot: %.1f s%n", seconds);
        }
    }

    /**
     * A one-shot does not wait for the advice to be judged with meaning: it reads the judgement a
     * bot stored beside the index. Without one, its pool is judged on words alone, and it says so
     * instead of passing for the pool the bot posts from; its advice of the day says the bot may
     * post another.
     */
    @Test
    void theAdvicePoolSaysWhetherItWasJudgedWithMeaning() throws Exception {
        Path cfg = config("index: { dir: data/index }\n");
        try (Engine bot = Engine.start(ConfigLoader.fromEnvironment().load(cfg))) {
            bot.awaitEmbeddings();
        }
        assertThat(lastLine(run("advice", "--pool", "--config", cfg.toString())))
                .endsWith("advice in the pool (judged by the advice classifier with each span's meaning)");
        assertThat(CliTest.run("advice", "--date", "2026-12-06", "--config", cfg.toString()).err()).doesNotContain("note:");
        Path judged = dir.resolve("data/index.advice");
        assertThat(judged).isRegularFile();
        Files.delete(judged);
        assertThat(lastLine(run("advice", "--pool", "--config", cfg.toString())))
                .contains("judged by the advice classifier on words alone: no judgement with meaning is stored");
        CliTest.Run advice = CliTest.run("advice", "--date", "2026-12-06", "--config", cfg.toString());
        assertThat(advice.code()).isZero();
        assertThat(advice.err()).contains("note: no episode's advice is judged with its meaning yet").contains("the bot may post another today");
        assertThat(judged).as("a one-shot writes nothing into the bot's folders").doesNotExist();
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** What the command line printed, once it exited with 0 ({@link CliTest#run}). */
    static String run(String... args) {
        CliTest.Run r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    /** Before, a one-shot quote or advice was judged on its words alone, and the seed's pool held another four of its seven. */
    @Test
    void aOneShotQuoteAndTheAdvicePoolAreWhatTheBotPosts() throws Exception {
        Path cfg = config("");
        try (Engine bot = Engine.start(ConfigLoader.fromEnvironment().load(cfg))) {
            bot.awaitEmbeddings();
            List<String> pool = bot.content().advicePool().stream().map(q -> q.text()).toList();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> listed = new ArrayList<>();
            for (String line : run("advice", "--pool", "--json", "--config", cfg.toString()).split("\n")) {
                if (!line.isBlank()) listed.add(json.readTree(line).path("text").asText());
            }
            assertThat(listed).isNotEmpty().isEqualTo(pool);
            for (String topic : List.of("habits", "learning")) {
                String quote = bot.content().quotes(topic, 1).get(0).text();
                assertThat(json.readTree(run("quote", topic, "--json", "--config", cfg.toString())).path("results").path(0).path("text").asText())
                        .as(topic).isEqualTo(quote);
            }
        }
    }
}
