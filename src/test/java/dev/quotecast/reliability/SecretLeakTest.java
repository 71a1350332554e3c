package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigLoader;
import dev.quotecast.discord.DiscordBot;
import dev.quotecast.ops.BotRuntime;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Tokens configured, then everything that writes logs or error text: start-up, commands (good,
 * hostile, failing), Slack and Discord connections to a closed port, signature failures, config
 * errors. No log line (message, arguments, exception messages and causes) and no error reply or
 * HTTP body contains a secret. Every logger runs at DEBUG for the test, so a secret that would only
 * appear with debugging switched on is caught as well.
 */
@Timeout(90)
class SecretLeakTest {

    static final String SLACK_BOT = "xoxb-TEST-SECRET-123";
    static final String SLACK_APP = "xapp-TEST-SECRET-456";
    static final String SIGNING = "TEST-SIGNING-SECRET-789";
    static final String DISCORD = "TEST.DISCORD-SECRET.000";
    static final List<String> SECRETS = List.of(SLACK_BOT, SLACK_APP, SIGNING, DISCORD);

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Map<Logger, Level> levels = new java.util.HashMap<>();
    final List<String> shown = new ArrayList<>();
    int closedPort;
    /** What goes to the console without passing through logback (uncaught exceptions in library threads). */
    final java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalErr;

    @BeforeEach
    void capture() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(ctx);
        captured.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        for (Logger l : ctx.getLoggerList()) {
            levels.put(l, l.getLevel());
            l.setLevel(l == root ? Level.DEBUG : null);  // everything inherits DEBUG from the root
        }
        levels.put(root, Level.INFO);
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        originalErr = System.err;
        java.io.PrintStream out = originalErr;
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
                synchronized (console) {
                    console.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                synchronized (console) {
                    console.write(b, off, len);
                }
            }
        }, true));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        levels.forEach(Logger::setLevel);
        captured.stop();
    }

    String closed() {
        return "http://127.0.0.1:" + closedPort + "/";
    }

    BotConfig config(boolean socketMode) {
        return BotConfig.defaults().withEmbeddings(false)
                .withSlack(new BotConfig.Slack(SLACK_BOT, socketMode ? SLACK_APP : null, SIGNING, closed() + "api/", List.of()))
                .withDiscord(new BotConfig.Discord(DISCORD, List.of(), closed() + "api/v10/", "ws://127.0.0.1:" + closedPort + "/"));
    }

    @Test
    void noSecretInLogsOrRepliesAcrossStartCommandsErrorsAndFailingConnections() throws Exception {
        BotConfig config = config(false);
        shown.add(config.toString());
        try (Engine engine = Engine.start(config)) {
            // commands: good, hostile, too long, and ones that fail
            for (String text : List.of("quote habits", "ask how do I build a habit?", "episode 73", "advice", "daily 09:00 UTC",
                    "<!channel> " + SLACK_BOT.substring(0, 5), "x".repeat(5_000), "episode \u0000\u202E", "quote ((((")) {
                Reply r = engine.commands().handle(Request.of("slack", "U1", engine.parser().parse(text)));
                RenderChecksAll.render(r);
                shown.add(String.valueOf(r));
            }

            // Slack, HTTP mode, with the Web API on a closed port: start-up fails, and says so
            try (HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0); SlackBot slack = new SlackBot(engine, http)) {
                try {
                    slack.start();
                } catch (Exception e) {
                    for (Throwable c = e; c != null; c = c.getCause()) shown.add(String.valueOf(c));
                }
            }
            // Slack, HTTP mode, serving: signed and forged requests; replies through response_url on a closed port
            try (FakeSlackApi api = new FakeSlackApi();
                 Engine served = Engine.start(config.withSlack(new BotConfig.Slack(SLACK_BOT, null, SIGNING, api.apiUrl(), List.of())));
                 HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0); SlackBot slack = new SlackBot(served, http)) {
                slack.start();
                http.start();
                URI events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
                SlackSigning good = new SlackSigning(SIGNING), forged = new SlackSigning("not-the-secret");
                String responseUrl = closed() + "response";
                List<HttpResponse<String>> responses = new ArrayList<>();
                responses.add(good.post(events, SlackPayloads.slashCommand("/quote", "habits", "U9", "C1", responseUrl)));
                responses.add(good.post(events, SlackPayloads.slashCommand("/ask", "x".repeat(3_000), "U9", "C1", responseUrl)));
                responses.add(good.post(events, SlackPayloads.appMention("Ev1", "U9", "C1", "<@UBOT> habits", "1.0", null)));
                responses.add(good.post(events, SlackPayloads.blockAction("quotecast_another", "garbage|value", "U9", "C1", responseUrl)));
                responses.add(forged.post(events, SlackPayloads.slashCommand("/quote", "habits", "U9", "C1", responseUrl)));
                responses.add(good.send(good.signed(events, "{not json", 1).build()));
                for (HttpResponse<String> r : responses) {
                    shown.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
                    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
                }
                Thread.sleep(500); // the mention's reply fails against the closed port in the background
            }

            // Slack, Socket Mode: apps.connections.open fails against the closed port
            try (Engine socketEngine = Engine.start(config(true)); SlackBot socket = new SlackBot(socketEngine, null)) {
                CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
                    try {
                        socket.start();
                    } catch (Exception e) {
                        shown.add(String.valueOf(e));
                        throw new RuntimeException(e);
                    }
                });
                try {
                    started.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    shown.add(String.valueOf(e));
                }
                assertThat(socket.connected()).isFalse();
            }

            // Discord: REST and gateway on a closed port
            DiscordBot discord = new DiscordBot(engine, config.discord());
            try {
                try {
                    discord.start();
                    assertThat(discord.awaitReady(Duration.ofSeconds(3))).isFalse();
                } catch (Exception e) {
                    shown.add(String.valueOf(e));
                    for (Throwable c = e.getCause(); c != null; c = c.getCause()) shown.add(String.valueOf(c));
                }
            } finally {
                discord.close();
            }
        }
        assertNoSecretIn("logs, replies and HTTP bodies", logText());
        assertNoSecretIn("replies and HTTP bodies", String.join("\n", shown));
        System.out.printf("SecretLeakTest: %d log events at DEBUG and %d replies/bodies searched for %d secrets%n",
                events().size(), shown.size(), SECRETS.size());
        assertThat(events()).as("the failing connections were logged").isNotEmpty();
    }

    /**
     * The running bot (BotRuntime: /healthz, /metrics, both platforms failing against a closed port)
     * after good, hostile and failing commands: neither page shows a secret or any text a user typed.
     */
    @Test
    void metricsAndHealthShowNoSecretAndNoUserText() throws Exception {
        BotConfig config = config(false);
        String marker = "zqxjmarker";
        try (Engine engine = Engine.start(config)) {
            HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
            BotRuntime runtime = BotRuntime.start(engine, http,
                    List.of(new SlackBot(engine, http), new DiscordBot(engine, config.discord())), List.of(), BotRuntime.Options.defaults());
            try {
                for (String text : List.of("quote habits", "quote " + marker + " <!channel>", "ask " + marker + "?", "episode " + marker,
                        "advice " + marker, "daily " + marker, marker + "\\\"} 1\n# HELP x", "x".repeat(5_000))) {
                    engine.commands().handle(Request.of("slack", "U" + marker, engine.parser().parse(text)));
                }
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().proxy(java.net.http.HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(2)).build();
                for (String path : List.of("/metrics", "/healthz")) {
                    HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    shown.add(path + " " + r.statusCode() + " " + r.body());
                    assertThat(r.body()).as(path).doesNotContain(marker);
                }
                assertThat(String.join("\n", shown)).contains("quotecast_").as("metrics were scraped");
            } finally {
                runtime.stop();
            }
        }
        assertNoSecretIn("/metrics, /healthz and logs", String.join("\n", shown) + "\n" + logText());
    }

    /** Config errors name the key and line, never the value of a secret. */
    @Test
    void configErrorsNeverEchoASecret() {
        List<String> yamls = List.of(
                "slack: { botToken: " + SLACK_BOT + ", apiUrl: 42 }",
                "slack: { botToken: [" + SLACK_BOT + "] }",
                "slack: { botToken: {" + SLACK_BOT + ": 1} }",
                "slack: { botTokn: " + SLACK_BOT + " }",
                "slack: { botToken: " + SLACK_BOT + ", appToken: " + SLACK_APP + ", signingSecret: " + SIGNING + ", admins: 7 }",
                "discord: { token: " + DISCORD + ", guilds: notalist }",
                "discord: { token: " + DISCORD + "\n  guilds: []",
                "slack:\n  botToken: " + SLACK_BOT + "\n   bad: indentation",
                "slack: { botToken: \"" + SLACK_BOT + " }",
                "slack: { signingSecret: ${SLACK_SIGNING_SECRET}, botToken: ${SLACK_BOT_TOKEN}, port: 1 }");
        ConfigLoader loader = new ConfigLoader(Map.of("SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", SLACK_BOT)::get);
        int errors = 0;
        for (String yaml : yamls) {
            try {
                BotConfig c = loader.parse("bot-config.yml", new StringReader(yaml), Path.of("."));
                shown.add(c.toString());
            } catch (RuntimeException e) {
                errors++;
                for (Throwable t = e; t != null; t = t.getCause()) shown.add(t.getClass().getName() + ": " + t.getMessage());
            }
        }
        assertThat(errors).as("each of these is an error").isEqualTo(yamls.size());
        assertNoSecretIn("config errors", String.join("\n", shown) + "\n" + logText());
    }

    /**
     * The events logged so far, copied under the appender's own lock: library threads (JDA's and
     * OkHttp's, winding down after close) may still be appending while a test reads.
     */
    List<ILoggingEvent> events() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    String logText() {
        StringBuilder sb;
        synchronized (console) {
            sb = new StringBuilder(console.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (ILoggingEvent e : events()) {
            sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            if (e.getArgumentArray() != null) for (Object a : e.getArgumentArray()) sb.append("  arg ").append(a).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) sb.append("    ").append(s).append('\n');
                for (IThrowableProxy sup : t.getSuppressed()) sb.append("  suppressed ").append(sup.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            int at = text.indexOf(secret);
            String around = at < 0 ? "" : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + secret.length() + 100));
            assertThat(at).as("%s contain %s: …%s…", where, secret, around).isNegative();
            // a token cut in half or the part after its prefix is a leak too
            String tail = secret.substring(secret.length() - 10);
            assertThat(text).as("%s contain the end of %s", where, secret).doesNotContain(tail);
        }
    }
}
