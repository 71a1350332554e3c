package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.Target;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a JVM in the middle of writing schedule state, at random moments: the file
 * read back afterwards is the last complete write (or the one in flight, if its rename landed),
 * never a torn or empty file, and a restarted scheduler loads it without setting anything aside.
 */
class DurabilityKillTest {

    static final int KILLS = 10;

    @TempDir
    Path dir;

    /** What the schedules file holds after write {@code n}: channel to writer (U + write number). */
    static Map<String, String> expected(long n) {
        Map<String, String> m = new HashMap<>();
        for (long i = Math.max(0, n - StateWriterMain.CHANNELS + 1); i <= n; i++) m.put("C" + (i % StateWriterMain.CHANNELS), "U" + i);
        return m;
    }

    @Test
    @Timeout(120)
    void killedWhileWritingTheStateIsTheLastCompleteOne() throws Exception {
        Random random = new Random();
        Path transcripts = Files.createDirectories(dir.resolve("no-transcripts"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        long totalWrites = 0;
        int inFlightLanded = 0, midWrite = 0;
        for (int round = 0; round < KILLS; round++) {
            Path state = dir.resolve("state-" + round);
            // acknowledgements go straight to a file: a pipe read by a thread can lose its last lines
            // when the JDK drains it on process exit ("Stream closed"), and then a write that did land
            // would look unacknowledged
            Path acks = dir.resolve("acks-" + round);
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), StateWriterMain.class.getName(), state.toString(), transcripts.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(acks.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.exists(acks) || Files.size(acks) == 0) {
                    assertThat(System.nanoTime()).as("first write within 30 s").isLessThan(deadline);
                    assertThat(child.isAlive()).as("writer alive").isTrue();
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(400));                 // a random moment in the write loop
                child.destroyForcibly();                           // SIGKILL: no shutdown hook, no flush
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            // only complete lines count: a number cut before its newline was not acknowledged
            String written = Files.readString(acks);
            String complete = written.substring(0, written.lastIndexOf('\n') + 1);
            AtomicLong last = new AtomicLong(-1);
            complete.lines().forEach(l -> last.set(Long.parseLong(l.trim())));
            long n = last.get();
            assertThat(n).isGreaterThanOrEqualTo(0);
            totalWrites += n + 1;

            // the file as it is on disk: complete JSON, and exactly write n or write n + 1
            Path file = state.resolve("daily-schedules.json");
            JsonNode root = RenderChecks.parse(Files.readString(file));
            Map<String, String> onDisk = new HashMap<>();
            Map<String, LocalTime> times = new HashMap<>();
            for (JsonNode s : root.path("schedules")) {
                onDisk.put(s.path("channel").asText(), s.path("addedBy").asText());
                times.put(s.path("channel").asText(), LocalTime.parse(s.path("at").asText()));
            }
            boolean landed = onDisk.equals(expected(n + 1));
            assertThat(onDisk).as("round %d: after write %d the file holds write %d or %d", round, n, n, n + 1)
                    .satisfiesAnyOf(m -> assertThat(m).isEqualTo(expected(n)), m -> assertThat(m).isEqualTo(expected(n + 1)));
            if (landed) inFlightLanded++;

            try (Stream<Path> files = Files.list(state)) {
                if (files.anyMatch(p -> p.getFileName().toString().contains(".tmp-"))) midWrite++;
            }

            // restart: the real loader reads it as it is, sets nothing aside, and clears temp files
            BotConfig config = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(transcripts)).withStateDir(state);
            try (Engine engine = Engine.start(config);
                 DailyScheduler restarted = DailyScheduler.open(config, engine.commands(), List.of(), Clock.systemUTC())) {
                Map<String, LocalTime> loaded = new HashMap<>();
                for (Target t : restarted.targets()) loaded.put(t.channel(), t.at());
                assertThat(loaded).isEqualTo(times);
                long w = landed ? n + 1 : n;
                for (Map.Entry<String, String> e : onDisk.entrySet()) {
                    assertThat(loaded.get(e.getKey())).isEqualTo(StateWriterMain.timeOf(Long.parseLong(e.getValue().substring(1))));
                }
                assertThat(w).isGreaterThanOrEqualTo(0);
            }
            try (Stream<Path> files = Files.list(state)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("nothing set aside as corrupt, no temp file left").noneMatch(f -> f.contains(".corrupt-") || f.contains(".tmp-"));
            }
        }
        System.out.printf("DurabilityKillTest: %d kill -9 during writes, %d durable writes acknowledged before the kills, "
                + "%d kills left a half-written temp file (killed inside a write), %d landed just after a rename (file one write ahead of the last acknowledged), "
                + "0 torn files%n", KILLS, totalWrites, midWrite, inFlightLanded);
    }
}
