package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.config.BotConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode against the real Bolt app: the bot asks the fake Web API for a URL
 * ({@code apps.connections.open}), connects to the fake Socket Mode server, and acks envelopes
 * with their id; it reconnects after a refusal and across a refresh, and an ack never goes astray.
 */
class SlackSocketModeTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    /** A topic the test handler answers slowly (still well inside the ack budget). */
    static final String SLOW_TOPIC = "slow learning";

    FakeSlackApi api;
    FakeSocketModeServer socket;
    Engine engine;
    SlackBot bot;

    @BeforeEach
    void start() throws Exception {
        api = new FakeSlackApi();
        socket = new FakeSocketModeServer();
        api.socketModeUrl(socket.url());
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))).withHttp(new BotConfig.Http(-1))
                .withSlack(new BotConfig.Slack("xoxb-test", "xapp-test", null, api.apiUrl(), List.of())));
        bot = new SlackBot(engine, null, request -> {
            if (request.command() instanceof Command.Quote q && q.topic().equals(SLOW_TOPIC)) sleep(300);
            return engine.commands().handle(request);
        }, SlackBot.DEFAULT_ACK_BUDGET);
        bot.start();
        socket.awaitConnection(WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) bot.close();
        if (socket != null) socket.close();
        if (engine != null) engine.close();
        if (api != null) api.close();
    }

    @Test
    void aSlashCommandEnvelopeIsAckedWithItsIdAndTheReply() throws Exception {
        FakeSlackApi.Call open = api.awaitOne("apps.connections.open", WAIT);
        assertThat(open.authorization()).isEqualTo("Bearer xapp-test");
        // the server sees the connection a moment before the client marks it open
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!bot.connected() && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(bot.connected()).isTrue();

        socket.send(FakeSocketModeServer.slashCommand("env-1",
                SlackPayloads.slashFields("/quote", "deep learning", "U1", "C0GENERAL", api.responseUrl("sm-1"))));
        JsonNode ack = socket.awaitAck("env-1", WAIT);
        assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
        String quote = engine.commands().quotes("deep learning").get(0).text();
        assertThat(ack.path("payload").path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo(">" + Mrkdwn.fit(quote, BlockKitRenderer.SECTION_LIMIT - 1));
        assertThat(ack.path("payload").path("blocks").toString()).contains("Post to channel");
    }

    void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!bot.connected() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(bot.connected()).as("connected").isTrue();
    }

    /**
     * Issue 17: after the socket drops, one {@code apps.connections.open} answered with HTTP 200
     * and {@code {"ok":false,"error":"internal_error"}} left the bot offline for good, silently.
     * It tries again, with backoff, until it is connected, and logs the failure once.
     */
    @Test
    void reconnectsAfterAConnectionsOpenRefusedWithOkFalseAndLogsTheFailureOnce() throws Exception {
        awaitConnected();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            api.answerNext("apps.connections.open", "{\"ok\":false,\"error\":\"internal_error\"}");
            socket.dropConnections();
            socket.awaitConnections(2, Duration.ofSeconds(15));
            awaitConnected();
        } finally {
            root.detachAppender(logged);
        }
        assertThat(api.calls("apps.connections.open")).as("the first, the refused one, the one that worked").hasSize(3);
        List<ILoggingEvent> failures = logged.list.stream().filter(e -> e.getFormattedMessage().contains("internal_error")).toList();
        assertThat(failures).as("the refusal, logged once").hasSize(1);
        assertThat(failures.get(0).getLevel()).isEqualTo(Level.WARN);
        // and the new connection serves
        socket.send(FakeSocketModeServer.slashCommand("env-after", SlackPayloads.slashFields("/quote", "habits", "U3", "C0GENERAL",
                api.responseUrl("sm-after"))));
        assertThat(socket.awaitAckOn("env-after", WAIT).connection()).isEqualTo(2);
    }

    /**
     * Issue 17: Slack asks for a refresh ({@code disconnect}) and sends an envelope on the old
     * connection right after. The old SDK client closed the old connection before the new one was
     * open and sent the ack to the new one, where it was lost ("WebsocketNotConnectedException").
     * New connections here take a second to open, so an ack routed to the new connection would be
     * lost every time; each ack must come back on the connection its envelope came on.
     */
    @Test
    void anAckDuringARefreshGoesBackOnTheConnectionTheEnvelopeCameOn() throws Exception {
        awaitConnected();
        for (int i = 1; i <= 5; i++) {
            socket.handshakeDelay(Duration.ofSeconds(1));
            String envelope = "env-refresh-" + i;
            int old = socket.refresh(FakeSocketModeServer.slashCommand(envelope, SlackPayloads.slashFields("/quote", SLOW_TOPIC,
                    "U4", "C0GENERAL", api.responseUrl("sm-refresh-" + i))));
            FakeSocketModeServer.Received ack = socket.awaitAckOn(envelope, WAIT);
            assertThat(ack.connection()).as("refresh %d: the ack's connection", i).isEqualTo(old);
            assertThat(ack.message().path("payload").path("response_type").asText()).isEqualTo("ephemeral");
            socket.awaitConnections(old + 1, WAIT);
            socket.handshakeDelay(Duration.ZERO);
            awaitConnected();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (socket.isOpen(old) && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(socket.isOpen(old)).as("the old connection is closed once the new one is up").isFalse();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aMentionEnvelopeIsAckedAndAnsweredOnceEvenWhenRetried() throws Exception {
        String body = SlackPayloads.appMention("EvSock1", "U2", "CSOCK", "<@" + FakeSlackApi.BOT_USER + "> advice", "1700000300.000300", null);
        socket.send(FakeSocketModeServer.event("env-2", body, 0));
        assertThat(socket.awaitAck("env-2", WAIT).has("envelope_id")).isTrue();
        FakeSlackApi.Call post = api.awaitOne("chat.postMessage", WAIT);
        assertThat(post.json().path("thread_ts").asText()).isEqualTo("1700000300.000300");
        assertThat(post.field("blocks").toString()).contains("Advice of the day");

        socket.send(FakeSocketModeServer.event("env-3", body, 1));
        socket.awaitAck("env-3", WAIT);
        Thread.sleep(300);
        assertThat(api.calls("chat.postMessage")).hasSize(1);
    }
}
