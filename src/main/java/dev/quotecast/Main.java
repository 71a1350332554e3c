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
import dev.quotecast.ops.TranscriptWatcher;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.DeferredDailyHandler;
import dev.quotecast.schedule.PostOutcome;
import dev.quotecast.schedule.Poster;
import dev.quotecast.state.StateStore;
import dev.quotecast.state.StateStores;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import dev.quotecast.transcript.Text;
import dev.quotecast.transcript.TranscriptProblem;
import dev.quotecast.cli.Stdin;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The command line: {@code run} (default), {@code console}, one-shot queries and {@code index --check}. */
@Command(name = "quotecast", mixinStandardHelpOptions = true, version = "quotecast 0.1",
        description = "A chat bot for podcast transcripts. With no command: run the bot (or the console when no chat token is set).",
        footerHeading = "%nExamples:%n",
        footer = {"  quotecast                      the bot, or the console when no chat token is set",
                "  quotecast quote habits         one quote, then exit",
                "  quotecast help ask             the options of one command"},
        subcommands = {CommandLine.HelpCommand.class, Main.Run.class, Main.ConsoleCmd.class, Main.QuoteCmd.class, Main.AdviceCmd.class, Main.EpisodeCmd.class,
                Main.AskCmd.class, Main.IndexCmd.class, Main.EvalCmd.class, Main.LabelsCmd.class, dev.quotecast.train.TrainCommand.class, dev.quotecast.bench.BenchCommand.class})
public final class Main implements Callable<Integer> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);

    @Mixin
    Common common;

    public static void main(String[] args) {
        // quotes, dashes and ≈ must reach the reader whatever the locale (LANG=C would print '?')
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        System.exit(execute(args, Stdin.detect(), out, err));
    }

    /** Runs the command line with the given streams and no standard input; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, Stdin.NONE, out, err);
    }

    /** Runs the command line; {@code stdin} says what standard input is, which decides whether {@code run} opens the console. */
    static int execute(String[] args, Stdin stdin, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionStrategy(parsed -> {
            refuseOptionsTheCommandIgnores(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // what the person running the bot can fix is one line and exit code 2, not a stack trace
            if (ex instanceof ConfigException || ex instanceof StartupException
                    || ex instanceof dev.quotecast.search.IndexUnavailableException) {
                err.println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        OUT.set(out);
        ERR.set(err);
        STDIN.set(stdin);
        try {
            return cl.execute(args);
        } finally {
            OUT.remove();
            ERR.remove();
            STDIN.remove();
        }
    }

    /**
     * A usage error when {@code --config} or {@code --transcripts} stands before the name of a
     * command that reads no configuration ({@code train}, {@code bench}): picocli would take them
     * for the top-level command's, and the command would run on other folders than the ones named,
     * without a word.
     */
    private static void refuseOptionsTheCommandIgnores(CommandLine.ParseResult parsed) {
        if (!parsed.hasSubcommand() || !(parsed.commandSpec().userObject() instanceof Main main)) return;
        CommandLine.ParseResult sub = parsed.subcommand();
        if (sub.commandSpec().mixins().containsKey("common") || sub.commandSpec().userObject() instanceof CommandLine.HelpCommand) return;
        if (main.common.config == null && main.common.transcripts.isEmpty()) return;
        String name = sub.commandSpec().name();
        throw new CommandLine.ParameterException(sub.commandSpec().commandLine(), "`" + name + "` reads no configuration file"
                + (sub.commandSpec().findOption("--transcripts") != null ? "; give its --transcripts after its name" : "")
                + ": --config and --transcripts before the command name apply to the commands that read bot-config.yml");
    }

    private static final ThreadLocal<PrintStream> OUT = ThreadLocal.withInitial(() -> System.out);
    private static final ThreadLocal<PrintStream> ERR = ThreadLocal.withInitial(() -> System.err);
    private static final ThreadLocal<Stdin> STDIN = ThreadLocal.withInitial(() -> Stdin.NONE);

    @Override
    public Integer call() throws Exception {
        Run run = new Run();
        run.common = common;
        return run.call();
    }

    /**
     * Options every command takes. They may stand before the command's name as well as after it
     * ({@code quotecast --config prod.yml run}): picocli gives those to the top-level command, and a
     * command that read only its own would run on the default configuration and library without a
     * word, serving other transcripts than the ones asked for. Given in both places, the command's
     * own win.
     */
    static final class Common {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: bot-config.yml when present)")
        Path config;

        @Option(names = "--transcripts", paramLabel = "DIR", description = "transcript folder; repeatable; replaces the configured ones")
        List<Path> transcripts = new ArrayList<>();

        /** The command this mixin is part of, whose parent holds the options given before the command's name. */
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        BotConfig load() {
            Common before = givenBeforeTheCommand();
            Path chosen = config != null ? config : before != null ? before.config : null;
            List<Path> folders = !transcripts.isEmpty() ? transcripts : before != null ? before.transcripts : List.of();
            BotConfig c;
            Path file = chosen != null ? chosen : Path.of("bot-config.yml");
            if (chosen != null || Files.exists(file)) {
                c = ConfigLoader.fromEnvironment().load(file);
            } else {
                c = ConfigLoader.fromEnvironment().defaults(Path.of("").toAbsolutePath());
            }
            if (!folders.isEmpty()) c = c.withTranscripts(folders);
            return c;
        }

        private Common givenBeforeTheCommand() {
            CommandSpec parent = mixee == null ? null : mixee.parent();
            return parent != null && parent.userObject() instanceof Main main ? main.common : null;
        }
    }

    /** A one-shot query command: text or JSON, single or batch. */
    abstract static class Query implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print the reply as JSON (the stable contract: README.md, \"JSON output\")")
        boolean json;

        @Option(names = "--batch", paramLabel = "FILE", description = "one query per line in; one JSON object per line out, "
                + "line N answering line N (a blank line gets an empty result)")
        Path batch;

        @Parameters(arity = "0..*", paramLabel = "TEXT")
        List<String> words = new ArrayList<>();

        abstract dev.quotecast.bot.Command command(Engine engine, String text);

        /** A command's own output instead of a reply (advice --pool); null for the reply. */
        Integer special(Engine engine, PrintStream out) {
            return null;
        }

        /**
         * Whether the reply draws on passage embeddings: then they are read (or made) first, as the bot
         * does. Answers, quotes and the advice pool do (the classifiers judge a quote or an advice with
         * its meaning); without them a one-shot quote or advice came from the words-only classifier and
         * differed from what the bot posts. Episode cards do not.
         */
        boolean usesEmbeddings() {
            return true;
        }

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig loaded = common.load();
            BotConfig config = loaded.withEmbeddings(loaded.embeddings() && usesEmbeddings());
            PrintStream out = OUT.get();
            try (Engine engine = Engine.startOneShot(config)) {
                reportProblems(engine);
                engine.awaitEmbeddings();
                Integer special = special(engine, out);
                if (special != null) return special;
                if (batch != null) {
                    JsonRenderer json = new JsonRenderer();
                    for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
                        out.println(line.isBlank() ? json.empty(line, spec.name()) : json.render(line, handle(engine, line)));
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

    @Command(name = "quote", mixinStandardHelpOptions = true, description = "The best quote about a topic.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast quote habits", "  quotecast quote --json \"learning to code\""})
    static final class QuoteCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            dev.quotecast.bot.Command c = e.parser().parse("quote " + text);
            return c;
        }
    }

    @Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer a question from the transcripts, or say they don't.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast ask \"How did Andrew Ng teach machine learning at Stanford?\"",
                    "  quotecast ask --json --batch questions.txt > answers.jsonl"})
    static final class AskCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            return e.parser().parse("ask " + text);
        }
    }

    @Command(name = "episode", mixinStandardHelpOptions = true, description = "An episode card, by number, id or words.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast episode 73", "  quotecast episode andrew ng"})
    static final class EpisodeCmd extends Query {
        dev.quotecast.bot.Command command(Engine e, String text) {
            return e.parser().parse("episode " + text);
        }

        @Override
        boolean usesEmbeddings() {
            return false;
        }
    }

    @Command(name = "advice", mixinStandardHelpOptions = true, description = "The advice of the day.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast advice --date 2026-11-26",
                    "  quotecast advice --json --batch dates.txt     (a date, or `advice DATE`, on each line)"})
    static final class AdviceCmd extends Query {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = IsoDate.class, description = "the day (default: today)")
        LocalDate date;

        @Option(names = "--random", description = "a random advice instead")
        boolean random;

        @Option(names = "--pool", description = "list the whole advice pool, in its order, with the probability that accepted each")
        boolean pool;

        @Override
        Integer special(Engine engine, PrintStream out) {
            if (!pool) {
                var content = engine.content();
                int episodes = content.corpus().size(), withMeaning = content.adviceEpisodesJudgedWithMeaning();
                if (engine.vectors() != null && content.models().advice().learned() && withMeaning < episodes) {
                    ERR.get().println("note: " + (withMeaning == 0 ? "no episode's" : withMeaning + " of " + episodes + " episodes'")
                            + " advice is judged with its meaning yet (a bot on this index does that in the background and stores it),"
                            + " so this advice comes from a pool judged " + (withMeaning == 0 ? "" : "partly ")
                            + "on words alone, and the bot may post another today");
                }
                return null;
            }
            List<dev.quotecast.content.Quote> quotes = engine.content().advicePool();
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            for (dev.quotecast.content.Quote q : quotes) {
                if (json) {
                    var row = mapper.createObjectNode().put("text", q.text()).put("episode", q.moment().episode().id())
                            .put("guest", q.moment().episode().guestOrTitle()).put("firstSentence", q.moment().firstSentence())
                            .put("lastSentence", q.moment().lastSentence()).put("probability", Math.round(q.score() * 1000) / 1000.0);
                    out.println(row.toString());
                } else {
                    out.printf("%.2f  %s  — %s (%s #%d)%n", q.score(), q.text(), q.moment().episode().guestOrTitle(),
                            q.moment().episode().id(), q.moment().firstSentence());
                }
            }
            if (!json) out.printf("%d advice in the pool (%s)%n", quotes.size(), judgedBy(engine));
            return 0;
        }

        /**
         * What judged the pool. A one-shot does not wait for the judgement with meaning: it reads the
         * one a bot stored beside the index, and where that is missing or made by another model, those
         * episodes are judged by their words alone, a smaller and weaker pool that must not pass for
         * the bot's.
         */
        private static String judgedBy(Engine engine) {
            var content = engine.content();
            if (!content.models().advice().learned()) return "by the word rules: this build has no advice classifier";
            int episodes = content.corpus().size(), withMeaning = content.adviceEpisodesJudgedWithMeaning();
            if (withMeaning == episodes) return "judged by the advice classifier with each span's meaning";
            if (withMeaning == 0) return "judged by the advice classifier on words alone: no judgement with meaning is stored for "
                    + (engine.vectors() == null ? "a library without embeddings" : "this model yet; a running bot makes it in the background");
            return "judged by the advice classifier: " + withMeaning + " of " + episodes + " episodes with their meaning, the others on words "
                    + "alone until the judgement with meaning is stored";
        }

        /** The options with no words; otherwise the words as the chat grammar reads them (`2026-12-02`, `advice another`). */
        dev.quotecast.bot.Command command(Engine e, String text) {
            String t = text.strip();
            if (t.isEmpty()) return new dev.quotecast.bot.Command.Advice(date, random);
            return e.parser().parse(t.toLowerCase(java.util.Locale.ROOT).startsWith("advice") ? t : "advice " + t);
        }
    }

    /** A date as people are told to write it, and a message that says so when it is not one. */
    static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date: write it as YYYY-MM-DD, for example 2026-11-26");
            }
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, description = "An interactive console with the same commands as chat; "
            + "with piped input, one answer per line, then exit.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast console", "  printf 'habits\\nepisode 73\\n' | quotecast console"})
    static final class ConsoleCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig config = common.load();
            if (STDIN.get() == Stdin.PIPED) return answerPiped(config);
            try (Engine engine = Engine.start(config);
                 TranscriptWatcher watcher = new TranscriptWatcher(config.transcriptDirs(), Duration.ofMillis(500), engine::reload).start()) {
                reportProblems(engine);
                new Console(engine.commands(), engine.parser()).run(stdinReader(), OUT.get(), STDIN.get() == Stdin.TERMINAL);
            }
            return 0;
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true, description = "Parse every transcript, report bad files, and build an index of them in memory "
            + "(never the bot's own index.dir, which a running bot holds).",
            footerHeading = "%nExamples:%n", footer = {"  quotecast index --check", "  quotecast index --check --transcripts ~/podcasts"})
    static final class IndexCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--check", description = "exit non-zero when any transcript was skipped")
        boolean check;

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig config = common.load().withIndexDir(null).withEmbeddings(false);
            long t0 = System.nanoTime();
            try (Engine engine = Engine.start(config)) {
                PrintStream out = OUT.get();
                for (TranscriptProblem p : engine.problems()) out.println("error: " + p);
                reportFormats(engine.content().corpus().episodes(), out, check);
                out.printf("%d episodes, %d sentences, %d passages indexed in %.1f s (%s); %d problem(s)%n",
                        engine.content().corpus().size(), engine.content().corpus().sentenceCount(),
                        engine.content().passageCount(), (System.nanoTime() - t0) / 1e9,
                        config.indexDir() == null ? "in memory" : config.indexDir(), engine.problems().size());
                return check && !engine.problems().isEmpty() ? 1 : 0;
            }
        }
    }

    /**
     * What {@code index} read and had to guess, so that someone adding transcripts sees how each
     * file was taken: with {@code perFile} (the check), a line per episode with the format it was
     * read in ({@code WhisperX .json}, {@code seed .txt + .vtt times}), its speakers and its host
     * where it names them; always, each reader warning (a title taken from the file name, speakers
     * left unnamed) with its file, and how many episodes each format gave.
     */
    static void reportFormats(List<Episode> episodes, PrintStream out, boolean perFile) {
        Map<String, Integer> formats = new TreeMap<>();
        for (Episode e : episodes) {
            formats.merge(e.format(), 1, Integer::sum);
            String file = Text.escape(String.valueOf(e.source()));
            if (perFile) {
                Set<String> speakers = new LinkedHashSet<>();
                for (Sentence s : e.sentences()) if (s.speaker() != null) speakers.add(s.speaker());
                out.println("read: " + file + ": " + e.format()
                        + (speakers.isEmpty() ? "" : "; speakers " + Text.escape(String.join(", ", speakers)))
                        + (e.host() == null ? "" : "; host " + Text.escape(e.host())
                        + (e.hostLabeled() ? "" : " (none of its speakers: told from the text)")));
            }
            for (String w : e.warnings()) out.println("warning: " + file + ": " + Text.escape(w));
        }
        List<String> counts = new ArrayList<>();
        formats.forEach((f, n) -> counts.add(n + " " + f));
        if (!counts.isEmpty()) out.println("formats read: " + String.join(", ", counts));
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the bot: connect the configured chat platforms and serve /healthz and /metrics. "
            + "With no chat token: the console when a terminal is attached; commands read from standard input when it is piped "
            + "(answers on stdout, then exit); otherwise only /healthz and /metrics.",
            footerHeading = "%nExamples:%n", footer = {"  quotecast run --config bot-config.yml", "  printf 'habits\\n' | quotecast run"})
    static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--http", description = "also serve /healthz and /metrics when the console opens (it serves no HTTP otherwise)")
        boolean httpInConsole;

        @Override
        public Integer call() throws Exception {
            BotConfig config = common.load();
            RedactingLog.install(secrets(config));
            boolean chat = config.slack().enabled() || config.discord().enabled();
            boolean interactive = STDIN.get() == Stdin.TERMINAL || Boolean.getBoolean("quotecast.console");
            if (!chat && interactive) {
                // the console's screen is for answers, from the first line; it needs no port unless asked
                quietLogs();
                return console(config, httpInConsole ? listen(config) : null);
            }
            if (!chat && STDIN.get() == Stdin.PIPED) {
                // `printf 'habits\n' | quotecast`: the commands on stdin are the job, not a server
                quietLogs();
                return answerPiped(config);
            }
            // the port first: one in use fails at once with one line, not after the index was built
            HttpEndpoint http = listen(config);
            Clock clock = Clock.systemUTC();
            // then the state store: a state.url with a wrong password stops the start before the index is built
            StateStore store;
            try {
                store = StateStores.open(config, clock);
            } catch (RuntimeException e) {
                if (http != null) http.close();
                throw e;
            }
            DeferredDailyHandler daily = new DeferredDailyHandler();
            Engine engine;
            try {
                engine = Engine.start(config, clock, daily);
            } catch (RuntimeException e) {
                store.close();
                if (http != null) http.close();
                throw e;
            }
            try {
                reportProblems(engine);
                List<ChatPlatform> platforms = Platforms.create(engine, http, store);
                if (platforms.isEmpty()) daily.set(DailyHandler.unavailable());
                if (platforms.isEmpty() && http == null) {
                    ERR.get().println("No chat token is set, no terminal is attached and HTTP is off (http.port: -1): nothing to do. "
                            + "Set SLACK_BOT_TOKEN or DISCORD_BOT_TOKEN, or run in a terminal for the console.");
                    engine.close();
                    store.close();
                    return 0;
                }
                Metrics metrics = new Metrics();
                store.bindTo(metrics.registry());
                List<BotRuntime.Service> services = new ArrayList<>();
                DailyScheduler scheduler = null;
                if (!platforms.isEmpty()) {
                    scheduler = DailyScheduler.open(store.dailyPosts(config, clock), config, engine.commands(), posters(platforms), clock);
                    scheduler.addListener(o -> {
                        if (o.status() == PostOutcome.Status.SENT) metrics.scheduledPost(o.target().platform(), true);
                        if (o.status() == PostOutcome.Status.FAILED) metrics.scheduledPost(o.target().platform(), false);
                    });
                    daily.set(scheduler.chatCommands());
                    services.add(new BotRuntime.Service("daily scheduler", scheduler));
                }
                services.add(new BotRuntime.Service("the state store", store, true));
                log.info("state: {}", store.describe());
                BotRuntime bot = BotRuntime.start(engine, http, platforms, services, metrics, BotRuntime.Options.defaults(),
                        new BotRuntime.Reports(store::health, () -> parts(platforms)));
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
                store.close();
                if (http != null) http.close();
                throw e;
            }
        }

        /** Every platform's parts for {@code /healthz} (Discord's shards). */
        static java.util.Map<String, String> parts(List<ChatPlatform> platforms) {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (ChatPlatform p : platforms) out.putAll(p.parts());
            return out;
        }

        /** The console on the transcripts, reloading them as they change; {@code http} (may be null) serves health meanwhile. */
        private int console(BotConfig config, HttpEndpoint http) throws IOException {
            try (Engine engine = Engine.start(config);
                 TranscriptWatcher watcher = new TranscriptWatcher(config.transcriptDirs(), Duration.ofMillis(500), engine::reload).start()) {
                reportProblems(engine);
                if (http != null) {
                    http.route("/healthz", new dev.quotecast.ops.Health(engine::content, List::of, () -> false)).start();
                }
                new Console(engine.commands(), engine.parser()).run(stdinReader(), OUT.get(), true);
                return 0;
            } finally {
                if (http != null) http.close();
            }
        }

        /** Binds {@code http.host}:{@code http.port}, or null when HTTP is off; a port in use is a startup error naming the key. */
        static HttpEndpoint listen(BotConfig config) {
            if (config.http().port() < 0) return null;
            try {
                return new HttpEndpoint(config.http().host(), config.http().port());
            } catch (java.io.UncheckedIOException e) {
                throw new StartupException("http.port: cannot listen on " + config.http().host() + ":" + config.http().port() + " ("
                        + e.getCause().getMessage() + "); another program may use it: set http.port to a free port, or -1 to turn HTTP off");
            }
        }

        /** Every configured secret, so the log redactor masks them verbatim wherever they appear. */
        static List<String> secrets(BotConfig c) {
            List<String> out = new ArrayList<>();
            out.add(c.slack().botToken());
            out.add(c.slack().appToken());
            out.add(c.slack().signingSecret());
            out.add(c.discord().token());
            if (c.slack().distribution() != null) out.add(c.slack().distribution().clientSecret());
            if (c.sharedState() != null) {
                out.add(c.sharedState().password());
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)[?&]password=([^&]+)|//[^/@:]*:([^/@]+)@").matcher(c.sharedState().url());
                while (m.find()) out.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
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

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Score answers and quotes on a question file (shared/eval/*.tsv), "
            + "optionally beside a plain-Lucene baseline; or check quote quality (--quotes) or estimated times (--times).",
            footerHeading = "%nExamples:%n", footer = {"  quotecast eval --baseline eval/questions/dev.tsv --transcripts ../shared/corpus --index /tmp/qc-index",
                    "  quotecast eval --content --transcripts ../shared/corpus --index /tmp/qc-index"})
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

        @Option(names = "--models", paramLabel = "DIR", description = "score the models that `train --out DIR` wrote instead of the shipped ones")
        Path models;

        @Option(names = "--content", description = "report the advice and quote classifiers (on the test episodes of eval/labels), "
                + "the advice pool, the first quote of 30 everyday topics and 30 dates of advice")
        boolean content;

        @Override
        public Integer call() {
            if (files.isEmpty() && !quotes && !times && !content) {
                ERR.get().println("error: give a question file, --quotes, --times or --content");
                return 2;
            }
            BotConfig loaded = common.load();
            BotConfig config = loaded.withIndexDir(index).withEmbeddings(loaded.embeddings() && !keywordsOnly);
            return new dev.quotecast.eval.EvalRunner(OUT.get(), ERR.get())
                    .run(config, files, misses, baseline, quotes ? Math.max(1, topics) : 0, times, models, content);
        }
    }

    @Command(name = "labels", mixinStandardHelpOptions = true, description = "Draw items to label for the advice, quote and speaker sets (eval/labels/README.md).",
            footerHeading = "%nExamples:%n", footer = {"  quotecast labels advice --sizes 200,100,100 --transcripts ../shared/corpus"})
    static final class LabelsCmd implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "KIND", description = "advice, quotes or speakers")
        String kind;

        @Option(names = "--topics", paramLabel = "FILE", description = "for quotes: one topic per line")
        Path topics;

        @Option(names = "--episodes", paramLabel = "ID", split = ",", description = "for speakers: episode ids")
        List<String> episodes = new ArrayList<>();

        @Option(names = "--sizes", paramLabel = "N", split = ",", description = "advice: pool,near,plain; quotes: search,meaning; speakers: run length")
        List<Integer> sizes = new ArrayList<>();

        @Option(names = "--seed", defaultValue = "20261203")
        long seed;

        @Option(names = "--like", paramLabel = "FILE", description = "advice: draw rows close in meaning to the advice labeled in these files")
        List<Path> like = new ArrayList<>();

        @Option(names = "--index", paramLabel = "DIR", description = "keep the index and its embeddings in DIR")
        Path index;

        @Override
        public Integer call() throws IOException {
            quietLogs();
            BotConfig loaded = common.load();
            BotConfig config = loaded.withIndexDir(index).withEmbeddings(loaded.embeddings() && kind.equals("quotes"));
            try (Engine engine = Engine.start(config)) {
                engine.awaitEmbeddings();
                dev.quotecast.eval.LabelSampler sampler = new dev.quotecast.eval.LabelSampler(engine.content().corpus(), seed);
                PrintStream out = OUT.get();
                switch (kind) {
                    case "advice" -> {
                        if (like.isEmpty()) {
                            dev.quotecast.eval.LabelSampler.print(out, sampler.advice(sizes.get(0), sizes.get(1), sizes.get(2)), null);
                        } else {
                            Map<String, Boolean> labeled = new java.util.LinkedHashMap<>();
                            for (Path f : like) {
                                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                                    String[] cols = line.split("\t");
                                    if (cols.length < 3 || line.startsWith("#")) continue;
                                    labeled.put(cols[cols.length - 1], cols[0].equals("advice"));
                                }
                            }
                            dev.quotecast.search.Embedder embedder = new dev.quotecast.search.BgeSmallEmbedder(
                                    java.util.concurrent.ForkJoinPool.commonPool());
                            dev.quotecast.eval.LabelSampler.print(out, sampler.adviceLike(embedder, labeled, sizes.get(0), sizes.get(1)), null);
                        }
                    }
                    case "quotes" -> {
                        List<String> ts = Files.readAllLines(topics, StandardCharsets.UTF_8).stream().map(String::trim)
                                .filter(t -> !t.isEmpty() && !t.startsWith("#")).toList();
                        sampler.quotes(engine.content(), ts, sizes.get(0), sizes.get(1))
                                .forEach((t, items) -> dev.quotecast.eval.LabelSampler.print(out, items, t));
                    }
                    case "speakers" -> dev.quotecast.eval.LabelSampler.print(out, sampler.runs(episodes.stream()
                            .map(id -> engine.content().corpus().get(id).orElseThrow(() -> new IllegalArgumentException("no episode " + id)))
                            .toList(), sizes.get(0)), null);
                    default -> {
                        ERR.get().println("error: KIND is advice, quotes or speakers");
                        return 2;
                    }
                }
            }
            return 0;
        }
    }

    /** A start that cannot go on for a reason outside the configuration file (a port in use). */
    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }

    /**
     * Answers the commands piped on standard input, each reply followed by a blank line, and
     * returns at its end. Like a one-shot command it reads what a running bot persisted without
     * locking it, and watches no folder: the input is the whole job.
     */
    static int answerPiped(BotConfig config) throws IOException {
        try (Engine engine = Engine.startOneShot(config)) {
            reportProblems(engine);
            engine.awaitEmbeddings();
            new Console(engine.commands(), engine.parser()).run(stdinReader(), OUT.get(), false);
        }
        return 0;
    }

    private static BufferedReader stdinReader() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    static void reportProblems(Engine engine) {
        for (TranscriptProblem p : engine.problems()) ERR.get().println("warning: skipped " + p);
    }

}
