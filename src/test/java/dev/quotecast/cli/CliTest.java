package dev.quotecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and its JSON contract (README.md, "JSON output"), run in-process with the real engine. */
class CliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quoteJsonFollowsTheContract() throws Exception {
        Run r = run("quote", "habits", "--json", "--transcripts", "transcripts");
        assertThat(r.code()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(fieldNames(j)).startsWith("query", "command", "answered", "results");
        assertThat(j.get("query").asText()).isEqualTo("habits");
        assertThat(j.get("command").asText()).isEqualTo("quote");
        assertThat(j.get("answered").asBoolean()).isTrue();
        JsonNode res = j.get("results").get(0);
        assertThat(fieldNames(res)).containsExactly("text", "highlight", "speaker", "episode", "startSeconds", "timeIsEstimate", "link", "score");
        assertThat(res.get("speaker").asText()).as("the seed names no speakers: the guest says it").isEqualTo("Andrew Ng");
        assertThat(res.get("text").asText().toLowerCase()).contains("habit");
        assertThat(res.get("timeIsEstimate").asBoolean()).isTrue();
        int start = res.get("startSeconds").asInt();
        assertThat(res.get("link").asText()).isEqualTo("https://www.youtube.com/watch?v=0jspaMLxBig&t=" + start + "s");
        JsonNode ep = res.get("episode");
        assertThat(fieldNames(ep)).containsExactly("id", "title", "show", "number", "guest", "date", "url");
        assertThat(ep.get("id").asText()).isEqualTo("lex-fridman-073-andrew-ng");
        assertThat(ep.get("number").asInt()).isEqualTo(73);
        assertThat(ep.get("guest").asText()).isEqualTo("Andrew Ng");
        assertThat(ep.get("date").asText()).isEqualTo("2020-02-20");
        assertThat(ep.get("show").asText()).isEqualTo("Lex Fridman Podcast");
    }

    @Test
    void plainQuoteShowsEpisodeApproximateTimeAndLink() {
        Run r = run("quote", "habits", "--transcripts", "transcripts");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Andrew Ng").contains("#73").containsPattern("at ≈\\d+:\\d\\d").contains("&t=");
    }

    @Test
    void unansweredQuestionIsAnsweredFalseWithNoResults() throws Exception {
        JsonNode j = JSON.readTree(run("ask", "What is the capital of Mongolia?", "--json", "--transcripts", "transcripts").out());
        assertThat(j.get("command").asText()).isEqualTo("ask");
        assertThat(j.get("answered").asBoolean()).isFalse();
        assertThat(j.get("results")).isEmpty();
    }

    @Test
    void answerHasPassageAndHighlight() throws Exception {
        JsonNode j = JSON.readTree(run("ask", "How many students a year did he teach machine learning at Stanford?", "--json",
                "--transcripts", "transcripts").out());
        assertThat(j.get("answered").asBoolean()).isTrue();
        JsonNode res = j.get("results").get(0);
        assertThat(res.get("text").asText()).contains(res.get("highlight").asText());
    }

    @Test
    void batchGivesOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
        Path questions = dir.resolve("q.txt");
        List<String> input = new java.util.ArrayList<>(List.of("What is the key to building a habit of learning?", "", "Which smartphone has the best battery life?", "AND OR (((  \""));
        for (int i = 0; i < 40; i++) input.add("question number " + i + " about learning?");
        Files.write(questions, input);
        Run r = run("ask", "--json", "--batch", questions.toString(), "--transcripts", "transcripts");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as("line N answers line N, blank lines included").hasSize(44);
        assertThat(lines).as("batch runs are not rate limited").noneMatch(l -> l.contains("rate_limited"));
        assertThat(JSON.readTree(lines.get(0)).get("query").asText()).isEqualTo("What is the key to building a habit of learning?");
        JsonNode blank = JSON.readTree(lines.get(1));
        assertThat(blank.get("query").asText()).isEmpty();
        assertThat(blank.get("command").asText()).isEqualTo("ask");
        assertThat(blank.get("answered").asBoolean()).isFalse();
        assertThat(blank.get("results")).isEmpty();
        assertThat(JSON.readTree(lines.get(2)).get("query").asText()).isEqualTo("Which smartphone has the best battery life?");
        assertThat(JSON.readTree(lines.get(2)).get("answered").asBoolean()).isFalse();
        assertThat(JSON.readTree(lines.get(43)).get("query").asText()).isEqualTo("question number 39 about learning?");
    }

    @Test
    void adviceBatchAnswersTheDateOnEachLine(@TempDir Path dir) throws Exception {
        Path dates = dir.resolve("dates.txt");
        Files.write(dates, List.of("2026-12-01", "advice 2026-12-02", "", "2026-12-01"));
        Run r = run("advice", "--json", "--batch", dates.toString(), "--transcripts", "transcripts");
        assertThat(r.code()).isZero();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String l : r.out().lines().toList()) out.add(JSON.readTree(l));
        assertThat(out).hasSize(4);
        assertThat(out.get(0).get("date").asText()).isEqualTo("2026-12-01");
        assertThat(out.get(1).get("date").asText()).isEqualTo("2026-12-02");
        assertThat(out.get(2).get("answered").asBoolean()).isFalse();
        assertThat(out.get(3).get("results")).isEqualTo(out.get(0).get("results"));
        // a date in the words works without --batch too
        JsonNode single = JSON.readTree(run("advice", "2026-12-02", "--json", "--transcripts", "transcripts").out());
        assertThat(single.get("results")).isEqualTo(out.get(1).get("results"));
    }

    @Test
    void aBadDateSaysWhatADateLooksLike() {
        Run r = run("advice", "--date", "2026-13-01", "--transcripts", "transcripts");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'2026-13-01' is not a date").contains("YYYY-MM-DD").doesNotContain("DateTimeParseException");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            for (String flag : List.of("--help", "-h")) {
                Run r = run(name, flag);
                assertThat(r.code()).as(name + " " + flag + ": " + r.err()).isZero();
                assertThat(r.out()).as(name + " " + flag).contains("Usage: quotecast " + name).contains("Examples:").doesNotContain("DESIGN.md");
            }
            Run viaHelp = run("help", name);
            assertThat(viaHelp.code()).isZero();
            assertThat(viaHelp.out()).contains("Usage: quotecast " + name);
        }
        Run help = run("help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: quotecast").contains("Commands:").contains("ask").contains("Examples:").doesNotContain("DESIGN.md");
    }

    @Test
    void adviceIsTheSameForADateAndEpisodeCardIsComplete() throws Exception {
        JsonNode a = JSON.readTree(run("advice", "--date", "2026-11-26", "--json", "--transcripts", "transcripts").out());
        JsonNode b = JSON.readTree(run("advice", "--date", "2026-11-26", "--json", "--transcripts", "transcripts").out());
        assertThat(a.get("results").get(0).get("text")).isEqualTo(b.get("results").get(0).get("text"));
        assertThat(a.get("date").asText()).isEqualTo("2026-11-26");
        JsonNode e = JSON.readTree(run("episode", "73", "--json", "--transcripts", "transcripts").out());
        assertThat(e.get("command").asText()).isEqualTo("episode");
        assertThat(e.get("episode").get("durationSeconds").asInt()).isEqualTo(5350);
        assertThat(e.get("summary").size()).isBetween(3, 5);
        assertThat(e.get("topics").size()).isGreaterThanOrEqualTo(3);
        assertThat(e.get("results")).hasSize(3);
    }

    @Test
    void tooLongQueryIsAClearMessage() throws Exception {
        JsonNode j = JSON.readTree(run("quote", "x".repeat(100_000), "--json", "--transcripts", "transcripts").out());
        assertThat(j.get("answered").asBoolean()).isFalse();
        assertThat(j.get("error").asText()).isEqualTo("too_long");
        assertThat(j.get("message").asText()).contains("too long");
    }

    @Test
    void indexCheckReportsBadFilesByNameAndFailsTheCheck(@TempDir Path dir) throws Exception {
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.copy(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"), tr.resolve("good.txt"));
        Files.writeString(tr.resolve("bad.txt"), "---\ndescription: x\n---\n\n# T\n\nDate: someday\n\nText.\n");
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "index: { dir: index }\n");
        Run r = run("index", "--check", "--config", cfg.toString(), "--transcripts", tr.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("bad.txt:7").contains("Date").contains("1 episodes").contains("1 problem(s)")
                .contains("good.txt: seed .txt\n").contains("formats read: 1 seed .txt\n");
        assertThat(dir.resolve("index")).as("a check never writes the bot's index").doesNotExist();
        Files.delete(tr.resolve("bad.txt"));
        assertThat(run("index", "--check", "--config", cfg.toString(), "--transcripts", tr.toString()).code()).isZero();
    }

    @Test
    void indexCheckSaysWhichFormatEachFileWasReadInAndWhatWasGuessed(@TempDir Path dir) throws Exception {
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.writeString(tr.resolve("ada-palmer.srt"), "1\n00:00:01,000 --> 00:00:03,000\n[SPEAKER_00]: Welcome to the show today.\n\n"
                + "2\n00:00:03,500 --> 00:00:06,000\n[SPEAKER_01]: Thank you for having me here.\n");
        Files.writeString(tr.resolve("ada-palmer.meta.yml"), "title: 'Ada Palmer: Drafts'\nhost: Lex Fridman\nspeakers: { SPEAKER_00: Lex Fridman }\n");
        Files.writeString(tr.resolve("notes-on-habits.tsv"), "start\tend\ttext\n0\t2000\tHabits are built slowly.\n");
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "index: { dir: index }\n");
        Run r = run("index", "--check", "--config", cfg.toString(), "--transcripts", tr.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ada-palmer.srt: .srt; speakers Lex Fridman, SPEAKER_01; host Lex Fridman\n")
                .contains("warning: ").contains("SPEAKER_01 are not named")
                .contains("notes-on-habits.tsv: Whisper .tsv\n").contains("titled 'Notes On Habits' from the file name")
                .contains("formats read: 1 .srt, 1 Whisper .tsv\n").contains("2 episodes");
    }

    @Test
    void badConfigExitsNonZeroNamingKeyAndLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "cache:\n  ttl: forever\n");
        Run r = run("quote", "habits", "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bot-config.yml:2").contains("cache.ttl");
    }

    @Test
    void optionsBeforeTheCommandNameAreNotIgnored(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "cache:\n  ttl: forever\n");
        Run bad = run("--config", cfg.toString(), "quote", "habits");
        assertThat(bad.code()).as("the configuration given before `quote` is read").isEqualTo(2);
        assertThat(bad.err()).contains("cache.ttl");

        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.writeString(tr.resolve("notes-on-courage.tsv"), "start\tend\ttext\n0\t4000\tCourage is acting well while you are afraid of the outcome.\n");
        Run own = run("--transcripts", tr.toString(), "quote", "courage");
        assertThat(own.code()).isZero();
        assertThat(own.out()).as("the library given before `quote`, not the bundled one").contains("Courage is acting well");
        Run nearer = run("--transcripts", tr.toString(), "quote", "habits", "--transcripts", "transcripts");
        assertThat(nearer.out()).as("given in both places, the command's own win").contains("Andrew Ng");

        // train and bench read no configuration: options before their names would be dropped without a word
        Run train = run("--transcripts", tr.toString(), "train", "--transcripts", tr.toString(), "--out", dir.resolve("models").toString());
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains("`train` reads no configuration file; give its --transcripts after its name");
        Run bench = run("--config", cfg.toString(), "bench", "--sizes", "1");
        assertThat(bench.code()).isEqualTo(2);
        assertThat(bench.err()).contains("`bench` reads no configuration file");
        assertThat(dir.resolve("models")).doesNotExist();
    }

    /** What the console prints for these lines, on the seed, without a terminal. */
    static String console(String lines) throws Exception {
        var engine = dev.quotecast.TestEngines.seed();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Console(engine.commands(), engine.parser()).run(new java.io.BufferedReader(new java.io.StringReader(lines)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), false);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            engine.close();
        }
    }

    @Test
    void consoleSpeaksTheSameGrammar() throws Exception {
        String text = console("habits\nanother\ncontext\nWhat is the capital of Mongolia?\nhelp\nquit\nhabits\n");
        assertThat(text).contains("Andrew Ng").contains("don't answer").contains("advice of the day");
        assertThat(text.split("— Andrew Ng").length - 1).as("quote, another, context").isEqualTo(3);
    }

    @Test
    void contextKeepsPagingAndHelpListsWhatTheConsoleDoes() throws Exception {
        String[] replies = console("habits\ncontext\nanother\nhelp\n").split("\n\n");
        assertThat(replies).hasSizeGreaterThanOrEqualTo(4);
        assertThat(replies[2]).as("`another` after `context` pages on").doesNotContain("follows").contains("Andrew Ng");
        assertThat(replies[2]).isNotEqualTo(replies[0]);
        String help = replies[3];
        assertThat(help).contains("another").contains("context").contains("quit").contains("episode 73").doesNotContain("daily");
    }

    @Test
    void theConsoleWordsTakeASlashAsTheCommandsDo() throws Exception {
        String[] replies = console("/quote habits\n/another\n/another\n/context\n").split("\n\n");
        assertThat(replies).hasSizeGreaterThanOrEqualTo(4);
        assertThat(new java.util.HashSet<>(List.of(replies[0], replies[1], replies[2]))).as("`/another` pages on, as `another` does").hasSize(3);
        assertThat(replies[3]).as("`/context` opens the last quote's context").contains(replies[2].lines().findFirst().orElseThrow().substring(1, 30));
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aPortInUseIsOneLineNamingTheKeyBeforeAnyIndexing(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path cfg = dir.resolve("bot-config.yml");
            Files.writeString(cfg, "transcripts: { dir: " + Path.of("transcripts").toAbsolutePath() + " }\nindex: { dir: data/index }\n"
                    + "http: { port: " + taken.getLocalPort() + " }\n");
            Run r = run("run", "--config", cfg.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: http.port").contains(String.valueOf(taken.getLocalPort())).doesNotContain("\tat ");
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(dir.resolve("data/index")).as("the port is checked before the index is built").doesNotExist();
        }
    }

    @Test
    void anIndexHeldByARunningBotIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bot-config.yml");
        Files.writeString(cfg, "transcripts: { dir: " + Path.of("transcripts").toAbsolutePath() + " }\nindex: { dir: data/index, embeddings: false }\n"
                + "http: { port: 0 }\n");
        try (var running = dev.quotecast.Engine.start(dev.quotecast.config.ConfigLoader.fromEnvironment().load(cfg))) {
            Run r = run("run", "--config", cfg.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: the index folder").contains("in use by another running Quotecast").doesNotContain("\tat ");
            // and a check beside the running bot works: it never opens the bot's index
            assertThat(run("index", "--check", "--config", cfg.toString()).code()).isZero();
        }
    }
}
