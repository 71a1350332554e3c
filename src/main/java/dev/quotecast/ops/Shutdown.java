package dev.quotecast.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered shutdown with a deadline: what SIGTERM runs. Steps run one after another, each on its
 * own thread and within its own budget and what is left of the whole deadline; a step that hangs
 * is abandoned (and interrupted) so the ones after it still run, and steps past the deadline are
 * skipped. Container runtimes kill the process 10 s after SIGTERM, so the deadline sits below that.
 *
 * <p>A plain object rather than logic inside a JVM hook, so tests can drive it; {@link #hook()}
 * wraps it for {@link Runtime#addShutdownHook}.
 */
public final class Shutdown {

    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    /** One step; {@code timeLeft} is the most it should take (its budget, or less near the deadline). */
    @FunctionalInterface
    public interface Step {
        void run(Duration timeLeft) throws Exception;
    }

    public enum Result { DONE, FAILED, TIMED_OUT, SKIPPED }

    /** How a step went. {@code detail} holds the failure, if any. */
    public record Outcome(String name, Result result, Duration took, String detail) {}

    private record Planned(String name, Duration budget, Step step) {}

    private final Duration deadline;
    private final List<Planned> steps = new ArrayList<>();
    private final CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
    private volatile boolean started;

    public Shutdown(Duration deadline) {
        this.deadline = deadline;
    }

    /** Adds a step after those already added. */
    public synchronized Shutdown then(String name, Duration budget, Step step) {
        if (started) throw new IllegalStateException("shutdown already started");
        steps.add(new Planned(name, budget, step));
        return this;
    }

    /** Adds a step that closes {@code resource}. */
    public Shutdown thenClose(String name, Duration budget, AutoCloseable resource) {
        return then(name, budget, left -> resource.close());
    }

    /** True once {@link #run()} was called: health turns 503 and new work is refused. */
    public boolean started() {
        return started;
    }

    /**
     * Runs every step in order, once; a second caller waits for the first run and gets its outcomes.
     * Returns within the deadline plus a little scheduling slack.
     */
    public List<Outcome> run() {
        List<Planned> plan;
        synchronized (this) {
            if (started) return join();
            started = true;
            plan = List.copyOf(steps);
        }
        long t0 = System.nanoTime();
        long end = t0 + deadline.toNanos();
        log.info("shutting down: {} step(s), deadline {} ms", plan.size(), deadline.toMillis());
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Planned p : plan) {
                long now = System.nanoTime();
                long left = Math.min(p.budget().toNanos(), end - now);
                Outcome o = left <= 0 ? new Outcome(p.name(), Result.SKIPPED, Duration.ZERO, "deadline passed")
                        : runStep(p, Duration.ofNanos(left));
                outcomes.add(o);
                if (o.result() == Result.DONE) {
                    log.info("shutdown: {} ({} ms)", o.name(), o.took().toMillis());
                } else {
                    log.warn("shutdown: {} {} after {} ms{}", o.name(), o.result().name().toLowerCase().replace('_', ' '),
                            o.took().toMillis(), o.detail() == null ? "" : ": " + o.detail());
                }
            }
            log.info("shutdown complete in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } finally {
            done.complete(List.copyOf(outcomes));
        }
        return List.copyOf(outcomes);
    }

    private Outcome runStep(Planned p, Duration left) {
        long t0 = System.nanoTime();
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                p.step().run(left);
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "shutdown-" + p.name());
        t.setDaemon(true);
        t.start();
        try {
            f.get(left.toNanos(), TimeUnit.NANOSECONDS);
            return new Outcome(p.name(), Result.DONE, since(t0), null);
        } catch (TimeoutException e) {
            t.interrupt();
            return new Outcome(p.name(), Result.TIMED_OUT, since(t0), "gave up after " + left.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Outcome(p.name(), Result.FAILED, since(t0), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            return new Outcome(p.name(), Result.FAILED, since(t0), "interrupted");
        }
    }

    private Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private List<Outcome> join() {
        try {
            return done.get(deadline.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    /** Blocks until a run (started by someone else, e.g. the JVM hook) has finished; returns its outcomes. */
    public List<Outcome> awaitCompletion() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            return List.of();
        }
    }

    /** A thread for {@link Runtime#addShutdownHook} that runs this shutdown. */
    public Thread hook() {
        return new Thread(this::run, "quotecast-shutdown");
    }
}
