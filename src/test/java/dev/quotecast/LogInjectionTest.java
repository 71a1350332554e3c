package dev.quotecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nobody can write a line of their own into the log: what someone sends (a request body, a
 * header, a message, a topic) may reach a log line, but every log line is one line, with CR, LF and
 * other control characters shown escaped. Checked on the formatted output of the real
 * {@code logback.xml} encoder, which is what an operator reads and a log shipper splits.
 */
class LogInjectionTest {

    /** The body from issue 17: a newline, then what looks like an ERROR line of our own. */
    static final String FORGED = "2026-01-01T00:00:00.000Z ERROR [main] d.q.Admin - FORGED token rotated";
    static final String BODY = "hello\n" + FORGED;

    @Test
    void anUnsignedSlackRequestIsRefusedBeforeAnythingParsesOrLogsIt() throws Exception {
        try (FakeSlackApi fake = new FakeSlackApi();
             Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")))
                     .withSlack(new BotConfig.Slack("xoxb-inject", null, "inject-signing-secret", fake.apiUrl(), List.of())));
             HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
             SlackBot bot = new SlackBot(engine, http)) {
            bot.start();
            http.start();
            URI events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
            HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            String[] out = new String[1];
            int status = captureStderr(out, () -> client.send(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThat(status).as("unsigned: refused as unauthorised, not parsed").isEqualTo(401);
            assertNoForgedLine(out[0]);
            assertThat(out[0]).as("the body never reaches the log").doesNotContain("FORGED").doesNotContain("hello");
        }
    }

    @Test
    void controlCharactersInMessagesArgumentsAndExceptionsAreEscaped() throws Exception {
        Logger ours = LoggerFactory.getLogger("dev.quotecast.LogInjectionTest");
        Logger library = LoggerFactory.getLogger("org.example.SomeLibrary");
        String[] out = new String[1];
        // INFO on both, whatever other tests in this JVM left the root or package levels at
        ch.qos.logback.classic.Logger oursImpl = (ch.qos.logback.classic.Logger) ours, libraryImpl = (ch.qos.logback.classic.Logger) library;
        ch.qos.logback.classic.Level oursBefore = oursImpl.getLevel(), libraryBefore = libraryImpl.getLevel();
        oursImpl.setLevel(ch.qos.logback.classic.Level.INFO);
        libraryImpl.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            captureStderr(out, () -> {
                ours.warn("refused a request: {}", BODY);
                ours.info("topic {} from {}", "habits\r\n" + FORGED, "U1\u0085" + FORGED);
                library.warn("No request pattern detected for " + BODY + "\u2028" + FORGED + "\u001b[2J\u0007");
                ours.error("request failed", new IllegalStateException("bad body: " + BODY, new RuntimeException("cause\r" + FORGED)));
                return null;
            });
        } finally {
            oursImpl.setLevel(oursBefore);
            libraryImpl.setLevel(libraryBefore);
        }
        assertNoForgedLine(out[0]);
        assertThat(out[0]).contains("refused a request: hello\\n" + FORGED)
                .contains("topic habits\\r\\n" + FORGED + " from U1\\u0085" + FORGED)
                .contains("\\u2028").contains("\\u001b[2J\\u0007")
                .contains("IllegalStateException: bad body: hello\\n" + FORGED)
                .contains("RuntimeException: cause\\r" + FORGED)
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u2028").doesNotContain("\u0085").doesNotContain("\r");
        // the stack trace is still laid out in lines, one frame a line
        assertThat(out[0].lines().filter(l -> l.startsWith("\tat dev.quotecast.LogInjectionTest"))).isNotEmpty();
        assertThat(out[0].lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*"))).as("one line per event").hasSize(4);
    }

    static void assertNoForgedLine(String output) {
        assertThat(output.lines().filter(l -> l.startsWith(FORGED.substring(0, 30))))
                .as("a line of the attacker's own in:%n%s", output).isEmpty();
    }

    /** Runs {@code action} with stderr (where logback.xml's appender writes) captured into {@code out[0]}. */
    static <T> T captureStderr(String[] out, Callable<T> action) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            T result = action.call();
            Thread.sleep(200);   // a line logged by a server thread just after the response
            return result;
        } finally {
            System.setErr(err);
            out[0] = captured.toString(StandardCharsets.UTF_8);
            err.print(out[0]);
        }
    }
}
