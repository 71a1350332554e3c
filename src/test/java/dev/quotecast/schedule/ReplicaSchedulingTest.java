package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.config.BotConfig;
import dev.quotecast.state.TcpProxy;
import dev.quotecast.state.TestPostgres;
import dev.quotecast.state.postgres.PostgresStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on PostgreSQL (a real server, {@link TestPostgres}), several schedulers in one JVM
 * standing for replicas, each with its own pool: they race for the same posts and each post goes
 * out once; a replica that stops holding a claim has it settled by another, as the platform says;
 * schedules set through one are posted by either; and a database that goes away stops claims, not
 * chat, and gets the results written when it is back.
 */
@Timeout(120)
class ReplicaSchedulingTest {

    static final Instant BEFORE = Instant.parse("2025-06-02T06:00:00Z");
    static final Instant DUE = Instant.parse("2025-06-02T07:00:00Z");
    static Engine engine;
    static TestPostgres pg;

    @BeforeAll
    static void up() {
        pg = TestPostgres.require();
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        if (engine != null) engine.close();
    }

    /** A poster that records every post with its mark, and says what {@code recovery} says about a dead sender's post. */
    static final class MarkedPoster implements Poster {
        record Sent(String channel, Reply reply, PostMark mark) {}

        final String name;
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile Function<PostMark, Recovery> recovery = m -> new Recovery.CannotTell("not asked");
        volatile String crashOn;
        volatile boolean crashAfterSend;
        /** When set, this poster's first send waits (up to 10 s) until every poster sharing the latch has claimed a post. */
        volatile CountDownLatch firstSendsTogether;

        MarkedPoster(String name) {
            this.name = name;
        }

        @Override
        public String platform() {
            return "slack";
        }

        @Override
        public void post(String channel, Reply reply) {
            throw new AssertionError("daily posts are sent with their mark");
        }

        @Override
        public void post(String channel, Reply reply, PostMark mark) {
            if (channel.equals(crashOn) && !crashAfterSend) throw new RecordingPoster.SimulatedCrash("before the send, in " + name);
            CountDownLatch together = firstSendsTogether;
            if (together != null && sent.isEmpty()) {
                together.countDown();
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(new Sent(channel, reply, mark));
            if (channel.equals(crashOn)) throw new RecordingPoster.SimulatedCrash("after the send, in " + name);
        }

        @Override
        public Recovery recover(String channel, PostMark mark, Instant claimedAt, Reply post) {
            return recovery.apply(mark);
        }
    }

    static BotConfig config(Path dir, int channels) {
        List<BotConfig.ScheduleEntry> entries = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            entries.add(new BotConfig.ScheduleEntry("slack", "C" + i, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), i % 3 == 0 ? "quote:learning" : "advice", 0));
        }
        return Fixtures.config(dir, entries.toArray(new BotConfig.ScheduleEntry[0]));
    }

    static PostgresStateStore store(String url, Duration replicaTimeout, MutableClock clock) {
        return PostgresStateStore.open(new BotConfig.SharedState(url).withReplicaTimeout(replicaTimeout), null, clock);
    }

    static DailyScheduler scheduler(PostgresStateStore store, BotConfig config, Poster poster, MutableClock clock, List<PostOutcome> outcomes) {
        DailyScheduler s = new DailyScheduler(store.dailyPosts(config, clock), config, new DailyContent(engine.commands()), List.of(poster), clock, Fixtures.retry());
        s.addListener(outcomes::add);
        return s;
    }

    @Test
    void replicasRacingForTheSamePostsSendEachOnce(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("race");
        BotConfig config = config(dir, 60);
        MutableClock clock = new MutableClock(BEFORE);
        int replicas = 3;
        List<PostgresStateStore> stores = new ArrayList<>();
        List<DailyScheduler> schedulers = new ArrayList<>();
        List<MarkedPoster> posters = new ArrayList<>();
        List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            for (int i = 0; i < replicas; i++) {
                stores.add(store(url, Duration.ofSeconds(30), clock));
                posters.add(new MarkedPoster("replica " + i));
                schedulers.add(scheduler(stores.get(i), config, posters.get(i), clock, outcomes));
            }
            // the race is made certain, not left to thread scheduling: a replica holding its first claimed post
            // waits until the others have claimed one too, so every replica contends for the rest
            CountDownLatch everyoneClaimed = new CountDownLatch(replicas);
            posters.forEach(p -> p.firstSendsTogether = everyoneClaimed);
            clock.set(DUE.plusSeconds(5));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (DailyScheduler s : schedulers) {
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int pass = 0; pass < 5; pass++) s.runDue(clock.instant());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : runs) f.get(60, TimeUnit.SECONDS);

            Map<String, Integer> perChannel = new HashMap<>();
            posters.forEach(p -> p.sent.forEach(s -> perChannel.merge(s.channel(), 1, Integer::sum)));
            assertThat(perChannel).hasSize(60).allSatisfy((ch, n) -> assertThat(n).as(ch).isEqualTo(1));
            assertThat(outcomes).filteredOn(o -> o.status() == PostOutcome.Status.SENT).hasSize(60);
            assertThat(outcomes).as("one outcome per post, reported by the replica that sent it").hasSize(60);
            long busy = posters.stream().filter(p -> !p.sent.isEmpty()).count();
            System.out.printf("ReplicaSchedulingTest: 60 posts, %d replicas racing: %s sent by each, 0 twice%n", replicas,
                    posters.stream().map(p -> String.valueOf(p.sent.size())).toList());
            assertThat(busy).as("more than one replica won some").isGreaterThan(1);
            // the quote memory went with the claims: every learning channel remembers exactly its one quote
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("SELECT count(*) FROM quotecast_posted_quotes")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(20);
            }
        } finally {
            pool.shutdownNow();
            schedulers.forEach(DailyScheduler::close);
            stores.forEach(PostgresStateStore::close);
        }
    }

    @Test
    void aClaimLeftByAStoppedReplicaIsSettledByAnotherAsThePlatformSays(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("orphans");
        BotConfig config = config(dir, 4);
        MutableClock clock = new MutableClock(BEFORE);
        PostgresStateStore a = store(url, Duration.ofSeconds(30), clock);
        MarkedPoster pa = new MarkedPoster("A");
        DailyScheduler sa = scheduler(a, config, pa, clock, new CopyOnWriteArrayList<>());
        clock.set(DUE.plusSeconds(1));
        // A dies holding C0's claim before the send, and C1's after it; C2 went out and was recorded; C3 is untouched
        pa.crashOn = "C0";
        assertThatThrownBy(() -> sa.runDue(clock.instant())).isInstanceOf(RecordingPoster.SimulatedCrash.class);
        pa.crashOn = "C1";
        pa.crashAfterSend = true;
        assertThatThrownBy(() -> sa.runDue(clock.instant())).isInstanceOf(RecordingPoster.SimulatedCrash.class);
        pa.crashOn = null;
        assertThat(pa.sent).extracting(MarkedPoster.Sent::channel).containsExactly("C1");
        // it stops: its claims stay in the database, and it is no longer alive
        a.close();

        PostgresStateStore b = store(url, Duration.ofSeconds(30), clock);
        MarkedPoster pb = new MarkedPoster("B");
        // the platform finds C1's post (A sent it) and not C0's
        pb.recovery = m -> pa.sent.stream().anyMatch(s -> s.mark().equals(m))
                ? new Poster.Recovery.AlreadyPosted("found in the channel") : new Poster.Recovery.NotPosted("not in the channel");
        List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (DailyScheduler sb = scheduler(b, config, pb, clock, outcomes)) {
            clock.advance(Duration.ofMinutes(1));
            sb.runDue(clock.instant());
            sb.runDue(clock.instant());
            assertThat(pb.sent).extracting(MarkedPoster.Sent::channel).containsExactlyInAnyOrder("C0", "C2", "C3");
            assertThat(outcomes).extracting(o -> o.target().channel() + " " + o.status())
                    .containsExactlyInAnyOrder("C0 SENT", "C1 SENT", "C2 SENT", "C3 SENT");
            assertThat(outcomes).filteredOn(o -> o.target().channel().equals("C1")).first()
                    .satisfies(o -> assertThat(o.detail()).contains("stopped before recording it").contains("found in the channel"));
            // C0 is the quote A had chosen: the same one goes out
            assertThat(pb.sent.stream().filter(s -> s.channel().equals("C0")).findFirst().orElseThrow().reply())
                    .isInstanceOf(Reply.QuoteReply.class);
        } finally {
            b.close();
        }
    }

    @Test
    void aClaimThePlatformCannotAccountForIsReportedUnknownNotResent(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("unknown");
        BotConfig config = config(dir, 1);
        MutableClock clock = new MutableClock(BEFORE);
        PostgresStateStore a = store(url, Duration.ofSeconds(30), clock);
        MarkedPoster pa = new MarkedPoster("A");
        DailyScheduler sa = scheduler(a, config, pa, clock, new CopyOnWriteArrayList<>());
        clock.set(DUE.plusSeconds(1));
        pa.crashOn = "C0";
        pa.crashAfterSend = true;
        assertThatThrownBy(() -> sa.runDue(clock.instant())).isInstanceOf(RecordingPoster.SimulatedCrash.class);
        a.close();
        PostgresStateStore b = store(url, Duration.ofSeconds(30), clock);
        MarkedPoster pb = new MarkedPoster("B");
        pb.recovery = m -> new Poster.Recovery.CannotTell("missing_scope");
        List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (DailyScheduler sb = scheduler(b, config, pb, clock, outcomes)) {
            sb.runDue(clock.instant());
            sb.runDue(clock.instant());
            assertThat(pb.sent).isEmpty();
            assertThat(outcomes).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.UNKNOWN);
            assertThat(outcomes.get(0).detail()).contains("missing_scope").contains("not sending again");
        } finally {
            b.close();
        }
    }

    @Test
    void aLiveReplicasClaimIsLeftAloneUntilItStopsSayingItIsAlive(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("lease");
        BotConfig config = config(dir, 1);
        MutableClock clock = new MutableClock(BEFORE);
        PostgresStateStore a = store(url, Duration.ofSeconds(3), clock);
        PostgresStateStore b = store(url, Duration.ofSeconds(3), clock);
        MarkedPoster pa = new MarkedPoster("A"), pb = new MarkedPoster("B");
        pb.recovery = m -> new Poster.Recovery.NotPosted("not in the channel");
        DailyScheduler sa = scheduler(a, config, pa, clock, new CopyOnWriteArrayList<>());
        List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (DailyScheduler sb = scheduler(b, config, pb, clock, outcomes)) {
            clock.set(DUE.plusSeconds(1));
            pa.crashOn = "C0";
            assertThatThrownBy(() -> sa.runDue(clock.instant())).isInstanceOf(RecordingPoster.SimulatedCrash.class);
            // A still beats: its claim is a send in flight, and B leaves it alone
            for (int i = 0; i < 3; i++) {
                sb.runDue(clock.instant());
                Thread.sleep(300);
            }
            assertThat(pb.sent).isEmpty();
            assertThat(sb.nextDue(clock.instant())).as("looks again soon, without spinning").hasValueSatisfying(
                    t -> assertThat(t).isAfter(clock.instant()));
            // A stops beating without a goodbye (as a killed process would): after the timeout B settles it
            stopBeating(a);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (pb.sent.isEmpty() && System.nanoTime() < deadline) {
                sb.runDue(clock.instant());
                Thread.sleep(250);
            }
            assertThat(pb.sent).extracting(MarkedPoster.Sent::channel).containsExactly("C0");
            assertThat(outcomes).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT);
        } finally {
            sa.close();
            b.close();
        }
    }

    @Test
    void chatSchedulesSetThroughOneReplicaArePostedOnceByEither(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("chat");
        BotConfig config = Fixtures.config(dir);
        MutableClock clock = new MutableClock(BEFORE);
        PostgresStateStore a = store(url, Duration.ofSeconds(30), clock), b = store(url, Duration.ofSeconds(30), clock);
        MarkedPoster pa = new MarkedPoster("A"), pb = new MarkedPoster("B");
        try (DailyScheduler sa = scheduler(a, config, pa, clock, new ArrayList<>()); DailyScheduler sb = scheduler(b, config, pb, clock, new ArrayList<>())) {
            sa.setChatSchedule("slack", "CCHAT", LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), new DailyPost.TopicQuote("learning"), "U1");
            Thread.sleep(1100);   // B reads schedules at most once a second
            assertThat(sb.targets()).extracting(Target::channel).containsExactly("CCHAT");
            clock.set(DUE.plusSeconds(2));
            sb.runDue(clock.instant());
            sa.runDue(clock.instant());
            assertThat(pa.sent.size() + pb.sent.size()).isEqualTo(1);
            // the next day's quote differs: the channel's memory is shared too
            clock.set(DUE.plus(Duration.ofDays(1)).plusSeconds(2));
            sa.runDue(clock.instant());
            sb.runDue(clock.instant());
            List<MarkedPoster.Sent> all = new ArrayList<>(pa.sent);
            all.addAll(pb.sent);
            assertThat(all).hasSize(2);
            assertThat(((Reply.QuoteReply) all.get(0).reply()).quote().moment().key())
                    .isNotEqualTo(((Reply.QuoteReply) all.get(1).reply()).quote().moment().key());
            assertThat(sb.removeChatSchedule("slack", "CCHAT")).isPresent();
            Thread.sleep(1100);
            assertThat(sa.targets()).isEmpty();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void whenTheDatabaseGoesAwayNothingIsClaimedAndResultsWaitForItsReturn(@TempDir Path dir) throws Exception {
        String url = pg.newDatabase("outage");
        BotConfig config = config(dir, 2);
        MutableClock clock = new MutableClock(BEFORE);
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(url)) {
            PostgresStateStore a = store(proxy.rewrite(url), Duration.ofSeconds(30), clock);
            MarkedPoster pa = new MarkedPoster("A");
            List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
            try (DailyScheduler sa = scheduler(a, config, pa, clock, outcomes)) {
                assertThat(a.health().up()).isTrue();
                proxy.cut();
                clock.set(DUE.plusSeconds(1));
                long t0 = System.nanoTime();
                sa.runDue(clock.instant());
                assertThat((System.nanoTime() - t0) / 1_000_000).as("a pass without the database returns at once, in ms").isLessThan(3_000);
                assertThat(pa.sent).as("nothing claimed, nothing sent").isEmpty();
                assertThat(a.health().up()).isFalse();
                assertThat(a.health().problem()).hasValueSatisfying(p -> assertThat(p).contains("unreachable"));
                // it comes back: the keeper finds it within a few seconds, and the posts go out once
                proxy.restore();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pa.sent.size() < 2 && System.nanoTime() < deadline) {
                    sa.runDue(clock.instant());
                    Thread.sleep(200);
                }
                assertThat(pa.sent).hasSize(2);
                assertThat(a.health().up()).isTrue();

                // a result that cannot be written is kept, acted on, and written once the database answers
                clock.set(DUE.plus(Duration.ofDays(1)).plusSeconds(1));
                MarkedPoster cutting = pa;
                cutting.crashOn = null;
                PostState posts = a.dailyPosts(config, clock);
                PostState.Claim won = posts.claim("config:slack:C0:quote:learning", java.time.LocalDate.parse("2025-06-03"), java.util.Optional.empty(),
                        new PostRecord(PostRecord.Status.CLAIMED, 1, clock.instant(), null, "k", "", null), PostState.QuoteMemory.NONE);
                assertThat(won).isInstanceOf(PostState.Claim.Won.class);
                proxy.cut();
                PostState.Settled s = posts.settle("config:slack:C0:quote:learning", java.time.LocalDate.parse("2025-06-03"),
                        java.util.Optional.of(((PostState.Claim.Won) won).record()),
                        new PostRecord(PostRecord.Status.DONE, 1, clock.instant(), null, "k", "", null));
                assertThat(s).isInstanceOf(PostState.Settled.Pending.class);
                proxy.restore();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                String status = null;
                while (!"DONE".equals(status) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                         ResultSet r = st.executeQuery("SELECT status FROM quotecast_daily_posts WHERE target_id = 'config:slack:C0:quote:learning' AND local_date = '2025-06-03'")) {
                        status = r.next() ? r.getString(1) : null;
                    }
                }
                assertThat(status).as("written by the keeper once the database answered").isEqualTo("DONE");
            } finally {
                a.close();
            }
        }
    }

    /** Stops a store's heartbeat without its goodbye, as SIGKILL would (its claims then age out). */
    static void stopBeating(PostgresStateStore store) throws Exception {
        var f = PostgresStateStore.class.getDeclaredField("keeper");
        f.setAccessible(true);
        ((ExecutorService) f.get(store)).shutdownNow();
    }
}
