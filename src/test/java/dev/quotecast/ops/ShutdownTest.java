package dev.quotecast.ops;

import static dev.quotecast.ops.OpsTesting.await;
import static dev.quotecast.ops.OpsTesting.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.TranscriptIndex;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @TempDir
    Path tmp;

    @Test
    void stepsRunInOrderAndAHangingStepIsAbandonedWithinItsBudget() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch never = new CountDownLatch(1);
        Shutdown s = new Shutdown(Duration.ofSeconds(5))
                .then("first", Duration.ofSeconds(1), left -> ran.add("first"))
                .then("hangs", Duration.ofMillis(200), left -> {
                    ran.add("hangs");
                    never.await();
                })
                .then("fails", Duration.ofSeconds(1), left -> {
                    ran.add("fails");
                    throw new IllegalStateException("boom");
                })
                .thenClose("last", Duration.ofSeconds(1), () -> ran.add("last"));
        long t0 = System.nanoTime();
        List<Shutdown.Outcome> out = s.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ran).containsExactly("first", "hangs", "fails", "last");
        assertThat(out).extracting(Shutdown.Outcome::result)
                .containsExactly(Shutdown.Result.DONE, Shutdown.Result.TIMED_OUT, Shutdown.Result.FAILED, Shutdown.Result.DONE);
        assertThat(out.get(2).detail()).contains("boom");
        assertThat(ms).isBetween(150L, 2_000L);
        assertThat(s.started()).isTrue();
        assertThat(s.run()).isEqualTo(out); // once only
        assertThatThrownBy(() -> s.then("late", Duration.ofSeconds(1), left -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDeadlineBoundsTheWholeShutdown() {
        Shutdown s = new Shutdown(Duration.ofMillis(300))
                .then("slow", Duration.ofSeconds(5), left -> Thread.sleep(10_000))
                .then("never reached", Duration.ofSeconds(5), left -> {});
        long t0 = System.nanoTime();
        List<Shutdown.Outcome> out = s.run();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_500);
        assertThat(out).extracting(Shutdown.Outcome::result).containsExactly(Shutdown.Result.TIMED_OUT, Shutdown.Result.SKIPPED);
    }

    /**
     * The run path's shutdown on a real engine with a persisted index: a command in flight when
     * SIGTERM arrives still gets its answer, new commands are refused, health turns 503, then the
     * platform, HTTP and the index are closed, and the index on disk is complete.
     */
    @Test
    void inFlightWorkFinishesNewWorkIsRefusedAndTheIndexIsFlushed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DailyHandler slow = (request, daily) -> {
            entered.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Reply.Info("daily", "subscribed " + daily.args());
        };
        Path folder = Files.createDirectories(tmp.resolve("transcripts"));
        Files.copy(OpsTesting.SEED, folder.resolve("lex-fridman-073-andrew-ng.txt"));
        Path indexDir = tmp.resolve("index");
        Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(folder)).withIndexDir(indexDir),
                Clock.systemUTC(), slow);
        OpsTesting.ControlledPlatform platform = new OpsTesting.ControlledPlatform("slack");
        platform.connected = true;
        BotRuntime bot = BotRuntime.start(engine, new HttpEndpoint("127.0.0.1", 0), List.<ChatPlatform>of(platform), List.of(),
                BotRuntime.Options.defaults());
        int port = bot.port();
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

        CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() ->
                engine.commands().handle(new Request("slack", "u1", "C1", new Command.Daily("09:00 Europe/Berlin"), true)));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<List<Shutdown.Outcome>> stopping = CompletableFuture.supplyAsync(bot::stop);
        await("new commands to be refused", Duration.ofSeconds(5), () -> engine.commands().gate().isClosed());
        Reply refused = engine.commands().handle(Request.of("slack", "u2", new Command.Quote("habits", 0)));
        assertThat(refused).isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.message()).contains("restarting"));
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(503);
        assertThat(get(port, "/healthz").body()).contains("shutting down");
        assertThat(platform.closed).as("platforms stay up while commands drain").isFalse();
        assertThat(stopping).isNotDone();

        release.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo(new Reply.Info("daily", "subscribed 09:00 Europe/Berlin"));
        List<Shutdown.Outcome> outcomes = stopping.get(BotRuntime.SHUTDOWN_DEADLINE.toSeconds() + 2, TimeUnit.SECONDS);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.result()).as(o.name()).isEqualTo(Shutdown.Result.DONE));
        assertThat(outcomes).extracting(Shutdown.Outcome::name).containsExactly("refuse new commands", "finish commands in flight",
                "stop watching transcripts", "stop starting platforms", "disconnect slack", "stop http", "flush and close the index", "close metrics");
        assertThat(platform.closed).isTrue();
        assertThatThrownBy(() -> get(port, "/healthz")).isInstanceOf(ConnectException.class);

        // the index was committed and its lock released: it opens (a held lock or a torn index would
        // make open() rebuild it empty) and holds the episode
        try (TranscriptIndex reopened = TranscriptIndex.open(indexDir, new Analyzers())) {
            assertThat(reopened.storedChecksums()).containsKey("lex-fridman-073-andrew-ng");
        }
    }
}
