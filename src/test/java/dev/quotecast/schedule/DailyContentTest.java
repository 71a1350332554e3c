package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What daily posts say, over the real engine and the bundled transcript. */
class DailyContentTest {

    static Engine engine;

    @BeforeAll
    static void up() {
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    /** Runs the scheduler day by day at each due time, restarting it every 7 days as a deploy would. */
    private static List<Reply> days(Path state, String post, String channel, int n, RecordingPoster poster) {
        Instant start = Instant.parse("2025-02-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        var config = Fixtures.config(state, Fixtures.entry("slack", channel, "09:00", "Europe/Berlin", post));
        DailyScheduler s = new DailyScheduler(config, new DailyContent(engine.commands()), List.of(poster), clock, Fixtures.retry());
        try {
            for (int day = 0; day < n; day++) {
                if (day > 0 && day % 7 == 0) {
                    s.close();
                    s = new DailyScheduler(config, new DailyContent(engine.commands()), List.of(poster), clock, Fixtures.retry());
                }
                LocalDate date = LocalDate.parse("2025-02-01").plusDays(day);
                clock.set(Target.fireTime(date, java.time.LocalTime.of(9, 0), java.time.ZoneId.of("Europe/Berlin")));
                s.runDue(clock.instant());
            }
        } finally {
            s.close();
        }
        return poster.sentTo(channel).stream().map(RecordingPoster.Sent::reply).toList();
    }

    @Test
    void sixtyDaysOfAdviceAreWhatAdviceSaysAndDoNotRepeatUntilThePoolIsUsedUp(@TempDir Path state) {
        RecordingPoster slack = new RecordingPoster("slack");
        List<Reply> posts = days(state, "advice", "C1", 60, slack);
        assertThat(posts).hasSize(60);
        int pool = engine.content().advicePoolSize();
        assertThat(pool).isGreaterThan(1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            LocalDate date = LocalDate.parse("2025-02-01").plusDays(i);
            Reply.AdviceReply a = (Reply.AdviceReply) posts.get(i);
            assertThat(a.date()).isEqualTo(date);
            assertThat(a.random()).isFalse();
            // exactly what /advice answers for that date
            Reply same = engine.commands().handle(new Request("test", "u" + i, null, new Command.Advice(date, false), false));
            assertThat(a).isEqualTo(same);
            keys.add(a.advice().moment().key());
        }
        // The deal is a shuffle of the whole pool per cycle of `pool` days: inside a cycle no advice
        // repeats, and a complete cycle uses every advice once. Check every day of the 60.
        java.util.Map<Long, List<String>> byCycle = new java.util.TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            long cycle = Math.floorDiv(LocalDate.parse("2025-02-01").plusDays(i).toEpochDay(), pool);
            byCycle.computeIfAbsent(cycle, c -> new ArrayList<>()).add(keys.get(i));
        }
        int complete = 0;
        for (List<String> run : byCycle.values()) {
            assertThat(new HashSet<>(run)).as("one cycle of the deal").hasSize(run.size());
            if (run.size() == pool) complete++;
        }
        assertThat(complete).isGreaterThan(0);
        assertThat(new HashSet<>(keys)).hasSize(Math.min(pool, 60));
        System.out.printf("advice pool %d; 60 days gave %d distinct advices in %d cycles%n", pool, new HashSet<>(keys).size(), byCycle.size());
    }

    @Test
    void topicQuotesAreNotRepeatedInAChannelUntilUsedUpThenStartOver(@TempDir Path state) {
        List<String> all = engine.commands().quotes("learning").stream().map(q -> q.moment().key()).toList();
        assertThat(all.size()).isGreaterThan(2);
        int n = all.size() + 3;
        RecordingPoster slack = new RecordingPoster("slack");
        List<Reply> posts = days(state, "quote:learning", "C9", n, slack);
        assertThat(posts).hasSize(n);
        List<String> keys = posts.stream().map(r -> ((Reply.QuoteReply) r).quote().moment().key()).toList();
        // the first round is every quote once, best first; the next round starts over at the best
        assertThat(keys.subList(0, all.size())).containsExactlyElementsOf(all);
        assertThat(keys.subList(all.size(), n)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(posts).allMatch(r -> !((Reply.QuoteReply) r).hasMore());
    }

    @Test
    void eachChannelHasItsOwnMemoryOfQuotes(@TempDir Path state) {
        Instant start = Instant.parse("2025-02-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        RecordingPoster slack = new RecordingPoster("slack");
        RecordingPoster discord = new RecordingPoster("discord");
        var config = Fixtures.config(state, Fixtures.entry("slack", "C1", "09:00", "Europe/Berlin", "quote:learning"),
                Fixtures.entry("discord", "123456", "09:00", "America/New_York", "quote:learning"));
        try (DailyScheduler s = new DailyScheduler(config, new DailyContent(engine.commands()), List.of(slack, discord), clock, Fixtures.retry())) {
            FireTimeTest.drive(s, clock, start.plus(Duration.ofDays(3)));
        }
        Set<String> a = new HashSet<>(), b = new HashSet<>();
        slack.sent.forEach(x -> a.add(((Reply.QuoteReply) x.reply()).quote().moment().key()));
        discord.sent.forEach(x -> b.add(((Reply.QuoteReply) x.reply()).quote().moment().key()));
        assertThat(a).hasSize(3).isEqualTo(b);
    }

    @Test
    void aTopicWithNoQuotesIsSkippedAndSaysWhy(@TempDir Path state) {
        MutableClock clock = new MutableClock(Instant.parse("2025-02-01T00:00:00Z"));
        RecordingPoster slack = new RecordingPoster("slack");
        List<PostOutcome> seen = new ArrayList<>();
        try (DailyScheduler s = new DailyScheduler(Fixtures.config(state, Fixtures.entry("slack", "C1", "09:00", "Europe/Berlin", "quote:zyxwvutsrq")),
                new DailyContent(engine.commands()), List.of(slack), clock, Fixtures.retry())) {
            s.addListener(seen::add);
            clock.set(Instant.parse("2025-02-01T08:00:00Z"));
            s.runDue(clock.instant());
        }
        assertThat(slack.sent).isEmpty();
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(PostOutcome.Status.SKIPPED);
            assertThat(o.detail()).contains("no quote about 'zyxwvutsrq'");
        });
    }
}
