package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restart at every point of claim, send and done never gives a second post; posts missed while
 * down are caught up inside the window and skipped outside it.
 */
class ExactlyOnceTest {

    static Engine engine;
    /** 09:00 Berlin on 2025-06-02 (CEST). */
    static final Instant DUE = Instant.parse("2025-06-02T07:00:00Z");
    static final Instant BEFORE = Instant.parse("2025-06-01T20:00:00Z");

    @BeforeAll
    static void up() {
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    private static BotConfig config(Path state) {
        return Fixtures.config(state, Fixtures.entry("slack", "C1", "09:00", "Europe/Berlin", "quote:learning"));
    }

    private static DailyScheduler open(Path state, MutableClock clock, RecordingPoster poster, List<PostOutcome> outcomes) {
        DailyScheduler s = new DailyScheduler(config(state), new DailyContent(engine.commands()), List.of(poster), clock, Fixtures.retry());
        s.addListener(outcomes::add);
        return s;
    }

    /** Where the first process dies. */
    enum CrashPoint { NONE_BEFORE_DUE, MID_CLAIM_WRITE, AFTER_CLAIM_BEFORE_SEND, AFTER_SEND_BEFORE_DONE, AFTER_DONE }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void restartAtEveryPointGivesAtMostOnePost(CrashPoint point, @TempDir Path state) throws Exception {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        List<PostOutcome> outcomes = new ArrayList<>();
        DailyScheduler first = open(state, clock, slack, outcomes);
        clock.set(DUE);
        switch (point) {
            case NONE_BEFORE_DUE -> { } // the process was down at 09:00: nothing claimed
            case MID_CLAIM_WRITE -> {
                // died after writing the temp file, before the rename: the old ledger is the truth
                Files.writeString(state.resolve(DailyScheduler.LEDGER_FILE + ".tmp-crashed"), "{\"half\":");
            }
            case AFTER_CLAIM_BEFORE_SEND -> {
                slack.script("C1", RecordingPoster.Behaviour.CRASH_BEFORE_SEND);
                assertThatThrownBy(() -> first.runDue(DUE)).isInstanceOf(RecordingPoster.SimulatedCrash.class);
            }
            case AFTER_SEND_BEFORE_DONE -> {
                slack.script("C1", RecordingPoster.Behaviour.CRASH_AFTER_SEND);
                assertThatThrownBy(() -> first.runDue(DUE)).isInstanceOf(RecordingPoster.SimulatedCrash.class);
            }
            case AFTER_DONE -> first.runDue(DUE);
        }
        int sentBeforeRestart = slack.sent.size();
        first.close(); // releases the folder lock, as the OS does when a process dies; writes nothing

        clock.set(DUE.plus(Duration.ofMinutes(10)));
        List<PostOutcome> after = new ArrayList<>();
        try (DailyScheduler second = open(state, clock, slack, after)) {
            second.runDue(clock.instant());
            second.runDue(clock.instant()); // and a second pass changes nothing
            switch (point) {
                case NONE_BEFORE_DUE, MID_CLAIM_WRITE -> {
                    // nothing had been sent: the restart catches the post up, once
                    assertThat(slack.sent).hasSize(1);
                    assertThat(after).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT);
                }
                case AFTER_CLAIM_BEFORE_SEND, AFTER_SEND_BEFORE_DONE -> {
                    // a claim without a result: unknown outcome, reported, never resent
                    assertThat(slack.sent).hasSize(sentBeforeRestart);
                    assertThat(after).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.UNKNOWN);
                    assertThat(after.get(0).detail()).contains("not sending again");
                }
                case AFTER_DONE -> {
                    assertThat(slack.sent).hasSize(1);
                    assertThat(after).isEmpty();
                }
            }
            assertThat(slack.sent.size()).isLessThanOrEqualTo(1);
            try (Stream<Path> files = Files.list(state)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
            }
            // the next day is unaffected
            int before = slack.sent.size();
            clock.set(DUE.plus(Duration.ofDays(1)));
            second.runDue(clock.instant());
            assertThat(slack.sent).hasSize(before + 1);
        }
    }

    @Test
    void repeatedPassesAtTheSameMomentPostOnce(@TempDir Path state) {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = open(state, clock, slack, new ArrayList<>())) {
            for (int i = 0; i < 5; i++) {
                clock.set(DUE.plusSeconds(i * 30));
                s.runDue(clock.instant());
            }
            assertThat(slack.sent).hasSize(1);
        }
    }

    @Test
    void catchUpInsideTheWindowSkipOutsideIt(@TempDir Path state) throws Exception {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        open(state, clock, slack, new ArrayList<>()).close(); // the bot ran once, then was down at 09:00

        clock.set(DUE.plus(Duration.ofMinutes(119)));
        List<PostOutcome> a = new ArrayList<>();
        try (DailyScheduler s = open(state, clock, slack, a)) {
            s.runDue(clock.instant());
        }
        assertThat(a).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT);

        // next day: down until 2 h 1 min after 09:00
        clock.set(DUE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(121)));
        List<PostOutcome> b = new ArrayList<>();
        var logs = Fixtures.captureLogs(DailyScheduler.class);
        try (DailyScheduler s = open(state, clock, slack, b)) {
            s.runDue(clock.instant());
            s.runDue(clock.instant().plusSeconds(60));
        } finally {
            Fixtures.stopCapture(DailyScheduler.class, logs);
        }
        assertThat(slack.sent).hasSize(1);
        assertThat(b).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SKIPPED);
        assertThat(b.get(0).detail()).contains("catch-up window");
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.startsWith("WARN") && m.contains("slack:C1 09:00 Europe/Berlin") && m.contains("skipped"));
    }

    @Test
    void catchUpWindowComesFromConfig(@TempDir Path state) {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        BotConfig thirtyMinutes = Fixtures.config(state, Duration.ofMinutes(30), Fixtures.entry("slack", "C1", "09:00", "Europe/Berlin", "advice"));
        new DailyScheduler(thirtyMinutes, new DailyContent(engine.commands()), List.of(slack), clock, Fixtures.retry()).close();
        clock.set(DUE.plus(Duration.ofMinutes(45)));
        try (DailyScheduler s = new DailyScheduler(thirtyMinutes, new DailyContent(engine.commands()), List.of(slack), clock, Fixtures.retry())) {
            s.runDue(clock.instant());
        }
        assertThat(slack.sent).isEmpty();
    }

    @Test
    void aScheduleFirstSeenAfterItsTimeStartsTheNextDay(@TempDir Path state) {
        MutableClock clock = new MutableClock(DUE.plus(Duration.ofMinutes(30)));
        RecordingPoster slack = new RecordingPoster("slack");
        List<PostOutcome> seen = new ArrayList<>();
        try (DailyScheduler s = open(state, clock, slack, seen)) {
            s.runDue(clock.instant());
            assertThat(slack.sent).isEmpty();
            assertThat(seen).isEmpty(); // not owed, so not even "skipped"
            assertThat(s.nextDue(clock.instant())).contains(DUE.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void twoProcessesCannotScheduleFromOneStateFolder(@TempDir Path state) {
        MutableClock clock = new MutableClock(BEFORE);
        try (DailyScheduler s = open(state, clock, new RecordingPoster("slack"), new ArrayList<>())) {
            assertThatThrownBy(() -> open(state, clock, new RecordingPoster("slack"), new ArrayList<>()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("in use by another running Quotecast");
        }
    }

    @Test
    void aCorruptLedgerIsSetAsideAndConfigSchedulesKeepPosting(@TempDir Path state) throws Exception {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = open(state, clock, slack, new ArrayList<>())) {
            clock.set(DUE);
            s.runDue(DUE);
        }
        assertThat(slack.sent).hasSize(1);
        Path ledger = state.resolve(DailyScheduler.LEDGER_FILE);
        String good = Files.readString(ledger);
        String damaged = good.substring(0, good.length() / 2); // a torn write
        Files.writeString(ledger, damaged);

        clock.set(DUE.plus(Duration.ofMinutes(20)));
        var logs = Fixtures.captureLogs(StateFile.class);
        try (DailyScheduler s = open(state, clock, slack, new ArrayList<>())) {
            s.runDue(clock.instant());
            // no state to prove today's post went out: a fresh ledger starts from now, so no catch-up re-post
            assertThat(slack.sent).hasSize(1);
            assertThat(s.targets()).extracting(Target::channel).containsExactly("C1");
            clock.set(DUE.plus(Duration.ofDays(1)));
            s.runDue(clock.instant());
            assertThat(slack.sent).hasSize(2);
        } finally {
            Fixtures.stopCapture(StateFile.class, logs);
        }
        Path backup = state.resolve(DailyScheduler.LEDGER_FILE + ".corrupt-20250602T072000Z");
        assertThat(backup).exists();
        assertThat(Files.readString(backup, StandardCharsets.UTF_8)).isEqualTo(damaged);
        assertThat(new PostLedger.Codec().read(Files.readAllBytes(ledger))).isNotNull();
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.startsWith("ERROR") && m.contains("corrupt") && m.contains(".corrupt-20250602T072000Z"));
    }

    @Test
    void garbageAndWrongShapesAreCorruptToo(@TempDir Path state) throws Exception {
        MutableClock clock = new MutableClock(BEFORE);
        Path ledger = state.resolve(DailyScheduler.LEDGER_FILE);
        Files.createDirectories(state);
        String[] bad = {"\u0000\u0001garbage", "[]", "{\"version\":99}",
                "{\"version\":1,\"posts\":{\"x\":{\"2025-06-02\":{\"status\":\"SENDING?\",\"updated\":\"2025-06-02T07:00:00Z\"}}}}",
                "{\"version\":1,\"knownSince\":{\"x\":\"yesterday\"}}"};
        for (int i = 0; i < bad.length; i++) {
            Files.writeString(ledger, bad[i]);
            clock.set(BEFORE.plusSeconds(i));
            open(state, clock, new RecordingPoster("slack"), new ArrayList<>()).close();
            assertThat(new PostLedger.Codec().read(Files.readAllBytes(ledger))).as(bad[i]).isNotNull();
        }
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(DailyScheduler.LEDGER_FILE + ".corrupt-"))).hasSize(bad.length);
        }
    }

    @Test
    void theLedgerForgetsOldDatesAndRemovedConfigTargetsButKeepsRecentClaims(@TempDir Path state) throws Exception {
        MutableClock clock = new MutableClock(BEFORE);
        RecordingPoster slack = new RecordingPoster("slack");
        try (DailyScheduler s = open(state, clock, slack, new ArrayList<>())) {
            FireTimeTest.drive(s, clock, DUE.plus(Duration.ofDays(20)));
        }
        assertThat(slack.sent).hasSize(21);
        PostLedger l = new PostLedger.Codec().read(Files.readAllBytes(state.resolve(DailyScheduler.LEDGER_FILE)));
        String id = "config:slack:C1:quote:learning";
        assertThat(l.get(id, DUE.atZone(java.time.ZoneOffset.UTC).toLocalDate())).isEmpty();
        assertThat(l.get(id, DUE.plus(Duration.ofDays(20)).atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(PostLedger.Status.DONE));
        // the schedule leaves the config: its first-seen time goes, today's claim stays
        clock.set(DUE.plus(Duration.ofDays(20)).plus(Duration.ofHours(1)));
        new DailyScheduler(Fixtures.config(state), new DailyContent(engine.commands()), List.of(slack), clock, Fixtures.retry()).close();
        String json = Files.readString(state.resolve(DailyScheduler.LEDGER_FILE));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.path("knownSince").has(id)).isFalse();
        assertThat(tree.path("posts").has(id)).isTrue();
        PostLedger after = new PostLedger.Codec().read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(after.get(id, DUE.plus(Duration.ofDays(20)).atZone(java.time.ZoneOffset.UTC).toLocalDate())).isPresent();
    }

    @Test
    void oneBadChatScheduleIsSetAsideAndTheOthersKept(@TempDir Path state) throws Exception {
        // before: a schedule with the zone Mars/Olympus threw away every chat schedule in the file
        Files.createDirectories(state);
        Path file = state.resolve(DailyScheduler.SCHEDULES_FILE);
        String json = """
                {"version":1,"schedules":[
                 {"platform":"slack","channel":"C1","at":"09:00","zone":"Europe/Berlin","post":"advice","addedBy":"U1","addedAt":"2025-06-01T00:00:00Z"},
                 {"platform":"slack","channel":"C2","at":"09:00","zone":"Mars/Olympus","post":"advice","addedBy":"U2","addedAt":"2025-06-01T00:00:00Z"},
                 {"platform":"discord","channel":"123456789012345678","at":"08:30","zone":"UTC","post":"quote:learning","addedBy":"U3","addedAt":"2025-06-01T00:00:00Z"}]}
                """;
        Files.writeString(file, json);
        var logs = Fixtures.captureLogs(StateFile.class);
        try (DailyScheduler s = open(state, new MutableClock(BEFORE), new RecordingPoster("slack"), new ArrayList<>())) {
            assertThat(s.targets()).extracting(Target::channel).contains("C1", "123456789012345678").doesNotContain("C2");
        } finally {
            Fixtures.stopCapture(StateFile.class, logs);
        }
        assertThat(Fixtures.messages(logs)).anyMatch(m -> m.startsWith("ERROR") && m.contains("Mars/Olympus") && m.contains("kept the rest"));
        try (Stream<Path> files = Files.list(state)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith(DailyScheduler.SCHEDULES_FILE + ".corrupt-")).findFirst().orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo(json);
        }
        // the file now holds the two good ones, and the next start reports nothing
        assertThat(new ScheduleStore.Codec().read(Files.readAllBytes(file))).hasSize(2);
    }
}
