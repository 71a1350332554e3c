package dev.quotecast;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigLoader;
import dev.quotecast.ops.BotRuntime;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.ops.RedactingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With tokens configured and DEBUG on, the formatted log output (through the real logback.xml
 * encoder) holds no token: not from our code, not from a library logging a URL or header, not
 * from an exception message.
 */
class LogRedactionTest {

    static final String SLACK_BOT = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    static final String SLACK_APP = "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef";
    static final String SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String DISCORD = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    static final String INTERACTION = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA";

    @Test
    void noTokenReachesTheLogAtAnyLevel() throws Exception {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", SLACK_BOT, "SLACK_APP_TOKEN", SLACK_APP,
                "SLACK_SIGNING_SECRET", SIGNING, "DISCORD_BOT_TOKEN", DISCORD);
        String yaml = """
                transcripts: { dir: transcripts }
                http: { port: 0 }
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                  appToken: ${SLACK_APP_TOKEN}
                  signingSecret: ${SLACK_SIGNING_SECRET}
                discord:
                  token: ${DISCORD_BOT_TOKEN}
                """;
        BotConfig config = new ConfigLoader(env::get).parse("bot-config.yml", new StringReader(yaml), Path.of("").toAbsolutePath());
        assertThat(config.slack().botToken()).isEqualTo(SLACK_BOT);

        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        root.setLevel(Level.DEBUG);
        try {
            RedactingLog.install(Main.Run.secrets(config));
            Logger log = LoggerFactory.getLogger("dev.quotecast.LogRedactionTest");
            try (Engine engine = Engine.start(config)) {
                BotRuntime bot = BotRuntime.start(engine, new HttpEndpoint("127.0.0.1", 0), List.of(), List.of(),
                        BotRuntime.Options.defaults());
                engine.commands().handle(new Request("slack", "U123", "C1", new Command.Quote("habits", 0), false));
                engine.commands().handle(new Request("discord", "42", "7", new Command.Ask("what about " + SLACK_BOT + "?"), false));
                log.info("config: {}", config);
                log.info("slack: {} discord: {}", config.slack(), config.discord());
                // what libraries have been seen to log: routes with interaction tokens, headers, bodies
                log.debug("POST https://discord.com/api/v10/interactions/1234567890/{}/callback", INTERACTION);
                log.debug("PATCH https://discord.com/api/v10/webhooks/98765/{}/messages/@original", INTERACTION);
                log.debug("response_url=https://hooks.slack.com/commands/T0001/123456/{}", "tZ9vQ3abcdEFGhijKLmnOP");
                log.debug("Authorization: Bearer {}", SLACK_BOT);
                log.debug("Authorization: Bot {}", DISCORD);
                log.info("identify payload {\"op\":2,\"d\":{\"token\":\"" + DISCORD + "\"}}");
                log.warn("signing secret check used {}", SIGNING);
                log.error("connect failed", new IllegalStateException("apps.connections.open with " + SLACK_APP,
                        new RuntimeException("token=" + DISCORD)));
                bot.stop();
            }
        } finally {
            root.setLevel(before);
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("command platform=slack command=quote").contains("command text:").contains("[redacted]")
                .contains("IllegalStateException").contains("shutdown complete");
        for (String secret : List.of(SLACK_BOT, SLACK_APP, SIGNING, DISCORD, INTERACTION, "tZ9vQ3abcdEFGhijKLmnOP")) {
            assertThat(out).as("log output").doesNotContain(secret);
        }
        // the user id and the question's text appear only at DEBUG, never in the INFO command line
        assertThat(out.lines().filter(l -> l.contains(" INFO ") && l.contains("command platform="))).allSatisfy(l ->
                assertThat(l).doesNotContain("U123").doesNotContain("what about"));
    }
}
