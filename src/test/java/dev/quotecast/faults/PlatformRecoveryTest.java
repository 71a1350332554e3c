package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.discord.DiscordBot;
import dev.quotecast.discord.FakeDiscord;
import dev.quotecast.discord.FakePayloads;
import dev.quotecast.ops.BotRuntime;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chat platform that cannot be reached when the bot starts is started as soon as it can be,
 * without a restart, and {@code /healthz} says what is missing meanwhile. Before: Slack answered
 * 404 on {@code /slack/events} for as long as the bot ran, Discord's start was a single attempt.
 */
@Timeout(90)
class PlatformRecoveryTest {

    static HttpResponse<String> get(int port, String path) throws Exception {
        return dev.quotecast.ops.OpsTesting.get(port, path);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            Thread.sleep(50);
        }
    }

    static Engine engine(BotConfig config) {
        return Engine.start(config.withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
    }

    @Test
    void slackUnreachableAtStartIsStartedOnceItAnswers() throws Exception {
        String secret = "recovery-secret";
        try (FakeSlackApi slack = new FakeSlackApi().down();
             Engine engine = engine(BotConfig.defaults().withSlack(new BotConfig.Slack("xoxb-test", null, secret, slack.apiUrl(), List.of())))) {
            HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
            SlackBot bot = new SlackBot(engine, http);
            BotRuntime runtime = BotRuntime.start(engine, http, List.<ChatPlatform>of(bot), List.of(), BotRuntime.Options.defaults());
            try {
                HttpResponse<String> health = get(http.port(), "/healthz");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("slack");
                slack.up();
                SlackSigning signing = new SlackSigning(secret);
                await("Slack to start after the Web API came back", Duration.ofSeconds(30), bot::connected);
                HttpResponse<String> ack = signing.post(URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH),
                        SlackPayloads.slashCommand("/quote", "habits", "U1", "C1", slack.responseUrl("r1")));
                assertThat(ack.statusCode()).as("a slash command once Slack could be reached").isEqualTo(200);
                assertThat(ack.body()).contains("habit");
                await("/healthz ready", Duration.ofSeconds(5), () -> {
                    try {
                        return get(http.port(), "/healthz").statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
            } finally {
                runtime.stop();
            }
        }
    }

    @Test
    void discordUnreachableAtStartConnectsOnceItAnswers() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            discord.rest().down();
            try (Engine engine = engine(BotConfig.defaults().withDiscord(discord.config()))) {
                HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
                DiscordBot bot = new DiscordBot(engine, engine.config().discord());
                BotRuntime runtime = BotRuntime.start(engine, http, List.<ChatPlatform>of(bot), List.of(), BotRuntime.Options.defaults());
                try {
                    Thread.sleep(1500);
                    HttpResponse<String> health = get(http.port(), "/healthz");
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body()).contains("discord");
                    discord.rest().up();
                    await("Discord to connect after its API came back", Duration.ofSeconds(40), bot::connected);
                    discord.mention("7000000000000000901", FakePayloads.USER_ID, "habits");
                    discord.rest().requests().await(r -> r.is("POST", "channels/\\d+/messages"), Duration.ofSeconds(10), "the reply");
                } finally {
                    runtime.stop();
                }
            }
        }
    }
}
