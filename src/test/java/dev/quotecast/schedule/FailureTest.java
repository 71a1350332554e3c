package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform errors: retried with backoff, then given up, logged by name; other targets unaffected. */
class FailureTest {

    static Engine engine;
    static final Instant DUE = Instant.parse("2025-06-02T07:00:00Z"); // 09:00 Berlin

    @BeforeAll
    static void up() {
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    private static DailyScheduler open(Path state, MutableClock clock, List<PostOutcome> seen, Poster... posters) {
        DailyScheduler s = new DailyScheduler(Fixtures.config(state,
                Fixtures.entry("slack", "CBAD", "09:00", "Europe/Berlin", "quote:learning"),
                Fixtures.entry("slack", "CGOOD", "09:00", "Europe/Berlin", "advice"),
                Fixtures.entry("discord", "222222", "09:00", "Europe/Berlin", "advice")),
                new DailyContent(engine.commands()), List.of(posters), clock, Fixtures.retry());
        s.addListener(seen::add);
        return s;
    }

    @Test
    void retryableFailuresBackOffThenGiveUpWhileOthersPostOnTime(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack").always("CBAD", RecordingPoster.Behaviour.RETRYABLE);
        RecordingPoster discord = new RecordingPoster("discord");
        List<PostOutcome> seen = new ArrayList<>();
        var logs = Fixtures.captureLogs(DailyScheduler.class);
        try (DailyScheduler s = open(state, clock, seen, slack, discord)) {
            clock.set(DUE);
            s.runDue(DUE);
            assertThat(slack.sentTo("CGOOD")).hasSize(1);
            assertThat(discord.sent).hasSize(1);
            assertThat(s.nextDue(DUE)).contains(DUE.plusSeconds(30));

            clock.set(DUE.plusSeconds(29));
            s.runDue(clock.instant());
            assertThat(slack.attempts).filteredOn("CBAD"::equals).hasSize(1);

            clock.set(DUE.plusSeconds(30));
            s.runDue(clock.instant());
            assertThat(slack.attempts).filteredOn("CBAD"::equals).hasSize(2);
            assertThat(s.nextDue(clock.instant())).contains(DUE.plusSeconds(30 + 60));

            clock.set(DUE.plusSeconds(90));
            s.runDue(clock.instant());
            assertThat(slack.attempts).filteredOn("CBAD"::equals).hasSize(3); // the policy's last attempt

            clock.set(DUE.plus(Duration.ofHours(1)));
            s.runDue(clock.instant());
            assertThat(slack.attempts).filteredOn("CBAD"::equals).hasSize(3);
            // tomorrow the failing channel is tried again; the others still post
            clock.set(DUE.plus(Duration.ofDays(1)));
            s.runDue(clock.instant());
            assertThat(slack.sentTo("CGOOD")).hasSize(2);
            assertThat(discord.sent).hasSize(2);
        } finally {
            Fixtures.stopCapture(DailyScheduler.class, logs);
        }
        List<PostOutcome> bad = seen.stream().filter(o -> o.target().channel().equals("CBAD") && o.date().toString().equals("2025-06-02")).toList();
        assertThat(bad).extracting(PostOutcome::status).containsExactly(
                PostOutcome.Status.RETRYING, PostOutcome.Status.RETRYING, PostOutcome.Status.FAILED);
        assertThat(bad).extracting(PostOutcome::attempt).containsExactly(1, 2, 3);
        assertThat(bad.get(2).detail()).contains("gave up after 3 attempts").contains("ratelimited");
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.startsWith("ERROR") && m.contains("slack:CBAD 09:00 Europe/Berlin quote:learning") && m.contains("ratelimited"));
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.startsWith("WARN") && m.contains("slack:CBAD") && m.contains("will retry"));
    }

    @Test
    void aRetryThatSucceedsPostsTheSameQuoteOnce(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack").script("CBAD", RecordingPoster.Behaviour.RETRYABLE, RecordingPoster.Behaviour.RETRYABLE);
        List<PostOutcome> seen = new ArrayList<>();
        try (DailyScheduler s = open(state, clock, seen, slack, new RecordingPoster("discord"))) {
            for (int sec : new int[] {0, 30, 90, 200, 400}) {
                clock.set(DUE.plusSeconds(sec));
                s.runDue(clock.instant());
            }
        }
        assertThat(slack.sentTo("CBAD")).hasSize(1);
        assertThat(seen).filteredOn(o -> o.target().channel().equals("CBAD")).extracting(PostOutcome::status)
                .containsExactly(PostOutcome.Status.RETRYING, PostOutcome.Status.RETRYING, PostOutcome.Status.SENT);
        String best = engine.commands().quotes("learning").get(0).moment().key();
        assertThat(((Reply.QuoteReply) slack.sentTo("CBAD").get(0).reply()).quote().moment().key()).isEqualTo(best);
    }

    @Test
    void aPendingRetrySurvivesARestart(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack").script("CBAD", RecordingPoster.Behaviour.RETRYABLE);
        try (DailyScheduler s = open(state, clock, new ArrayList<>(), slack, new RecordingPoster("discord"))) {
            clock.set(DUE);
            s.runDue(DUE);
        }
        assertThat(slack.sentTo("CBAD")).isEmpty();
        List<PostOutcome> seen = new ArrayList<>();
        clock.set(DUE.plusSeconds(45));
        try (DailyScheduler s = open(state, clock, seen, slack, new RecordingPoster("discord"))) {
            s.runDue(clock.instant());
            s.runDue(clock.instant().plusSeconds(600));
        }
        // a refused attempt is a known failure, so retrying it after the restart is safe
        assertThat(slack.sentTo("CBAD")).hasSize(1);
        assertThat(slack.sentTo("CGOOD")).hasSize(1);
        assertThat(seen).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT);
        assertThat(seen.get(0).attempt()).isEqualTo(2);
    }

    @Test
    void nonRetryableAndUnexpectedErrorsFailOnceAndDoNotStopOthers(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack").script("CBAD", RecordingPoster.Behaviour.FATAL);
        RecordingPoster discord = new RecordingPoster("discord").script("222222", RecordingPoster.Behaviour.BUG);
        List<PostOutcome> seen = new ArrayList<>();
        var logs = Fixtures.captureLogs(DailyScheduler.class);
        try (DailyScheduler s = open(state, clock, seen, slack, discord)) {
            clock.set(DUE);
            s.runDue(DUE);
            clock.set(DUE.plus(Duration.ofMinutes(5)));
            s.runDue(clock.instant());
        } finally {
            Fixtures.stopCapture(DailyScheduler.class, logs);
        }
        assertThat(slack.attempts).filteredOn("CBAD"::equals).hasSize(1);
        assertThat(slack.sentTo("CGOOD")).hasSize(1);
        assertThat(seen).filteredOn(o -> o.status() == PostOutcome.Status.FAILED).hasSize(2);
        assertThat(seen).filteredOn(o -> o.status() == PostOutcome.Status.SENT).hasSize(1);
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.contains("slack:CBAD 09:00 Europe/Berlin") && m.contains("channel_not_found"));
    }

    @Test
    void aPlatformWithoutAPosterIsSkippedAndLoggedOnce(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack");
        List<PostOutcome> seen = new ArrayList<>();
        var logs = Fixtures.captureLogs(DailyScheduler.class);
        try (DailyScheduler s = open(state, clock, seen, slack)) {
            for (int d = 0; d < 2; d++) {
                clock.set(DUE.plus(Duration.ofDays(d)));
                s.runDue(clock.instant());
                s.runDue(clock.instant().plusSeconds(60));
            }
        } finally {
            Fixtures.stopCapture(DailyScheduler.class, logs);
        }
        assertThat(slack.sent).hasSize(4);
        assertThat(seen).filteredOn(o -> o.target().platform().equals("discord"))
                .extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SKIPPED, PostOutcome.Status.SKIPPED);
        assertThat(Fixtures.messages(logs)).filteredOn(m -> m.contains("no discord poster")).hasSize(1);
    }

    @Test
    void aThrowingListenerDoesNotStopPosting(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(12)));
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = open(state, clock, new ArrayList<>(), slack, new RecordingPoster("discord"))) {
            s.addListener(o -> { throw new IllegalStateException("metrics broke"); });
            clock.set(DUE);
            s.runDue(DUE);
        }
        assertThat(slack.sent).hasSize(2);
    }
}
