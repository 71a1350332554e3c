package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.config.BotConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real JDA 6.1.0 against {@link FakeDiscord} on 127.0.0.1: connecting without privileged
 * intents, command registration, mentions and DMs, slash commands (direct, deferred, autocomplete),
 * buttons, /daily permissions, and recovering from a dropped gateway.
 */
@Timeout(60)
class DiscordBotTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(400);
    static final String MESSAGES = "channels/\\d+/messages";
    static final String CALLBACK = "interactions/\\d+/[^/]+/callback";

    static Engine engine;
    /** Every /daily request the engine's DailyHandler saw: the text and whether the user was an admin. */
    static final List<String> dailyCalls = new ArrayList<>();

    FakeDiscord discord;
    DiscordBot bot;

    @BeforeAll
    static void engine() {
        BotConfig d = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")));
        BotConfig config = new BotConfig(d.source(), d.transcriptDirs(), d.indexDir(), d.stateDir(), d.cache(),
                new BotConfig.Limits(10_000, d.limits().maxQueryChars()), d.http(), d.slack(), d.discord(), d.scheduling(),
                d.schedule(), d.zone());
        engine = Engine.start(config, Clock.systemUTC(), (request, daily) -> {
            synchronized (dailyCalls) {
                dailyCalls.add(daily.args() + " admin=" + request.admin() + " channel=" + request.channel());
            }
            if (daily.args().contains("Slow/Zone")) {
                try {
                    Thread.sleep(2_000);   // slower than the bot waits before deferring
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return request.admin() ? new Reply.Info("daily", "Scheduled: " + daily.args())
                    : new Reply.Error("daily", Reply.Error.Kind.FORBIDDEN, "Only people who can manage this channel can do that.");
        });
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    void connect(List<String> guilds) throws Exception {
        discord = FakeDiscord.start();
        bot = new DiscordBot(engine, discord.config(guilds));
        bot.start();
        assertThat(bot.awaitReady(WAIT)).as("JDA ready against the fake").isTrue();
    }

    void connect() throws Exception {
        connect(List.of(FakePayloads.GUILD_ID));
    }

    @AfterEach
    void shutdown() {
        if (bot != null) bot.close();   // JDA first, then the fake
        if (discord != null) discord.close();
    }

    FakeRest.Request awaitPost(String what) {
        return discord.rest().requests().await(r -> r.is("POST", MESSAGES), WAIT, what);
    }

    FakeRest.Request awaitCallback(String token, String what) {
        return discord.rest().requests().await(r -> r.is("POST", CALLBACK) && r.path().contains("/" + token + "/"), WAIT, what);
    }

    static JsonNode embed(JsonNode message) {
        assertThat(message.path("embeds")).as("embeds in %s", message).hasSize(1);
        return message.path("embeds").get(0);
    }

    static void assertPingsNobody(JsonNode message) {
        JsonNode am = message.path("allowed_mentions");
        assertThat(am.isObject()).as("allowed_mentions present in %s", message).isTrue();
        assertThat(am.path("parse")).as("allowed_mentions.parse").isEmpty();
        assertThat(am.path("users")).isEmpty();
        assertThat(am.path("roles")).isEmpty();
        assertThat(am.path("replied_user").asBoolean(false)).isFalse();
    }

    static String customId(JsonNode message, String label) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode c : row.path("components")) {
                if (label.equals(c.path("label").asText())) return c.path("custom_id").asText();
            }
        }
        throw new AssertionError("no button '" + label + "' in " + message);
    }

    @Test
    void readyWithoutPrivilegedIntentsAndCommandsOnTheGuild() throws Exception {
        connect();
        assertThat(bot.connected()).isTrue();
        long intents = discord.gateway().received().await(f -> f.op() == 2, WAIT, "IDENTIFY").d().path("intents").asLong();
        long guilds = 1, members = 1 << 1, presences = 1 << 8, guildMessages = 1 << 9, directMessages = 1 << 12, content = 1 << 15;
        assertThat(intents & guildMessages).isNotZero();
        assertThat(intents & directMessages).isNotZero();
        assertThat(intents & (members | presences | content)).as("no privileged intent").isZero();
        assertThat(intents & ~(guilds | guildMessages | directMessages)).as("nothing else").isZero();

        bot.commandsRegistered().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        FakeRest.Request put = discord.rest().requests().await(
                r -> r.is("PUT", "applications/" + FakePayloads.APP_ID + "/guilds/" + FakePayloads.GUILD_ID + "/commands"), WAIT, "guild commands");
        List<String> names = new ArrayList<>();
        put.json().forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("quote", "advice", "episode", "ask", "help", "daily");
        for (JsonNode c : put.json()) {
            if (c.path("name").asText().equals("daily")) {
                assertThat(c.path("default_member_permissions").asText()).isEqualTo("16");   // MANAGE_CHANNEL
            }
            if (c.path("name").asText().equals("episode")) {
                assertThat(c.path("options").get(0).path("autocomplete").asBoolean()).isTrue();
            }
        }
        assertThat(discord.rest().requests().matching(r -> r.is("PUT", "applications/\\d+/commands"))).as("no global registration").isEmpty();
    }

    @Test
    void commandsAreGlobalWhenNoGuildIsConfigured() throws Exception {
        connect(List.of());
        bot.commandsRegistered().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        FakeRest.Request put = discord.rest().requests().await(
                r -> r.is("PUT", "applications/" + FakePayloads.APP_ID + "/commands"), WAIT, "global commands");
        assertThat(put.json()).hasSize(6);
    }

    @Test
    void mentionGetsAReplyWithAnEmbedThatReferencesTheMessageAndPingsNobody() throws Exception {
        connect();
        discord.mention("7000000000000000001", FakePayloads.USER_ID, "habits");
        JsonNode reply = awaitPost("reply to the mention").json();
        assertThat(reply.path("message_reference").path("message_id").asText()).isEqualTo("7000000000000000001");
        assertPingsNobody(reply);
        JsonNode embed = embed(reply);
        assertThat(embed.path("description").asText()).startsWith("“").containsIgnoringCase("habit");
        assertThat(embed.path("author").path("name").asText()).isEqualTo("Andrew Ng");
        assertThat(embed.path("author").path("url").asText()).startsWith("https://www.youtube.com/watch?v=0jspaMLxBig&t=");
        assertThat(embed.path("title").asText()).contains("Lex Fridman Podcast #73");
        assertThat(embed.path("footer").path("text").asText()).matches("≈\\d+:\\d\\d · 2020-02-20");
        assertThat(customId(reply, "Another")).hasSizeLessThanOrEqualTo(100);
        assertThat(customId(reply, "Show context")).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void aQuestionInAMentionIsAnsweredWithItsCitation() throws Exception {
        connect();
        discord.mention("7000000000000000002", FakePayloads.USER_ID, "how do you build a habit of learning?");
        JsonNode embed = embed(awaitPost("answer to the question").json());
        assertThat(embed.path("description").asText()).startsWith("**Q:** how do you build a habit of learning?");
        assertThat(embed.path("author").path("url").asText()).contains("&t=");
        assertThat(embed.path("footer").path("text").asText()).startsWith("≈");
    }

    @Test
    void directMessagesWorkWithoutAMention() throws Exception {
        connect();
        discord.directMessage("7000000000000000003", FakePayloads.USER_ID, "help");
        FakeRest.Request post = awaitPost("reply to the DM");
        assertThat(post.path()).isEqualTo("channels/" + FakePayloads.DM_CHANNEL_ID + "/messages");
        assertThat(embed(post.json()).path("title").asText()).isEqualTo("Quotecast");
        assertPingsNobody(post.json());
    }

    @Test
    void botsItselfAndMessagesWithoutAMentionGetNoReply() throws Exception {
        connect();
        discord.mention("7000000000000000010", FakePayloads.OTHER_BOT_ID, "habits");
        discord.mention("7000000000000000011", FakePayloads.BOT_ID, "habits");
        discord.chatter("7000000000000000012", FakePayloads.USER_ID, "habits are great, Quotecast");
        discord.mention("7000000000000000013", FakePayloads.USER_ID, "learning");   // the marker: the only one answered
        JsonNode reply = awaitPost("reply to the marker").json();
        assertThat(reply.path("message_reference").path("message_id").asText()).isEqualTo("7000000000000000013");
        discord.rest().requests().assertNone(r -> r.is("POST", MESSAGES) && !r.body().contains("7000000000000000013"), QUIET,
                "reply to a bot, to itself or to a message without a mention");
    }

    @Test
    void slashQuoteIsAnsweredInTheInteractionCallback() throws Exception {
        connect();
        String token = discord.slash(FakePayloads.USER_ID, "quote", "topic", "habits");
        FakeRest.Request cb = awaitCallback(token, "callback for /quote");
        assertThat(cb.json().path("type").asInt()).as("CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(4);
        JsonNode data = cb.json().path("data");
        assertThat(embed(data).path("description").asText()).containsIgnoringCase("habit");
        assertPingsNobody(data);
    }

    @Test
    void slashAskIsDeferredAndThenFilledIn() throws Exception {
        connect();
        String token = discord.slash(FakePayloads.USER_ID, "ask", "question", "what is the key to learning?");
        FakeRest.Request cb = awaitCallback(token, "deferral of /ask");
        assertThat(cb.json().path("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(5);
        FakeRest.Request edit = discord.rest().requests().await(
                r -> r.is("PATCH", "webhooks/" + FakePayloads.APP_ID + "/" + token + "/messages/@original"), WAIT, "the deferred answer");
        assertThat(embed(edit.json()).path("description").asText()).startsWith("**Q:**");
        assertPingsNobody(edit.json());
    }

    @Test
    void aCommandThatTurnsOutSlowIsDeferredInTime() throws Exception {
        connect();
        long t0 = System.nanoTime();
        String token = discord.slash(FakePayloads.MOD_ID, "daily", "sub:set", "time", "09:00", "zone", "Slow/Zone");
        FakeRest.Request cb = awaitCallback(token, "deferral of a slow /daily");
        Duration deferredAfter = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(cb.json().path("type").asInt()).as("deferred").isEqualTo(5);
        assertThat(deferredAfter).as("deferred well inside Discord's 3 s").isLessThan(Duration.ofMillis(2_500));
        FakeRest.Request edit = discord.rest().requests().await(
                r -> r.is("PATCH", "webhooks/\\d+/" + token + "/messages/@original"), WAIT, "the late answer");
        assertThat(embed(edit.json()).path("description").asText()).isEqualTo("Scheduled: 09:00 Slow/Zone advice");
        assertThat(discord.rest().requests().matching(r -> r.path().contains("/" + token + "/callback"))).as("one callback only").hasSize(1);
    }

    @Test
    void episodeAutocompleteOffersTitles() throws Exception {
        connect();
        String token = discord.autocomplete(FakePayloads.USER_ID, "episode", "query", "andrew");
        FakeRest.Request cb = awaitCallback(token, "autocomplete choices");
        assertThat(cb.json().path("type").asInt()).as("APPLICATION_COMMAND_AUTOCOMPLETE_RESULT").isEqualTo(8);
        JsonNode choices = cb.json().path("data").path("choices");
        assertThat(choices).hasSize(1);
        assertThat(choices.get(0).path("name").asText()).startsWith("Andrew Ng: Deep Learning");
        assertThat(choices.get(0).path("value").asText()).isEqualTo("lex-fridman-073-andrew-ng");

        String episode = discord.slash(FakePayloads.USER_ID, "episode", "query", choices.get(0).path("value").asText());
        assertThat(awaitCallback(episode, "deferral of /episode").json().path("type").asInt()).isEqualTo(5);
        FakeRest.Request card = discord.rest().requests().await(
                r -> r.is("PATCH", "webhooks/\\d+/" + episode + "/messages/@original"), WAIT, "the episode card");
        JsonNode embed = embed(card.json());
        assertThat(embed.path("title").asText()).startsWith("Andrew Ng: Deep Learning");
        List<String> fields = new ArrayList<>();
        embed.path("fields").forEach(f -> fields.add(f.path("name").asText()));
        assertThat(fields).contains("Date", "Length", "Key topics", "Notable quotes");
    }

    @Test
    void anotherGivesTheNextDistinctQuoteAndShowContextTheSurroundingSentences() throws Exception {
        connect();
        String first = discord.slash(FakePayloads.USER_ID, "quote", "topic", "learning");
        JsonNode firstData = awaitCallback(first, "/quote").json().path("data");
        String firstQuote = embed(firstData).path("description").asText();

        String second = discord.button(FakePayloads.USER_ID, customId(firstData, "Another"));
        JsonNode secondData = awaitCallback(second, "Another").json().path("data");
        String secondQuote = embed(secondData).path("description").asText();
        assertThat(secondQuote).isNotBlank().isNotEqualTo(firstQuote);

        String third = discord.button(FakePayloads.USER_ID, customId(secondData, "Another"));
        String thirdQuote = embed(awaitCallback(third, "Another again").json().path("data")).path("description").asText();
        assertThat(thirdQuote).isNotEqualTo(firstQuote).isNotEqualTo(secondQuote);

        String context = discord.button(FakePayloads.USER_ID, customId(firstData, "Show context"));
        JsonNode contextEmbed = embed(awaitCallback(context, "Show context").json().path("data"));
        String quoteText = firstQuote.substring(1, firstQuote.length() - 1);
        assertThat(contextEmbed.path("description").asText()).contains("**").hasSizeGreaterThan(quoteText.length());
    }

    @Test
    void anUnknownButtonSaysItHasExpired() throws Exception {
        connect();
        String token = discord.button(FakePayloads.USER_ID, "k:zzzz999");
        JsonNode cb = awaitCallback(token, "expired button").json();
        assertThat(cb.path("data").path("content").asText()).contains("expired");
        assertThat(cb.path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertPingsNobody(cb.path("data"));
    }

    static final int UPDATE_MESSAGE = 7, CHANNEL_MESSAGE = 4, EPHEMERAL = 64;

    /**
     * Issue 17: every click added a public message. "Another" on your own reply turns its page in
     * place (an UPDATE_MESSAGE callback, type 7), on a slash-command reply and on a mention reply.
     */
    @Test
    void anotherOnYourOwnReplyUpdatesItInPlace() throws Exception {
        connect();
        String first = discord.slash(FakePayloads.USER_ID, "quote", "topic", "learning");
        JsonNode firstData = awaitCallback(first, "/quote").json().path("data");
        String another = customId(firstData, "Another");

        FakeRest.Request update = awaitCallback(discord.button(FakePayloads.USER_ID, another,
                discord.payloads().replyToInteraction(FakePayloads.USER_ID)), "Another on my slash reply");
        assertThat(update.json().path("type").asInt()).as("UPDATE_MESSAGE").isEqualTo(UPDATE_MESSAGE);
        JsonNode next = update.json().path("data");
        assertThat(embed(next).path("description").asText()).isNotBlank().isNotEqualTo(embed(firstData).path("description").asText());
        assertThat(customId(next, "Another")).isNotEqualTo(another);
        assertPingsNobody(next);

        FakeRest.Request onMention = awaitCallback(discord.button(FakePayloads.USER_ID, another,
                discord.payloads().replyToMention(FakePayloads.USER_ID)), "Another on my mention reply");
        assertThat(onMention.json().path("type").asInt()).isEqualTo(UPDATE_MESSAGE);
        discord.rest().requests().assertNone(r -> r.is("POST", MESSAGES), QUIET, "a new channel message for a click");
    }

    /** "Another" on someone else's reply (or on a daily post) answers only the one who clicked, and leaves the message alone. */
    @Test
    void anotherOnSomeoneElsesReplyAnswersPrivately() throws Exception {
        connect();
        String first = discord.slash(FakePayloads.USER_ID, "quote", "topic", "learning");
        JsonNode firstData = awaitCallback(first, "/quote").json().path("data");
        for (var message : List.of(discord.payloads().replyToInteraction(FakePayloads.USER_ID),
                discord.payloads().replyToMention(FakePayloads.USER_ID), discord.payloads().post())) {
            FakeRest.Request cb = awaitCallback(discord.button(FakePayloads.MOD_ID, customId(firstData, "Another"), message),
                    "Another on someone else's message");
            assertThat(cb.json().path("type").asInt()).isEqualTo(CHANNEL_MESSAGE);
            assertThat(cb.json().path("data").path("flags").asInt() & EPHEMERAL).as("ephemeral").isEqualTo(EPHEMERAL);
            assertThat(embed(cb.json().path("data")).path("description").asText()).isNotEqualTo(embed(firstData).path("description").asText());
            assertPingsNobody(cb.json().path("data"));
        }
    }

    /** "Show context" answers privately, whoever owns the message, as on Slack. */
    @Test
    void showContextAnswersPrivately() throws Exception {
        connect();
        String first = discord.slash(FakePayloads.USER_ID, "quote", "topic", "learning");
        String context = customId(awaitCallback(first, "/quote").json().path("data"), "Show context");
        FakeRest.Request cb = awaitCallback(discord.button(FakePayloads.USER_ID, context,
                discord.payloads().replyToInteraction(FakePayloads.USER_ID)), "Show context");
        assertThat(cb.json().path("type").asInt()).isEqualTo(CHANNEL_MESSAGE);
        assertThat(cb.json().path("data").path("flags").asInt() & EPHEMERAL).as("ephemeral").isEqualTo(EPHEMERAL);
        assertThat(embed(cb.json().path("data")).path("description").asText()).contains("**");
        assertPingsNobody(cb.json().path("data"));
    }

    /**
     * Issue 17: a well-formed button past the last quote said "This button has expired" (with
     * {@code replied_user: true}, the only reply that had it); the truth is that there are no more
     * quotes on that, said privately, and the message stays as it was.
     */
    @Test
    void aWellFormedButtonPastTheLastQuoteSaysThereAreNoMore() throws Exception {
        connect();
        for (String id : List.of("q:25:learning", "q:999:learning")) {
            JsonNode cb = awaitCallback(discord.button(FakePayloads.USER_ID, id, discord.payloads().replyToInteraction(FakePayloads.USER_ID)),
                    "a click past the last quote").json();
            assertThat(cb.path("type").asInt()).as("not an update: the quote shown stays").isEqualTo(CHANNEL_MESSAGE);
            JsonNode data = cb.path("data");
            assertThat(data.path("flags").asInt() & EPHEMERAL).isEqualTo(EPHEMERAL);
            assertThat(data.toString()).doesNotContain("expired").containsIgnoringCase("no more quotes on that");
            assertPingsNobody(data);
        }
    }

    @Test
    void dailyBuildsTheSharedTextAndPassesManageChannelsAsAdmin() throws Exception {
        connect();
        synchronized (dailyCalls) {
            dailyCalls.clear();
        }
        String mod = discord.slash(FakePayloads.MOD_ID, "daily", "sub:set", "time", "09:00", "zone", "Europe/Berlin");
        JsonNode modReply = awaitCallback(mod, "/daily set by a moderator").json();
        assertThat(embed(modReply.path("data")).path("description").asText()).isEqualTo("Scheduled: 09:00 Europe/Berlin advice");

        String user = discord.slash(FakePayloads.USER_ID, "daily", "sub:off");
        JsonNode userReply = awaitCallback(user, "/daily off by a member").json();
        assertThat(userReply.path("data").path("flags").asInt() & 64).as("errors are ephemeral").isEqualTo(64);
        synchronized (dailyCalls) {
            assertThat(dailyCalls).containsExactly(
                    "09:00 Europe/Berlin advice admin=true channel=" + FakePayloads.CHANNEL_ID,
                    "off admin=false channel=" + FakePayloads.CHANNEL_ID);
        }
    }

    @Test
    void everyoneAndRoleMentionsInUserTextPingNobody() throws Exception {
        connect();
        String nasty = "@everyone @here <@&" + FakePayloads.MOD_ROLE_ID + "> <@" + FakePayloads.USER_ID + ">";
        discord.mention("7000000000000000020", FakePayloads.USER_ID, "ask did " + nasty + " learn to code?");
        JsonNode reply = awaitPost("reply to the mention").json();
        assertPingsNobody(reply);
        // what people see: the content and the embed; the question is echoed there, defused
        String shown = reply.path("content").asText() + embed(reply).toString();
        assertThat(embed(reply).path("description").asText()).startsWith("**Q:** did @\u200beveryone @\u200bhere");
        assertThat(shown).doesNotContain("@everyone").doesNotContain("@here").doesNotContain("<@&").doesNotContain("<@4");
    }

    @Test
    void reconnectsAfterTheGatewayClosesTheConnection() throws Exception {
        connect();
        discord.gateway().closeConnection(4000);
        discord.gateway().lifecycle().await("resumed"::equals, Duration.ofSeconds(15), "RESUMED after close 4000");
        assertAnswersAMention("7000000000000000030");
    }

    @Test
    void resumesWhenAskedToReconnect() throws Exception {
        connect();
        discord.gateway().requestReconnect();
        discord.gateway().lifecycle().await("resumed"::equals, Duration.ofSeconds(15), "RESUMED after op 7");
        assertAnswersAMention("7000000000000000031");
        assertThat(discord.gateway().lifecycle().matching("identify"::equals)).as("resumed, not re-identified").hasSize(1);
    }

    @Test
    void recoversFromADroppedConnectionAndGetsTheMissedMessage() throws Exception {
        connect();
        discord.gateway().pauseResumes();
        discord.gateway().dropConnection();
        FakeGateway.Frame resume = discord.gateway().received().await(f -> f.op() == 6, Duration.ofSeconds(15), "RESUME");
        // sent while the bot is away: Discord replays it once the session resumes
        discord.mention("7000000000000000032", FakePayloads.USER_ID, "habits");
        discord.gateway().releaseResumes();
        discord.gateway().lifecycle().await("resumed"::equals, WAIT, "RESUMED after a dropped connection");
        JsonNode reply = awaitPost("reply to the missed mention").json();
        assertThat(reply.path("message_reference").path("message_id").asText()).isEqualTo("7000000000000000032");
        assertThat(resume.d().path("session_id").asText()).isEqualTo("fake-session-1");
        awaitConnected();
    }

    @Test
    void identifiesAgainThroughTheConfiguredGatewayWhenTheSessionIsInvalidated() throws Exception {
        connect();
        discord.gateway().invalidateSession();
        // a new IDENTIFY goes through the SessionController, whose gateway is the fake's, not Discord's
        discord.gateway().lifecycle().await("identify"::equals, 2, Duration.ofSeconds(20), "a second IDENTIFY");
        discord.gateway().lifecycle().await("ready"::equals, 2, WAIT, "a second READY");
        assertAnswersAMention("7000000000000000033");
    }

    /**
     * Issue 17: a gateway that answers the WebSocket upgrade with an error was retried about 350
     * times a second (3,235 log lines in 9.4 s), which gets a bot's address blocked. Attempts now
     * back off (1 s doubling, with jitter), one log line each, and the bot connects once the
     * gateway accepts again.
     */
    @Test
    void aGatewayThatRefusesTheUpgradeIsRetriedWithBackoffNotInALoop() throws Exception {
        discord = FakeDiscord.start();
        discord.gateway().setRejectUpgrades(true);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        int attempts;
        try {
            bot = new DiscordBot(engine, discord.config());
            bot.start();
            discord.gateway().lifecycle().await("rejected"::equals, WAIT, "a first, refused attempt");
            Thread.sleep(4_000);
            attempts = discord.gateway().lifecycle().matching("rejected"::equals).size();
        } finally {
            root.detachAppender(logged);
        }
        // at 0 s, then after 0.5-1 s, 1-2 s, 2-4 s: at most five in the first four seconds, not hundreds
        assertThat(attempts).as("upgrade attempts in about 4 s").isBetween(2, 5);
        List<ch.qos.logback.classic.spi.ILoggingEvent> events;
        synchronized (logged) { // the reconnect thread may still be appending
            events = List.copyOf(logged.list);
        }
        long failureLines = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).count();
        assertThat(failureLines).as("log lines at WARN or above").isLessThanOrEqualTo(attempts + 1L);
        discord.gateway().setRejectUpgrades(false);
        assertThat(bot.awaitReady(Duration.ofSeconds(20))).as("connected once the gateway accepts again").isTrue();
    }

    void assertAnswersAMention(String messageId) throws InterruptedException {
        discord.mention(messageId, FakePayloads.USER_ID, "habits");
        FakeRest.Request post = discord.rest().requests().await(r -> r.is("POST", MESSAGES) && r.body().contains(messageId), WAIT,
                "reply after reconnecting");
        assertThat(embed(post.json()).path("description").asText()).isNotBlank();
        awaitConnected();
    }

    /** The replayed messages come before RESUMED, so a reply can go out a moment before JDA says CONNECTED. */
    void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!bot.connected() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(bot.connected()).as("connected again").isTrue();
    }
}
