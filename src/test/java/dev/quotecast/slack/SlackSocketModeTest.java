package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode with the real Bolt {@code SocketModeApp} on the Java-WebSocket backend: the bot
 * asks the fake Web API for a URL ({@code apps.connections.open}), connects to the fake Socket
 * Mode server, and acks envelopes with their id.
 */
class SlackSocketModeTest {

    static final Duration WAIT = Duration.ofSeconds(5);

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
        bot = new SlackBot(engine, null);
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
