package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code daily ...} from chat, through the engine's shared commands wired as {@code Main.Run}
 * does: a {@link DeferredDailyHandler} in the engine, the scheduler's handler set into it.
 */
class DailyCommandsTest {

    /** 10:00 in Berlin on a summer Monday. */
    static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");
    static final MutableClock clock = new MutableClock(NOW);
    static final DeferredDailyHandler daily = new DeferredDailyHandler();
    static final AtomicInteger users = new AtomicInteger();
    static Engine engine;

    @TempDir
    Path state;
    DailyScheduler scheduler;
    final RecordingPoster slack = new RecordingPoster("slack");
    final RecordingPoster discord = new RecordingPoster("discord");

    @BeforeAll
    static void up() {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))), clock, daily);
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    @AfterEach
    void close() {
        if (scheduler != null) scheduler.close();
    }

    private BotConfig config() {
        return Fixtures.config(state, Fixtures.entry("slack", "CCONF", "08:30", "America/New_York", "quote:learning"));
    }

    private DailyScheduler open() {
        if (scheduler != null) scheduler.close();
        scheduler = new DailyScheduler(config(), new DailyContent(engine.commands()), List.of(slack, discord), clock, Fixtures.retry());
        daily.set(scheduler.chatCommands());
        return scheduler;
    }

    /** Slack's {@code /quote daily ...}: a fresh user each time, so the shared rate limit never interferes. */
    private static Reply slack(String channel, String text, boolean admin) {
        return engine.commands().handle(new Request("slack", "U" + users.incrementAndGet(), channel, engine.parser().parseSlash("/quote", text), admin));
    }

    /** Discord's {@code /daily time: zone: post:}, which the adapter turns into {@code daily TIME ZONE POST}. */
    private static Reply discord(String channel, String text, boolean admin) {
        return engine.commands().handle(new Request("discord", "D" + users.incrementAndGet(), channel, engine.parser().parseSlash("/daily", text), admin));
    }

    private static String text(Reply r) {
        if (r instanceof Reply.Info i) return i.message();
        if (r instanceof Reply.Error e) return e.message();
        throw new AssertionError("unexpected reply " + r);
    }

    @Test
    void beforeTheSchedulerExistsTheCommandSaysSo() {
        DeferredDailyHandler fresh = new DeferredDailyHandler();
        Reply r = fresh.handle(new Request("slack", "U1", "C1", null, true), new dev.quotecast.bot.Command.Daily("list"));
        assertThat(text(r)).contains("starting up");
    }

    @Test
    void anAdminSetsADailyPostAndItPostsAtItsLocalTimeFromTomorrow() {
        clock.set(NOW);
        open();
        Reply r = slack("C7", "daily 09:00 Europe/Berlin", true);
        assertThat(r).isInstanceOf(Reply.Info.class);
        assertThat(text(r)).contains("the advice of the day").contains("every day at 09:00 Europe/Berlin")
                .contains("Next: Tue 3 Jun 09:00 CEST");
        assertThat(scheduler.targets()).filteredOn(t -> t.origin() == Target.Origin.CHAT).singleElement().satisfies(t -> {
            assertThat(t.platform()).isEqualTo("slack");
            assertThat(t.channel()).isEqualTo("C7");
            assertThat(t.at()).isEqualTo(LocalTime.of(9, 0));
            assertThat(t.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        });
        // it is 10:00 in Berlin: today's 09:00 is not owed; tomorrow's is
        scheduler.runDue(NOW);
        assertThat(slack.sentTo("C7")).isEmpty();
        clock.set(Instant.parse("2025-06-03T07:00:00Z"));
        scheduler.runDue(clock.instant());
        assertThat(slack.sentTo("C7")).hasSize(1);
        assertThat(slack.sentTo("C7").get(0).reply()).isInstanceOf(Reply.AdviceReply.class);
    }

    @Test
    void aTimeLaterTodayPostsToday() {
        clock.set(NOW);
        open();
        assertThat(discord("555", "11:00 Europe/Berlin quote learning", true)).isInstanceOf(Reply.Info.class);
        clock.set(NOW.plus(Duration.ofHours(1)));
        scheduler.runDue(clock.instant());
        assertThat(discord.sentTo("555")).singleElement().satisfies(s -> assertThat(s.reply()).isInstanceOf(Reply.QuoteReply.class));
    }

    @Test
    void changesNeedAnAdminButListingDoesNot() {
        clock.set(NOW);
        open();
        for (String cmd : List.of("daily 09:00 Europe/Berlin", "daily off", "daily 07:00 UTC quote:learning")) {
            Reply r = slack("C7", cmd, false);
            assertThat(r).as(cmd).isInstanceOfSatisfying(Reply.Error.class, e -> {
                assertThat(e.kind()).isEqualTo(Reply.Error.Kind.FORBIDDEN);
                assertThat(e.message()).contains("Manage Channels");
            });
        }
        assertThat(discord("9", "09:00 Europe/Berlin", false)).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.kind()).isEqualTo(Reply.Error.Kind.FORBIDDEN));
        assertThat(scheduler.targets()).hasSize(1);
        assertThat(slack("CCONF", "daily list", false)).isInstanceOf(Reply.Info.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "daily 9am Europe/Berlin                  | '9am' is not a time: use 24-hour HH:MM",
            "daily 25:00 Europe/Berlin                | '25:00' is not a time",
            "daily 09:00                              | Which time zone? Add an IANA name after the time, like `daily 09:00 Europe/Berlin`",
            "daily 09:00 Berlin                       | 'Berlin' is not a time zone I know: use an IANA name like Europe/Berlin",
            "daily 09:00 Mars/Olympus                 | 'Mars/Olympus' is not a time zone",
            "daily 09:00 Europe/Berlin gossip         | 'gossip' is not something I can post daily: use advice or quote:TOPIC",
            "daily 09:00 Europe/Berlin quote:         | A quote post needs a topic, like quote:habits",
            "daily 09:00 Europe/Berlin quote          | A quote post needs a topic",
            "daily 09:00 Europe/Berlin quote:zqxjvkw  | I have no quotes about 'zqxjvkw'",
            "daily 09:00 Europe/Berlin quote:a<b>     | A topic is plain words",
            "daily off now                            | `daily off` takes nothing after it",
    })
    void badInputGetsAMessageNamingWhatIsWrong(String command, String expected) {
        clock.set(NOW);
        open();
        Reply r = slack("C7", command, true);
        assertThat(r).isInstanceOfSatisfying(Reply.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(Reply.Error.Kind.BAD_REQUEST);
            assertThat(e.message()).contains(expected.trim());
        });
        assertThat(scheduler.targets()).hasSize(1);
    }

    @Test
    void echoedInputCannotPingAnyone() {
        clock.set(NOW);
        open();
        String m = text(slack("C7", "daily 09:00 @everyone&<!channel>", true));
        assertThat(m).contains("is not a time zone").doesNotContain("@everyone").doesNotContain("<!channel>").doesNotContain("<");
        String t = text(slack("C7", "daily @here Europe/Berlin", true));
        assertThat(t).contains("is not a time").doesNotContain("@here");
    }

    @Test
    void zonesAreUnderstoodWhateverTheirCaseAndShownCanonically() {
        clock.set(NOW);
        open();
        assertThat(text(slack("C7", "daily 07:15 america/new_york", true))).contains("07:15 America/New_York");
    }

    @Test
    void noChannelNoSchedule() {
        clock.set(NOW);
        open();
        Reply r = engine.commands().handle(new Request("console", "me", null, engine.parser().parse("daily 09:00 Europe/Berlin"), true));
        assertThat(text(r)).contains("belong to a channel");
        Reply list = engine.commands().handle(new Request("console", "me", null, engine.parser().parse("daily list"), true));
        assertThat(text(list)).contains("Daily posts:").contains("in slack CCONF");
    }

    @Test
    void settingAgainReplacesAndOffRemovesOnlyTheChatSchedule() {
        clock.set(NOW);
        open();
        slack("CCONF", "daily 09:00 Europe/Berlin", true);
        String again = text(slack("CCONF", "daily 10:30 Europe/Berlin quote:learning", true));
        assertThat(again).contains("a quote about learning").contains("This replaces the advice of the day at 09:00 Europe/Berlin");
        String list = text(slack("CCONF", "daily list", false));
        assertThat(list).contains("Daily posts in this channel:")
                .contains("08:30 America/New_York: a quote about learning (from the configuration)")
                .contains("10:30 Europe/Berlin: a quote about learning (set in chat)")
                .doesNotContain("09:00");
        String off = text(slack("CCONF", "daily off", true));
        assertThat(off).contains("Stopped").contains("comes from the bot's configuration and stays");
        assertThat(scheduler.targets()).extracting(Target::origin).containsExactly(Target.Origin.CONFIG);
        assertThat(text(slack("CCONF", "daily off", true))).contains("There is no daily post set from chat in this channel");
        assertThat(text(slack("C-empty", "daily list", false))).contains("There are no daily posts in this channel");
    }

    @Test
    void chatSchedulesSurviveARestartAndConfigOnesAreNeverOverwritten() throws Exception {
        clock.set(NOW);
        open();
        slack("C7", "daily 09:00 Europe/Berlin", true);
        discord("777", "08:00 America/New_York quote:learning", true);
        open(); // restart
        assertThat(scheduler.targets()).extracting(Target::name).containsExactly(
                "slack:CCONF 08:30 America/New_York quote:learning (config)",
                "slack:C7 09:00 Europe/Berlin advice (chat)",
                "discord:777 08:00 America/New_York quote:learning (chat)");
        assertThat(text(discord("777", "list", false))).contains("08:00 America/New_York: a quote about learning (set in chat)");
        discord("777", "off", true);
        open(); // restart again
        assertThat(scheduler.targets()).extracting(Target::channel).containsExactly("CCONF", "C7");

        // a damaged schedules file loses only chat schedules (kept in the backup), never the config ones
        Files.writeString(state.resolve(DailyScheduler.SCHEDULES_FILE), "{\"version\":1,\"schedules\":[{\"platform\":\"slack\"");
        open();
        assertThat(scheduler.targets()).extracting(Target::origin).containsExactly(Target.Origin.CONFIG);
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(DailyScheduler.SCHEDULES_FILE + ".corrupt-"));
        }
    }

    @Test
    void aDamagedLedgerNeverLeadsToASecondChatPost() throws Exception {
        clock.set(NOW); // 10:00 Berlin
        open();
        slack("C7", "daily 10:30 Europe/Berlin", true);
        clock.set(NOW.plus(Duration.ofMinutes(30)));
        scheduler.runDue(clock.instant());
        assertThat(slack.sentTo("C7")).hasSize(1);
        scheduler.close();
        scheduler = null;
        Files.writeString(state.resolve(DailyScheduler.LEDGER_FILE), "not json");
        clock.set(NOW.plus(Duration.ofMinutes(45))); // within the catch-up window of today's 10:30
        open();
        scheduler.runDue(clock.instant());
        assertThat(slack.sentTo("C7")).hasSize(1);
        clock.set(NOW.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
        scheduler.runDue(clock.instant());
        assertThat(slack.sentTo("C7")).hasSize(2);
    }

    @Test
    void theRealLoopCatchesUpAtStartOnItsOwnThread() throws Exception {
        // production set-up: system clock, the scheduler's own thread. The ledger says the bot has
        // known this target for a day, and its time was this very minute: start() must post it.
        Clock system = Clock.systemUTC();
        Instant now = system.instant();
        LocalTime thisMinute = LocalTime.ofInstant(now, ZoneId.of("UTC")).withSecond(0).withNano(0);
        Path dir = state.resolve("loop");
        Files.createDirectories(dir);
        String id = "config:slack:CL:advice";
        Files.writeString(dir.resolve(DailyScheduler.LEDGER_FILE),
                "{\"version\":1,\"knownSince\":{\"" + id + "\":\"" + now.minus(Duration.ofDays(1)) + "\"}}");
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Poster latch = new Poster() {
            @Override
            public String platform() {
                return "slack";
            }

            @Override
            public void post(String channel, Reply reply) {
                threads.add(Thread.currentThread().getName());
                sent.countDown();
            }
        };
        DailyScheduler s = new DailyScheduler(Fixtures.config(dir, Fixtures.entry("slack", "CL", thisMinute.toString(), "UTC", "advice")),
                new DailyContent(engine.commands()), List.of(latch), system, Fixtures.retry());
        try {
            s.start();
            assertThat(sent.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("posted by the loop").isTrue();
            assertThat(threads).containsExactly("daily-scheduler");
            // next due is tomorrow's once the loop has recorded the post (just after post() returns;
            // asserting at once raced it: seen failing once in CI): it sleeps instead of spinning
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && !s.nextDue(system.instant()).map(t -> t.isAfter(system.instant().plus(Duration.ofHours(23))))
                    .orElse(false)) {
                Thread.sleep(10);
            }
            assertThat(s.nextDue(system.instant())).hasValueSatisfying(t -> assertThat(t).isAfter(system.instant().plus(Duration.ofHours(23))));
        } finally {
            long t0 = System.nanoTime();
            s.close();
            // closing does not wait for the next planned wake-up
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
