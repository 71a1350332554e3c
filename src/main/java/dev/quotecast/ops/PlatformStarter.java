package dev.quotecast.ops;

import dev.quotecast.ChatPlatform;
import dev.quotecast.transcript.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chat platforms, and keeps trying those that fail: a Slack or Discord API that cannot
 * be reached while the bot starts (a network not up yet, an outage) must not leave the platform
 * off until someone restarts the bot. Attempts back off from 1 s to a minute, with jitter, and
 * each failure is logged once, with the next attempt's delay; {@code /healthz} lists what is
 * still missing.
 */
final class PlatformStarter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformStarter.class);

    static final Duration FIRST_RETRY = Duration.ofSeconds(1), LONGEST_RETRY = Duration.ofMinutes(1);

    /** A platform not started yet: how often it failed, why, and when it is tried next. */
    private record Pending(int failures, String reason, long nextAtMillis) {}

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("platform-start"));
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Tries each platform once now, on the caller's thread; those that fail are retried in the background. */
    void startAll(List<ChatPlatform> platforms) {
        for (ChatPlatform p : platforms) attempt(p, 0);
    }

    private void attempt(ChatPlatform p, int failures) {
        if (closed) return;
        try {
            p.start();
            pending.remove(p.name());
            log.info("{} started{}", p.name(), failures == 0 ? "" : " after " + failures + " failed attempt" + (failures == 1 ? "" : "s"));
        } catch (Exception e) {
            int n = failures + 1;
            Duration wait = delay(n);
            String reason = Text.escape(rootMessage(e));
            pending.put(p.name(), new Pending(n, reason, System.currentTimeMillis() + wait.toMillis()));
            log.warn("{} did not start (attempt {}): {}; trying again in {} s", p.name(), n, reason, wait.toSeconds());
            if (!closed) retries.schedule(() -> attempt(p, n), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** 1, 2, 4 … 60 s, each up to a fifth shorter at random, so that several bots do not retry in step. */
    static Duration delay(int failures) {
        long base = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(16, failures - 1));
        return Duration.ofMillis(base - ThreadLocalRandom.current().nextLong(base / 5 + 1));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return m.length() > 200 ? m.substring(0, 197) + "..." : m;
    }

    /** One line per platform that has not started yet. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        pending.forEach((name, p) -> out.add(name + ": not started (" + p.failures() + " failed attempt" + (p.failures() == 1 ? "" : "s")
                + ", last: " + p.reason() + "); next attempt in " + Math.max(0, (p.nextAtMillis() - now) / 1000) + " s"));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
    }
}
