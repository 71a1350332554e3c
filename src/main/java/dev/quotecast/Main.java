package dev.quotecast;

import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.cli.Console;
import dev.quotecast.cli.JsonRenderer;
import dev.quotecast.cli.TextRenderer;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.config.ConfigLoader;
import dev.quotecast.ops.BotRuntime;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.ops.Metrics;
import dev.quotecast.ops.RedactingLog;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.DeferredDailyHandler;
import dev.quotecast.schedule.PostOutcome;
import dev.quotecast.schedule.Poster;
import dev.quotecast.transcript.TranscriptProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line: {@code run} (default), {@code console}, one-shot queries and {@code index --check}. */
@Command(name = "quotecast", mixinStandardHelpOptions = true, version = "quotecast 0.1",
        description = "A chat bot for podcast transcripts. With no command: run the bot (or the console when no chat token is set).",
        subcommands = {Main.Run.class, Main.ConsoleCmd.class, Main.QuoteCmd.class, Main.AdviceCmd.class, Main.EpisodeCmd.class,
                Main.AskCmd.class, Main.IndexCmd.class, Main.EvalCmd.class, dev.quotecast.bench.BenchCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    Common common;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof ConfigException) {
                err.println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        OUT.set(out);
        ERR.set(err);
        try {
            return cl.execute(args);
        } finally {
            OUT.remove();
            ERR.remove();
        }
    }

    private static final ThreadLocal<PrintStream> OUT = ThreadLocal.withInitial(() -> System.out);
    private static final ThreadLocal<PrintStream> ERR = ThreadLocal.withInitial(() -> System.err);

    @Override
    public Integer call() throws Exception {
        Run run = new Run();
        run.common = common;
        return run.call();
    }

    /** Options every command takes. */
    static final class Common {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: bot-config.yml when present)")
        Path config;

        @Option(names = "--transcripts", paramLabel = "DIR", description = "transcript folder; repeatable; replaces the configured ones")
        List<Path> transcripts = new ArrayList<>();

        BotConfig load() {
            BotConfig c;
            Path file = config != null ? config : Path.of("bot-config.yml");
            if (config != null || Files.exists(file)) {
                c = ConfigLoader.fromEnvironment().load(file);
            } else {
                c = ConfigLoader.fromEnvironment().defaults(Path.of("").toAbsolutePath());
            }
            if (!transcripts.isEmpty()) c = c.withTranscripts(transcripts);
            return c;
        }
    }

    /** A one-shot query command: text or JSON, single or batch. */
    abstract static class Query implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--json", description = "print the reply as JSON (the stable contract in DESIGN.md)")
        boolean json;

        @Option(names = "--batch", paramLabel = "FILE", description = "one query per line in; one JSON object per line out")
        Path batch;

        @Parameters(arity = "0..*", paramLabel = "TEXT")
        List<String> words = new ArrayList<>();

        abstract dev.quotecast.bot.Command command(Engine engine, String text);

        /** Whether the reply draws on passage embeddings (only answers do): then they are made first. */
        boolean usesEmbeddings() {
            return false;
        }

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig loaded = common.load();
            BotConfig config = loaded.withIndexDir(null).withEmbeddings(loaded.embeddings() && usesEmbeddings());
            PrintStream out = OUT.get();
            try (Engine engine = Engine.start(config)) {
                reportProblems(engine);
                engine.awaitEmbeddings();
                if (batch != null) {
                    JsonRenderer json = new JsonRenderer();
                    for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
                        if (line.isBlank() || line.startsWith("#")) continue;
                        out.println(json.render(line, handle(engine, line)));
                    }
                    return 0;
                }
                String text = String.join(" ", words);
                Reply r = handle(engine, text);
                out.println(json ? new JsonRenderer().render(text, r) : new TextRenderer().render(r));
                return r instanceof Reply.Error e && e.kind() != Reply.Error.Kind.TOO_LONG ? 1 : 0;
            }
        }

        Reply handle(Engine engine, String text) {
            return engine.commands().handle(new Request("cli", null, null, command(engine, text), true));
        }
    }

    @Command(name = "quote", description = "The best quote about a topic.")
    static final class QuoteCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            dev.quotecast.bot.Command c = e.parser().parse("quote " + text);
            return c;
        }
    }

    @Command(name = "ask", description = "Answer a question from the transcripts, or say they don't.")
    static final class AskCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            return e.parser().parse("ask " + text);
        }

        @Override
        boolean usesEmbeddings() {
            return true;
        }
    }

    @Command(name = "episode", description = "An episode card, by number, id or words.")
    static final class EpisodeCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            return e.parser().parse("episode " + text);
        }
    }

    @Command(name = "advice", description = "The advice of the day.")
    static final class AdviceCmd extends Query {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the day (default: today)")
        LocalDate date;

        @Option(names = "--random", description = "a random advice instead")
        boolean random;

        dev.quotecast.bot.Command command(Engine e, String text) {
            return new dev.quotecast.bot.Command.Advice(date, random);
        }
    }

    @Command(name = "console", description = "An interactive console with the same commands as chat.")
    static final class ConsoleCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws IOException {
            quietLogs();
            try (Engine engine = Engine.start(common.load())) {
                reportProblems(engine);
                new Console(engine.commands(), engine.parser())
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), OUT.get(), System.console() != null);
            }
            return 0;
        }
    }

    @Command(name = "index", description = "Parse every transcript, report bad files, and build the index.")
    static final class IndexCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--check", description = "exit non-zero when any transcript was skipped")
        boolean check;

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig config = common.load();
            long t0 = System.nanoTime();
            try (Engine engine = Engine.start(config)) {
                PrintStream out = OUT.get();
                for (TranscriptProblem p : engine.problems()) out.println("error: " + p);
                out.printf("%d episodes, %d sentences, %d passages indexed in %.1f s (%s); %d problem(s)%n",
                        engine.content().corpus().size(), engine.content().corpus().sentenceCount(),
                        engine.content().passageCount(), (System.nanoTime() - t0) / 1e9,
                        config.indexDir() == null ? "in memory" : config.indexDir(), engine.problems().size());
                return check && !engine.problems().isEmpty() ? 1 : 0;
            }
        }
    }

    @Command(name = "run", description = "Run the bot: connect the configured chat platforms and serve /healthz and /metrics; "
            + "with no chat token and a terminal attached, open the console instead.")
    static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            BotConfig config = common.load();
            RedactingLog.install(secrets(config));
            boolean consoleAhead = !config.slack().enabled() && !config.discord().enabled()
                    && (System.console() != null || Boolean.getBoolean("quotecast.console"));
            if (consoleAhead) quietLogs(); // the console's screen is for answers, from the first line
            Clock clock = Clock.systemUTC();
            DeferredDailyHandler daily = new DeferredDailyHandler();
            Engine engine = Engine.start(config, clock, daily);
            try {
                reportProblems(engine);
                HttpEndpoint http = config.http().port() < 0 ? null : new HttpEndpoint("0.0.0.0", config.http().port());
                List<ChatPlatform> platforms = Platforms.create(engine, http);
                if (platforms.isEmpty()) daily.set(DailyHandler.unavailable());
                if (platforms.isEmpty() && (System.console() != null || Boolean.getBoolean("quotecast.console"))) {
                    if (http != null) http.close();
                    quietLogs();
                    new Console(engine.commands(), engine.parser())
                            .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), OUT.get(), true);
                    engine.close();
                    return 0;
                }
                if (platforms.isEmpty() && http == null) {
                    ERR.get().println("No chat token is set, no terminal is attached and HTTP is off (http.port: -1): nothing to do. "
                            + "Set SLACK_BOT_TOKEN or DISCORD_BOT_TOKEN, or run in a terminal for the console.");
                    engine.close();
                    return 0;
                }
                Metrics metrics = new Metrics();
                List<BotRuntime.Service> services = new ArrayList<>();
                DailyScheduler scheduler = null;
                if (!platforms.isEmpty()) {
                    scheduler = DailyScheduler.open(config, engine.commands(), posters(platforms), clock);
                    scheduler.addListener(o -> {
                        if (o.status() == PostOutcome.Status.SENT) metrics.scheduledPost(o.target().platform(), true);
                        if (o.status() == PostOutcome.Status.FAILED) metrics.scheduledPost(o.target().platform(), false);
                    });
                    daily.set(scheduler.chatCommands());
                    services.add(new BotRuntime.Service("daily scheduler", scheduler));
                }
                BotRuntime bot = BotRuntime.start(engine, http, platforms, services, metrics, BotRuntime.Options.defaults());
                Runtime.getRuntime().addShutdownHook(bot.shutdown().hook());
                if (scheduler != null) scheduler.start();
                if (platforms.isEmpty()) {
                    ERR.get().println("No chat token is set: serving /healthz and /metrics on port " + bot.port()
                            + " until stopped. Set SLACK_BOT_TOKEN or DISCORD_BOT_TOKEN to connect a chat platform.");
                }
                bot.shutdown().awaitCompletion();
                return 0;
            } catch (RuntimeException | Error e) {
                engine.close();
                throw e;
            }
        }

        /** Every configured secret, so the log redactor masks them verbatim wherever they appear. */
        static List<String> secrets(BotConfig c) {
            List<String> out = new ArrayList<>();
            out.add(c.slack().botToken());
            out.add(c.slack().appToken());
            out.add(c.slack().signingSecret());
            out.add(c.discord().token());
            return out;
        }

        /** The posters of the platforms that can post daily on their own ({@link ChatPlatform#poster()}). */
        static List<Poster> posters(List<ChatPlatform> platforms) {
            List<Poster> out = new ArrayList<>();
            for (ChatPlatform p : platforms) {
                Poster poster = p.poster();
                if (poster != null) out.add(poster);
            }
            return out;
        }
    }

    /**
     * One-shot commands print their answer on stdout and problems on stderr; routine INFO lines
     * would only bury them. {@code QUOTECAST_LOG_LEVEL} still wins when set.
     */
    static void quietLogs() {
        if (System.getenv("QUOTECAST_LOG_LEVEL") != null) return;
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @Command(name = "eval", description = "Score answers and quotes on a question file (shared/eval/*.tsv), "
            + "optionally beside a plain-Lucene baseline; or check quote quality (--quotes) or estimated times (--times).")
    static final class EvalCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(arity = "0..*", paramLabel = "FILE.tsv", description = "question files: kind, query, expected[, episode-file]")
        List<Path> files = new ArrayList<>();

        @Option(names = "--misses", description = "list every miss with the first result")
        boolean misses;

        @Option(names = "--baseline", description = "also score plain Lucene (paragraphs, StandardAnalyzer, BM25, OR of terms) in the same run")
        boolean baseline;

        @Option(names = "--quotes", description = "check quotes for topics drawn from the corpus: well formed, and no repeat within 5 'Another' clicks")
        boolean quotes;

        @Option(names = "--topics", paramLabel = "N", defaultValue = "200", description = "topics for --quotes (default: ${DEFAULT-VALUE})")
        int topics;

        @Option(names = "--times", description = "measure estimated sentence times against the .vtt files of txt+vtt pairs")
        boolean times;

        @Option(names = "--index", paramLabel = "DIR", description = "keep the index and its passage embeddings in DIR, so that a rerun "
                + "embeds only what changed (default: in memory)")
        Path index;

        @Option(names = "--keywords-only", description = "answer without passage embeddings, as before they were added")
        boolean keywordsOnly;

        @Override
        public Integer call() {
            if (files.isEmpty() && !quotes && !times) {
                ERR.get().println("error: give a question file, --quotes or --times");
                return 2;
            }
            BotConfig loaded = common.load();
            BotConfig config = loaded.withIndexDir(index).withEmbeddings(loaded.embeddings() && !keywordsOnly);
            return new dev.quotecast.eval.EvalRunner(OUT.get(), ERR.get())
                    .run(config, files, misses, baseline, quotes ? Math.max(1, topics) : 0, times);
        }
    }

    static void reportProblems(Engine engine) {
        for (TranscriptProblem p : engine.problems()) ERR.get().println("warning: skipped " + p);
    }

}
