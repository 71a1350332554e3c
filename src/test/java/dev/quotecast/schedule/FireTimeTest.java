package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local times in IANA zones, including both DST transitions of Berlin and New York. */
class FireTimeTest {

    static Engine engine;

    @BeforeAll
    static void up() {
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @CsvSource({
            // ordinary days, winter and summer
            "2025-01-15, 09:00, Europe/Berlin,       2025-01-15T08:00:00Z",
            "2025-07-15, 09:00, Europe/Berlin,       2025-07-15T07:00:00Z",
            "2025-01-15, 08:30, America/New_York,    2025-01-15T13:30:00Z",
            "2025-07-15, 08:30, America/New_York,    2025-07-15T12:30:00Z",
            "2025-07-15, 09:00, Asia/Kolkata,        2025-07-15T03:30:00Z",
            "2025-07-15, 09:00, UTC,                 2025-07-15T09:00:00Z",
            "2025-07-15, 23:45, Pacific/Auckland,    2025-07-15T11:45:00Z",
            // Berlin spring forward (2025-03-30, 02:00 CET -> 03:00 CEST): the gap posts at 03:00
            "2025-03-29, 09:00, Europe/Berlin,       2025-03-29T08:00:00Z",
            "2025-03-30, 09:00, Europe/Berlin,       2025-03-30T07:00:00Z",
            "2025-03-30, 02:30, Europe/Berlin,       2025-03-30T01:00:00Z",
            "2025-03-30, 02:00, Europe/Berlin,       2025-03-30T01:00:00Z",
            "2025-03-30, 02:59, Europe/Berlin,       2025-03-30T01:00:00Z",
            "2025-03-30, 03:00, Europe/Berlin,       2025-03-30T01:00:00Z",
            "2025-03-30, 01:59, Europe/Berlin,       2025-03-30T00:59:00Z",
            // Berlin fall back (2025-10-26, 03:00 CEST -> 02:00 CET): 02:30 twice, the first one counts
            "2025-10-26, 02:30, Europe/Berlin,       2025-10-26T00:30:00Z",
            "2025-10-26, 09:00, Europe/Berlin,       2025-10-26T08:00:00Z",
            "2025-10-25, 09:00, Europe/Berlin,       2025-10-25T07:00:00Z",
            // New York spring forward (2025-03-09, 02:00 EST -> 03:00 EDT)
            "2025-03-09, 02:30, America/New_York,    2025-03-09T07:00:00Z",
            "2025-03-08, 08:30, America/New_York,    2025-03-08T13:30:00Z",
            "2025-03-09, 08:30, America/New_York,    2025-03-09T12:30:00Z",
            // New York fall back (2025-11-02, 02:00 EDT -> 01:00 EST): 01:30 twice, the first one counts
            "2025-11-02, 01:30, America/New_York,    2025-11-02T05:30:00Z",
            "2025-11-01, 08:30, America/New_York,    2025-11-01T12:30:00Z",
            "2025-11-02, 08:30, America/New_York,    2025-11-02T13:30:00Z",
            // southern hemisphere: Sydney springs forward in October
            "2025-10-05, 02:15, Australia/Sydney,    2025-10-04T16:00:00Z",
            "2025-04-06, 02:30, Australia/Sydney,    2025-04-05T15:30:00Z",
    })
    void fireTime(LocalDate date, LocalTime at, String zone, Instant expected) {
        assertThat(Target.fireTime(date, at, ZoneId.of(zone))).isEqualTo(expected);
    }

    /** Drives the scheduler the way its loop does: jump to the next due instant, run what is due. */
    static List<PostOutcome> drive(DailyScheduler s, MutableClock clock, Instant end) {
        List<PostOutcome> seen = new ArrayList<>();
        s.addListener(seen::add);
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<Instant> next = s.nextDue(clock.instant());
            if (next.isEmpty() || next.get().isAfter(end)) break;
            clock.set(next.get());
            s.runDue(next.get());
        }
        return seen;
    }

    @Test
    void berlinAtTheGapHourPostsOncePerDayAcrossBothTransitions(@TempDir Path state) {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-27T12:00:00Z"));
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = new DailyScheduler(Fixtures.config(state, Fixtures.entry("slack", "C1", "02:30", "Europe/Berlin", "advice")),
                new DailyContent(engine.commands()), List.of(slack), clock, Fixtures.retry())) {
            List<PostOutcome> spring = drive(s, clock, Instant.parse("2025-04-01T12:00:00Z"));
            assertThat(spring).allMatch(o -> o.status() == PostOutcome.Status.SENT);
            assertThat(spring).extracting(PostOutcome::at).containsExactly(
                    Instant.parse("2025-03-28T01:30:00Z"), Instant.parse("2025-03-29T01:30:00Z"),
                    Instant.parse("2025-03-30T01:00:00Z"), // 03:00 CEST, the first minute after the gap
                    Instant.parse("2025-03-31T00:30:00Z"), Instant.parse("2025-04-01T00:30:00Z"));

            clock.set(Instant.parse("2025-10-24T12:00:00Z"));
            int before = slack.sent.size();
            List<PostOutcome> autumn = drive(s, clock, Instant.parse("2025-10-28T12:00:00Z"));
            // the days in between were missed "while down" (the clock jumped): skipped, not sent
            assertThat(autumn.stream().filter(o -> o.status() == PostOutcome.Status.SENT).map(PostOutcome::at)).containsExactly(
                    Instant.parse("2025-10-25T00:30:00Z"), Instant.parse("2025-10-26T00:30:00Z"),
                    Instant.parse("2025-10-27T01:30:00Z"), Instant.parse("2025-10-28T01:30:00Z"));
            assertThat(slack.sent.size() - before).isEqualTo(4);
        }
    }

    @Test
    void fallBackDayPostsOnceEvenWhenPolledEveryMinuteThroughTheRepeatedHour(@TempDir Path state) {
        MutableClock clock = new MutableClock(Instant.parse("2025-11-01T00:00:00Z"));
        RecordingPoster discord = new RecordingPoster("discord");
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = new DailyScheduler(Fixtures.config(state,
                Fixtures.entry("discord", "111111", "01:30", "America/New_York", "advice"),
                Fixtures.entry("slack", "C2", "02:30", "Europe/Berlin", "advice")),
                new DailyContent(engine.commands()), List.of(discord, slack), clock, Fixtures.retry())) {
            List<PostOutcome> seen = new ArrayList<>();
            s.addListener(seen::add);
            // Berlin repeats 02:00-03:00 local on 2025-10-26, New York 01:00-02:00 local on 2025-11-02.
            for (Instant t = Instant.parse("2025-11-02T03:00:00Z"); t.isBefore(Instant.parse("2025-11-02T09:00:00Z")); t = t.plusSeconds(60)) {
                clock.set(t);
                s.runDue(t);
            }
            assertThat(discord.sent).hasSize(1);
            assertThat(seen).filteredOn(o -> o.target().platform().equals("discord") && o.status() == PostOutcome.Status.SENT)
                    .extracting(PostOutcome::at).containsExactly(Instant.parse("2025-11-02T05:30:00Z"));
            // the previous day came and went before the first pass: reported as missed, never sent late
            assertThat(seen).filteredOn(o -> o.target().platform().equals("discord") && o.status() == PostOutcome.Status.SKIPPED)
                    .extracting(PostOutcome::date).containsExactly(LocalDate.parse("2025-11-01"));
        }
        MutableClock berlin = new MutableClock(Instant.parse("2025-10-25T12:00:00Z"));
        RecordingPoster slack2 = new RecordingPoster("slack");
        try (DailyScheduler s = new DailyScheduler(Fixtures.config(state.resolve("b"), Fixtures.entry("slack", "C2", "02:30", "Europe/Berlin", "advice")),
                new DailyContent(engine.commands()), List.of(slack2), berlin, Fixtures.retry())) {
            for (Instant t = Instant.parse("2025-10-25T22:00:00Z"); t.isBefore(Instant.parse("2025-10-26T04:00:00Z")); t = t.plusSeconds(60)) {
                berlin.set(t);
                s.runDue(t);
            }
            assertThat(slack2.sent).hasSize(1);
        }
    }

    @Test
    void nextDueIsTheEarliestTargetAcrossZones(@TempDir Path state) {
        MutableClock clock = new MutableClock(Instant.parse("2025-07-15T00:00:00Z"));
        try (DailyScheduler s = new DailyScheduler(Fixtures.config(state,
                Fixtures.entry("slack", "C1", "09:00", "Europe/Berlin", "advice"),     // 07:00Z
                Fixtures.entry("slack", "C2", "09:00", "Asia/Kolkata", "advice"),      // 03:30Z
                Fixtures.entry("slack", "C3", "08:30", "America/New_York", "advice")), // 12:30Z
                new DailyContent(engine.commands()), List.of(new RecordingPoster("slack")), clock, Fixtures.retry())) {
            assertThat(s.nextDue(clock.instant())).contains(Instant.parse("2025-07-15T03:30:00Z"));
            clock.set(Instant.parse("2025-07-15T03:30:00Z"));
            s.runDue(clock.instant());
            assertThat(s.nextDue(clock.instant())).contains(Instant.parse("2025-07-15T07:00:00Z"));
            clock.set(Instant.parse("2025-07-15T13:00:00Z"));
            s.runDue(clock.instant());
            assertThat(s.nextDue(clock.instant())).contains(Instant.parse("2025-07-16T03:30:00Z"));
        }
    }

    @Test
    void retryDelaysDoubleUpToTheCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofSeconds(30), Duration.ofMinutes(3));
        assertThat(List.of(p.delayAfter(1), p.delayAfter(2), p.delayAfter(3), p.delayAfter(4), p.delayAfter(5)))
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMinutes(3), Duration.ofMinutes(3));
    }
}
