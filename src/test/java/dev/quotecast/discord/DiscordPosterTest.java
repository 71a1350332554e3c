package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.schedule.Poster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Daily posts through the real JDA: what reaches the fake, and which failures are worth retrying. */
@Timeout(60)
class DiscordPosterTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String POST_PATH = "channels/" + FakePayloads.CHANNEL_ID + "/messages";

    static Engine engine;
    static Reply advice;
    FakeDiscord discord;
    DiscordBot bot;
    DiscordPoster poster;

    @BeforeAll
    static void engine() {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
        advice = engine.commands().handle(Request.of("discord", "scheduler", new Command.Advice(null, false)));
        assertThat(advice).isInstanceOf(Reply.AdviceReply.class);
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    @BeforeEach
    void connect() throws Exception {
        discord = FakeDiscord.start();
        bot = new DiscordBot(engine, discord.config());
        poster = new DiscordPoster(bot::jda, new EmbedRenderer(), Duration.ofSeconds(2));
    }

    void start() throws Exception {
        bot.start();
        assertThat(bot.awaitReady(WAIT)).isTrue();
    }

    @AfterEach
    void shutdown() {
        bot.close();
        discord.close();
    }

    @Test
    void postsTheAdviceAsAnEmbedThatPingsNobody() throws Exception {
        start();
        assertThat(bot.poster().platform()).isEqualTo("discord");
        poster.post(FakePayloads.CHANNEL_ID, advice);
        JsonNode body = discord.rest().requests().await(r -> r.is("POST", POST_PATH), WAIT, "the daily post").json();
        assertThat(body.path("embeds").get(0).path("title").asText()).startsWith("Advice of the day · ");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(body.has("message_reference")).isFalse();
    }

    @Test
    void aBotThatHasNotStartedIsRetryable() {
        assertThatThrownBy(() -> poster.post(FakePayloads.CHANNEL_ID, advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void unknownOrMalformedChannelsAreNotRetryable() throws Exception {
        start();
        assertThatThrownBy(() -> poster.post("3300000000000000777", advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("unknown Discord channel");
                });
        assertThatThrownBy(() -> poster.post("C0123ABCD", advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(discord.rest().requests().matching(r -> r.method().equals("POST") && r.path().startsWith("channels/"))).isEmpty();
    }

    @Test
    void missingAccessIsNotRetryable() throws Exception {
        start();
        discord.rest().failNext("POST", POST_PATH, 403, 50001, "Missing Access");
        assertThatThrownBy(() -> poster.post(FakePayloads.CHANNEL_ID, advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("50001");
                });
    }

    @Test
    void serverErrorsAreRetryable() throws Exception {
        start();
        for (int i = 0; i < 8; i++) discord.rest().failNext("POST", POST_PATH, 500, 0, "Internal Server Error");
        assertThatThrownBy(() -> poster.post(FakePayloads.CHANNEL_ID, advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aShortRateLimitIsWaitedOutAndALongOneIsRetryable() throws Exception {
        start();
        discord.rest().rateLimitNext("POST", POST_PATH, Duration.ofMillis(100));
        poster.post(FakePayloads.CHANNEL_ID, advice);
        assertThat(discord.rest().requests().matching(r -> r.is("POST", POST_PATH))).hasSize(2);

        discord.rest().rateLimitNext("POST", POST_PATH, Duration.ofSeconds(3));
        DiscordPoster impatient = new DiscordPoster(bot::jda, new EmbedRenderer(), Duration.ofMillis(500));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> impatient.post(FakePayloads.CHANNEL_ID, advice))
                .isInstanceOfSatisfying(Poster.PostException.class, e -> assertThat(e.retryable()).isTrue());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).as("gave up before the rate limit ended").isLessThan(Duration.ofMillis(2_900));
    }
}
