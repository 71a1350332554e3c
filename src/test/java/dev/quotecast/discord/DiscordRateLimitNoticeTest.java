package dev.quotecast.discord;

import static dev.quotecast.discord.DiscordBotTest.MESSAGES;
import static dev.quotecast.discord.DiscordBotTest.assertPingsNobody;
import static dev.quotecast.discord.DiscordBotTest.embed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17: over the per-user limit, 24 quick mentions gave 20 answers and 4 public "Easy there!"
 * replies. A person over the limit is told once per window, and never in public: a reaction on
 * the mention, an ephemeral answer to a slash command.
 */
@Timeout(60)
class DiscordRateLimitNoticeTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(600);
    static final String REACTION = "channels/\\d+/messages/\\d+/reactions/[^/]+/@me";
    static final int LIMIT = 3;

    Engine engine;
    FakeDiscord discord;
    DiscordBot bot;

    @BeforeEach
    void start() throws Exception {
        BotConfig d = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")));
        engine = Engine.start(new BotConfig(d.source(), d.transcriptDirs(), d.indexDir(), d.stateDir(), d.cache(),
                new BotConfig.Limits(LIMIT, d.limits().maxQueryChars()), d.http(), d.slack(), d.discord(), d.scheduling(),
                d.schedule(), d.zone()));
        discord = FakeDiscord.start();
        bot = new DiscordBot(engine, discord.config());
        bot.start();
        assertThat(bot.awaitReady(WAIT)).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) bot.close();
        if (discord != null) discord.close();
        if (engine != null) engine.close();
    }

    @Test
    void mentionsOverTheLimitGetOneReactionAndNoPublicNotice() throws Exception {
        for (int i = 1; i <= LIMIT + 4; i++) discord.mention("70000000000000001" + (10 + i), FakePayloads.USER_ID, "habits " + i);
        discord.rest().requests().await(r -> r.is("POST", MESSAGES), LIMIT, WAIT, "the answers within the limit");
        FakeRest.Request reaction = discord.rest().requests().await(r -> r.is("PUT", REACTION), WAIT, "a reaction on the first refused mention");
        assertThat(reaction.path()).contains("/70000000000000001" + (10 + LIMIT + 1) + "/");
        Thread.sleep(QUIET.toMillis());
        assertThat(discord.rest().requests().matching(r -> r.is("POST", MESSAGES))).as("answers, no notices").hasSize(LIMIT)
                .noneMatch(r -> r.body().contains("Easy there"));
        assertThat(discord.rest().requests().matching(r -> r.is("PUT", REACTION))).as("told once in the window").hasSize(1);
    }

    @Test
    void slashCommandsOverTheLimitAreAnsweredPrivately() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            String token = discord.slash(FakePayloads.MOD_ID, "quote", "topic", "habits");
            discord.rest().requests().await(r -> r.is("POST", DiscordBotTest.CALLBACK) && r.path().contains("/" + token + "/"), WAIT, "an answer");
        }
        String quote = discord.slash(FakePayloads.MOD_ID, "quote", "topic", "learning");
        FakeRest.Request cb = discord.rest().requests().await(r -> r.is("POST", DiscordBotTest.CALLBACK) && r.path().contains("/" + quote + "/"),
                WAIT, "the refused /quote");
        assertThat(cb.json().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(embed(cb.json().path("data")).path("description").asText()).contains("Easy there");
        assertPingsNobody(cb.json().path("data"));

        // /ask is deferred at once, in public; its refusal must not fill that in for everyone to see
        String ask = discord.slash(FakePayloads.MOD_ID, "ask", "question", "what is the key to learning?");
        FakeRest.Request followUp = discord.rest().requests().await(
                r -> r.is("POST", "webhooks/\\d+/" + ask) && r.body().contains("Easy there"), WAIT, "a private follow-up");
        assertThat(followUp.json().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        discord.rest().requests().await(r -> r.is("DELETE", "webhooks/\\d+/" + ask + "/messages/@original"), WAIT, "the placeholder removed");
        assertThat(discord.rest().requests().matching(r -> r.is("PATCH", "webhooks/\\d+/" + ask + "/messages/@original")))
                .as("the public placeholder never shows the refusal").isEmpty();
        assertThat(discord.rest().requests().matching(r -> r.is("POST", MESSAGES))).isEmpty();
    }
}
