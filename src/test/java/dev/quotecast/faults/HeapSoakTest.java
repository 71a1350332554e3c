package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.quotecast.Engine;
import dev.quotecast.bot.Commands;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import dev.quotecast.slack.SlackHttpHandler;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * 100,000 signed Slack requests through the adapter, and a heap that does not grow: used heap after
 * full GCs at 20,000 requests (everything warm: caches full, JIT done) is compared with 100,000.
 *
 * <p>The requests go through {@link SlackHttpHandler} in memory ({@link InMemoryExchange}): size
 * and timestamp checks, Bolt's parsing, HMAC verification, dispatch to the slash command handler,
 * the engine's commands (a small set of topics, so replies come from the Caffeine cache), Block
 * Kit rendering and the written response. That is everything a request touches except the socket,
 * which {@link LoadTest} covers at a lower count; sockets would make 100,000 too slow for the normal
 * run on two cores. Mentions are left out on purpose: each one is remembered for an hour by event
 * id (bounded at 100,000) to drop Slack's redeliveries, which is growth by design.
 *
 * <p>Tolerance: {@link #TOLERANCE_BYTES}; a leak of 100 bytes per request would show as 8 MB.
 */
@Timeout(180)
class HeapSoakTest {

    static final int TOTAL = 100_000;
    static final int CHECKPOINT = 20_000;
    static final long TOLERANCE_BYTES = 8L << 20;
    static final String SECRET = "soak-signing-secret";
    static final String[] TOPICS = {"learning", "habits", "deep learning", "education", "teaching", "research", "data", "startups"};

    @Test
    void heapDoesNotGrowAcross100kRequests() throws Exception {
        Logger commandsLog = (Logger) LoggerFactory.getLogger(Commands.class);
        Level level = commandsLog.getLevel();
        commandsLog.setLevel(Level.WARN);
        BotConfig d = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")));
        try (FakeSlackApi fake = new FakeSlackApi();
             Engine engine = Engine.start(new BotConfig(d.source(), d.transcriptDirs(), d.indexDir(), d.stateDir(), d.cache(),
                     new BotConfig.Limits(1_000_000, d.limits().maxQueryChars()), d.http(),
                     new BotConfig.Slack("xoxb-soak", null, SECRET, fake.apiUrl(), List.of()), d.discord(), d.scheduling(),
                     d.schedule(), d.zone()))) {
            HttpEndpoint unused = new HttpEndpoint("127.0.0.1", 0);
            SlackBot bot = new SlackBot(engine, unused);
            try {
                bot.start();
                SlackHttpHandler handler = new SlackHttpHandler(bot.app(), SlackHttpHandler.DEFAULT_MAX_BODY);
                SlackSigning signing = new SlackSigning(SECRET);
                URI uri = URI.create("http://127.0.0.1" + SlackBot.EVENTS_PATH);
                // pre-built bodies: the driver should cost little next to the bot
                List<byte[]> bodies = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String body = SlackPayloads.slashCommand("/quote", TOPICS[i % TOPICS.length], "USOAK" + i, "CSOAK" + (i % 5),
                            fake.responseUrl("soak-" + i));
                    texts.add(body);
                    bodies.add(body.getBytes(StandardCharsets.UTF_8));
                }
                AtomicInteger next = new AtomicInteger();
                AtomicInteger errors = new AtomicInteger();
                AtomicReference<String> firstError = new AtomicReference<>();
                IntConsumer drive = limit -> {
                    int n;
                    while ((n = next.getAndIncrement()) < limit) {
                        int k = n & 63;
                        long ts = Instant.now().getEpochSecond();
                        InMemoryExchange ex = new InMemoryExchange("POST", uri, Map.of(
                                "Content-Type", "application/x-www-form-urlencoded",
                                "X-Slack-Request-Timestamp", Long.toString(ts),
                                "X-Slack-Signature", signing.signature(ts, texts.get(k))), bodies.get(k));
                        try {
                            handler.handle(ex);
                            if (ex.status() != 200 || !ex.responseBody().contains("\"blocks\"")) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "request " + n + ": HTTP " + ex.status() + " " + ex.responseBody());
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "request " + n + ": " + e);
                        }
                    }
                };
                long t0 = System.nanoTime();
                run(drive, CHECKPOINT);
                long atCheckpoint = usedAfterGc();
                long t1 = System.nanoTime();
                next.set(CHECKPOINT);
                run(drive, TOTAL);
                long t2 = System.nanoTime();
                long atEnd = usedAfterGc();
                double rate = (TOTAL - CHECKPOINT) / ((t2 - t1) / 1e9);
                System.out.printf("HeapSoakTest: %d requests, %d errors; used heap after GC: %.1f MB at %d, %.1f MB at %d (%+.2f MB);"
                                + " %.0f req/s (first %d in %d ms)%n",
                        TOTAL, errors.get(), atCheckpoint / 1048576.0, CHECKPOINT, atEnd / 1048576.0, TOTAL, (atEnd - atCheckpoint) / 1048576.0,
                        rate, CHECKPOINT, (t1 - t0) / 1_000_000);
                assertThat(errors.get()).as("failed requests; first: %s", firstError.get()).isZero();
                assertThat(atEnd - atCheckpoint).as("heap growth from %d to %d requests", CHECKPOINT, TOTAL).isLessThan(TOLERANCE_BYTES);
            } finally {
                bot.close();
                unused.close();
                commandsLog.setLevel(level);
            }
        }
    }

    /** Runs {@code drive} on two threads (the machine's cores) until the request counter reaches {@code upTo}. */
    static void run(IntConsumer drive, int upTo) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 2; i++) fs.add(pool.submit(() -> drive.accept(upTo)));
            for (Future<?> f : fs) f.get(150, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Used heap after full collections: the smallest of a few readings, as a collection can leave some garbage. */
    static long usedAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
