package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.schedule.DailyContent;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.MutableClock;
import dev.quotecast.schedule.PostMark;
import dev.quotecast.schedule.PostOutcome;
import dev.quotecast.schedule.Poster;
import dev.quotecast.schedule.RetryPolicy;
import dev.quotecast.state.TestPostgres;
import dev.quotecast.state.postgres.PostgresStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discord sharding (issue 16) against {@link FakeShardedDiscord}: the real JDA shard manager runs
 * every shard in one process, or some of them in each of two; each guild is answered by the process
 * holding its shard; {@code total: auto} takes Discord's recommendation; daily posts go out from the
 * holder of the channel's guild, once, with replicas sharing PostgreSQL; a post is found again in
 * the channel, and a resend with its nonce is one message.
 */
@Timeout(120)
class DiscordShardsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static Engine engine;
    static Reply advice;

    @BeforeAll
    static void engine() {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
        advice = engine.commands().handle(Request.of("discord", "scheduler", new Command.Advice(null, false)));
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    static void awaitReplies(FakeShardedDiscord d, String channel, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (d.rest().messagesIn(channel).size() < n && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(d.rest().messagesIn(channel)).as("replies in " + channel).hasSize(n);
    }

    @Test
    void oneProcessRunsEveryShardAndAnswersEachGuild() throws Exception {
        try (FakeShardedDiscord d = FakeShardedDiscord.start(2, 1)) {
            DiscordBot bot = new DiscordBot(engine, d.config(new BotConfig.Shards(2, List.of())));
            try {
                bot.start();
                assertThat(bot.awaitReady(WAIT)).as("both shards ready").isTrue();
                assertThat(d.gateway().lifecycle().all()).contains("identify 0/2", "identify 1/2");
                assertThat(bot.parts()).isEqualTo(Map.of("discord.shard.0", "CONNECTED", "discord.shard.1", "CONNECTED"));
                for (int g = 0; g < 2; g++) d.mention(g, "71000000000000000" + g, FakePayloads.USER_ID, "habits");
                for (FakeShardedDiscord.Guild g : d.guilds()) awaitReplies(d, g.channel(), 1);
                // slash commands: globally, once, by the process that runs shard 0
                Thread.sleep(200);
                assertThat(d.rest().requests().matching(r -> r.is("PUT", "applications/\\d+/commands"))).hasSize(1);
                assertThat(bot.poster().reach(d.guilds().get(1).channel())).isEqualTo(Poster.Reach.HERE);
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void totalAutoRunsAsManyShardsAsDiscordRecommends() throws Exception {
        try (FakeShardedDiscord d = FakeShardedDiscord.start(2, 1)) {
            DiscordBot bot = new DiscordBot(engine, d.config(new BotConfig.Shards(0, List.of())));
            try {
                bot.start();
                assertThat(bot.awaitReady(WAIT)).isTrue();
                assertThat(d.gateway().connectedShards()).containsExactly(0, 1);
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void twoProcessesSplitTheShardsEachAnswersAndPostsForItsOwnGuilds(@TempDir Path dir) throws Exception {
        TestPostgres pg = TestPostgres.require();
        try (FakeShardedDiscord d = FakeShardedDiscord.start(2, 2)) {
            DiscordBot a = new DiscordBot(engine, d.config(new BotConfig.Shards(2, List.of(0))));
            DiscordBot b = new DiscordBot(engine, d.config(new BotConfig.Shards(2, List.of(1))));
            try {
                a.start();
                b.start();
                assertThat(a.awaitReady(WAIT)).isTrue();
                assertThat(b.awaitReady(WAIT)).isTrue();
                assertThat(a.parts()).isEqualTo(Map.of("discord.shard.0", "CONNECTED"));
                assertThat(b.parts()).isEqualTo(Map.of("discord.shard.1", "CONNECTED"));
                List<FakeShardedDiscord.Guild> guilds = d.guilds();
                for (int g = 0; g < guilds.size(); g++) d.mention(g, "72000000000000000" + g, FakePayloads.USER_ID, "habits");
                for (FakeShardedDiscord.Guild g : guilds) awaitReplies(d, g.channel(), 1);
                for (FakeShardedDiscord.Guild g : guilds) {
                    assertThat(a.poster().reach(g.channel())).isEqualTo(g.shard() == 0 ? Poster.Reach.HERE : Poster.Reach.ELSEWHERE);
                    assertThat(b.poster().reach(g.channel())).isEqualTo(g.shard() == 1 ? Poster.Reach.HERE : Poster.Reach.ELSEWHERE);
                }

                // daily posts into every guild's channel, two replicas on one database: each from the holder of its guild, once
                String url = pg.newDatabase("shards");
                BotConfig.ScheduleEntry[] entries = guilds.stream().map(g -> new BotConfig.ScheduleEntry("discord", g.channel(), LocalTime.of(9, 0),
                        ZoneId.of("UTC"), "advice", 0)).toArray(BotConfig.ScheduleEntry[]::new);
                BotConfig d0 = BotConfig.defaults().withEmbeddings(false);
                BotConfig config = new BotConfig(null, List.of(Path.of("transcripts")), null, dir, d0.cache(), d0.limits(), d0.http(), d0.slack(),
                        d0.discord(), d0.scheduling(), List.of(entries), d0.zone());
                MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
                List<PostOutcome> fromA = new CopyOnWriteArrayList<>(), fromB = new CopyOnWriteArrayList<>();
                try (PostgresStateStore sa = PostgresStateStore.open(new BotConfig.SharedState(url), null, clock);
                     PostgresStateStore sb = PostgresStateStore.open(new BotConfig.SharedState(url), null, clock);
                     DailyScheduler pa = new DailyScheduler(sa.dailyPosts(config, clock), config, new DailyContent(engine.commands()),
                             List.of(a.poster()), clock, RetryPolicy.defaults());
                     DailyScheduler pb = new DailyScheduler(sb.dailyPosts(config, clock), config, new DailyContent(engine.commands()),
                             List.of(b.poster()), clock, RetryPolicy.defaults())) {
                    pa.addListener(fromA::add);
                    pb.addListener(fromB::add);
                    clock.set(Instant.parse("2025-06-02T09:00:05Z"));
                    for (int pass = 0; pass < 3; pass++) {
                        pa.runDue(clock.instant());
                        pb.runDue(clock.instant());
                    }
                    assertThat(fromA).allSatisfy(o -> assertThat(o.status()).isEqualTo(PostOutcome.Status.SENT))
                            .extracting(o -> o.target().channel())
                            .containsExactlyInAnyOrderElementsOf(guilds.stream().filter(g -> g.shard() == 0).map(FakeShardedDiscord.Guild::channel).toList());
                    assertThat(fromB).allSatisfy(o -> assertThat(o.status()).isEqualTo(PostOutcome.Status.SENT))
                            .extracting(o -> o.target().channel())
                            .containsExactlyInAnyOrderElementsOf(guilds.stream().filter(g -> g.shard() == 1).map(FakeShardedDiscord.Guild::channel).toList());
                    for (FakeShardedDiscord.Guild g : guilds) assertThat(d.rest().messagesIn(g.channel())).as(g.channel()).hasSize(2);   // the reply and the post
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void aPostCarriesItsNonceAndIsFoundAgain() throws Exception {
        try (FakeShardedDiscord d = FakeShardedDiscord.start(1, 1)) {
            DiscordBot bot = new DiscordBot(engine, d.config(BotConfig.Shards.ONE));
            try {
                bot.start();
                assertThat(bot.awaitReady(WAIT)).isTrue();
                String channel = d.guilds().get(0).channel();
                PostMark mark = new PostMark("config:discord:" + channel + ":advice", LocalDate.parse("2025-06-02"));
                Poster poster = bot.poster();
                poster.post(channel, advice, mark);
                poster.post(channel, advice, mark);   // a second replica resending the same post
                assertThat(d.rest().messagesIn(channel)).as("one message per nonce").hasSize(1);
                assertThat(poster.recover(channel, mark, Instant.now(), advice)).isInstanceOf(Poster.Recovery.AlreadyPosted.class);
                Reply other = engine.commands().handle(Request.of("discord", "x", new Command.Advice(LocalDate.parse("2025-01-01"), false)));
                assertThat(poster.recover(channel, new PostMark("config:discord:" + channel + ":advice", LocalDate.parse("2025-01-01")), Instant.now(), other))
                        .isInstanceOf(Poster.Recovery.NotPosted.class);
            } finally {
                bot.close();
            }
        }
    }
}
