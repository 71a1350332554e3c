package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Quote;
import dev.quotecast.discord.DiscordBot;
import dev.quotecast.discord.FakeDiscord;
import dev.quotecast.discord.FakePayloads;
import dev.quotecast.discord.FakeRest;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.schedule.DailyContent;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.MutableClock;
import dev.quotecast.schedule.PostOutcome;
import dev.quotecast.schedule.RetryPolicy;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.Mrkdwn;
import dev.quotecast.slack.SlackBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily posts end to end (issue 5): a {@link DailyScheduler} on a test clock posts through the real
 * {@code SlackBot.poster()} (Slack SDK, {@code chat.postMessage} to {@link FakeSlackApi}) and the
 * real {@code DiscordBot.poster()} (JDA, READY against {@link FakeDiscord}), each exactly once, with
 * the advice of the day; a restart of the scheduler on the same state posts nothing more, and the
 * next day posts again.
 *
 * <p>Two zones, one instant: 09:00 in Berlin (CEST) and 03:00 in New York (EDT) are both 07:00 UTC
 * on 2 June 2025, so one {@code runDue} finds both due, each on its own local date.
 */
@Timeout(60)
class DailyPostEndToEndTest {

    static final Instant BEFORE = Instant.parse("2025-06-02T05:00:00Z");
    static final Instant DUE = Instant.parse("2025-06-02T07:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2025-06-02");
    static final String SLACK_CHANNEL = "C0DAILYE2E";
    static final String DISCORD_CHANNEL = FakePayloads.CHANNEL_ID;
    static final String DISCORD_POSTS = "channels/" + DISCORD_CHANNEL + "/messages";

    @Test
    void aDueScheduleReachesBothPlatformsOnceAndARestartPostsNothingMore(@TempDir Path state) throws Exception {
        try (FakeSlackApi slackFake = new FakeSlackApi(); FakeDiscord discord = FakeDiscord.start()) {
            BotConfig d = BotConfig.defaults().withEmbeddings(false);
            BotConfig config = new BotConfig(null, List.of(Path.of("transcripts")), null, state, d.cache(), d.limits(), d.http(),
                    new BotConfig.Slack("xoxb-daily", null, "daily-secret", slackFake.apiUrl(), List.of()), discord.config(),
                    new BotConfig.Scheduling(Duration.ofHours(2)),
                    List.of(new BotConfig.ScheduleEntry("slack", SLACK_CHANNEL, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), "advice", 0),
                            new BotConfig.ScheduleEntry("discord", DISCORD_CHANNEL, LocalTime.of(3, 0), ZoneId.of("America/New_York"), "advice", 0)),
                    d.zone());
            HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
            try (Engine engine = Engine.start(config);
                 SlackBot slack = new SlackBot(engine, http);
                 DiscordBot discordBot = new DiscordBot(engine, config.discord())) {
                slack.start();
                discordBot.start();
                assertThat(discordBot.awaitReady(Duration.ofSeconds(10))).as("JDA ready against the fake").isTrue();
                MutableClock clock = new MutableClock(BEFORE);
                List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
                Quote advice = engine.commands().content().advice(DAY).orElseThrow();

                DailyScheduler first = scheduler(config, engine, slack, discordBot, clock, outcomes);
                try {
                    first.runDue(BEFORE);
                    assertThat(slackPosts(slackFake)).isEmpty();
                    clock.set(DUE);
                    first.runDue(DUE);
                    assertThat(outcomes).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT, PostOutcome.Status.SENT);

                    List<FakeSlackApi.Call> slackPosts = slackPosts(slackFake);
                    assertThat(slackPosts).as("chat.postMessage to %s", SLACK_CHANNEL).hasSize(1);
                    assertThat(slackPosts.get(0).authorization()).isEqualTo("Bearer xoxb-daily");
                    assertThat(blockText(slackPosts.get(0).field("blocks"))).contains("Advice of the day")
                            .contains(opening(Mrkdwn.escape(advice.text())));

                    List<FakeRest.Request> discordPosts = discordPosts(discord);
                    assertThat(discordPosts).as("messages in Discord channel %s", DISCORD_CHANNEL).hasSize(1);
                    JsonNode message = discordPosts.get(0).json();
                    JsonNode embed = message.path("embeds").get(0);
                    assertThat(embed.path("title").asText()).isEqualTo("Advice of the day · " + DAY);
                    assertThat(embed.path("description").asText()).contains(opening(advice.text()));
                    assertThat(message.path("allowed_mentions").path("parse")).as("pings nobody").isEmpty();
                    assertThat(message.has("message_reference")).as("a post, not a reply").isFalse();

                    clock.advance(Duration.ofMinutes(1));
                    first.runDue(clock.instant());
                } finally {
                    first.close();
                }

                // restart: a new scheduler on the same state, ten minutes later, well inside the catch-up window
                clock.set(DUE.plus(Duration.ofMinutes(10)));
                List<PostOutcome> afterRestart = new CopyOnWriteArrayList<>();
                try (DailyScheduler second = scheduler(config, engine, slack, discordBot, clock, afterRestart)) {
                    second.runDue(clock.instant());
                    second.runDue(clock.instant());
                    Thread.sleep(300);   // a stray post would reach the fakes in this time
                    assertThat(afterRestart).as("nothing owed after the restart").isEmpty();
                    assertThat(slackPosts(slackFake)).hasSize(1);
                    assertThat(discordPosts(discord)).hasSize(1);

                    // the next morning both post again, with that day's advice
                    clock.set(DUE.plus(Duration.ofDays(1)));
                    second.runDue(clock.instant());
                    Quote tomorrow = engine.commands().content().advice(DAY.plusDays(1)).orElseThrow();
                    assertThat(slackPosts(slackFake)).hasSize(2);
                    assertThat(blockText(slackPosts(slackFake).get(1).field("blocks"))).contains(opening(Mrkdwn.escape(tomorrow.text())));
                    assertThat(discordPosts(discord)).hasSize(2);
                    assertThat(discordPosts(discord).get(1).json().path("embeds").get(0).path("title").asText())
                            .isEqualTo("Advice of the day · " + DAY.plusDays(1));
                }
            } finally {
                http.close();
            }
        }
    }

    static DailyScheduler scheduler(BotConfig config, Engine engine, SlackBot slack, DiscordBot discord, MutableClock clock,
                                    List<PostOutcome> outcomes) {
        DailyScheduler s = new DailyScheduler(config, new DailyContent(engine.commands()), List.of(slack.poster(), discord.poster()), clock,
                RetryPolicy.defaults());
        s.addListener(outcomes::add);
        return s;
    }

    static List<FakeSlackApi.Call> slackPosts(FakeSlackApi fake) {
        return fake.delivered("chat.postMessage").stream().filter(c -> SLACK_CHANNEL.equals(c.json().path("channel").asText())).toList();
    }

    static List<FakeRest.Request> discordPosts(FakeDiscord discord) {
        return discord.rest().created().matching(r -> r.is("POST", DISCORD_POSTS));
    }

    /** Every text in a Block Kit message, unescaped from JSON, one per line. */
    static String blockText(JsonNode blocks) {
        StringBuilder sb = new StringBuilder();
        blocks.findValues("text").forEach(t -> sb.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
        return sb.toString();
    }

    /** The first words of a text: enough to identify it, short of any cut the renderers make for length. */
    static String opening(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60);
    }
}
