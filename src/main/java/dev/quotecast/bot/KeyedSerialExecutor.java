package dev.quotecast.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared pool, one at a time and in submission order for each key, in parallel
 * across keys. The adapters key mention replies by channel: handed straight to a pool, a quick
 * reply (a cached quote) overtook a slow one (a search) sent just before it in the same channel,
 * and the answers came out in the wrong order.
 *
 * <p>A task may end its turn later than it returns ({@link #executeAsync}): a reply that waits out
 * a rate limit keeps its channel's turn until it is delivered, without holding a pool thread while
 * it waits, so the next reply in that channel still cannot overtake it.
 *
 * <p>After each task the key's next one goes back to the pool rather than running in a loop, so one
 * busy channel cannot hold a thread while other channels wait. Memory is one small queue per key
 * with work pending, of at most {@code maxWaiting} tasks: a flood into one channel (a runaway
 * integration mentioning the bot in a loop) is refused beyond that instead of growing the heap and
 * delaying every later answer there by minutes; an idle key costs nothing.
 */
public final class KeyedSerialExecutor {

    private static final Logger log = LoggerFactory.getLogger(KeyedSerialExecutor.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor pool;
    private final int maxWaiting;
    /** Keys with a task running or queued; guarded by itself. */
    private final Map<String, Deque<Supplier<? extends CompletionStage<?>>>> pending = new HashMap<>();

    /** @param maxWaiting most tasks one key may have waiting behind the one running */
    public KeyedSerialExecutor(Executor pool, int maxWaiting) {
        if (maxWaiting < 1) throw new IllegalArgumentException("maxWaiting must be at least 1, was " + maxWaiting);
        this.pool = pool;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Runs {@code task} after every task submitted before it with the same key.
     *
     * @throws RejectedExecutionException when {@code maxWaiting} tasks already wait for the key, or
     *     the pool refuses new work and nothing is queued for the key
     */
    public void execute(String key, Runnable task) {
        executeAsync(key, () -> {
            task.run();
            return DONE;
        });
    }

    /**
     * Like {@link #execute}, for a task that finishes later: {@code task} runs on the pool after
     * every earlier task of the key has finished, and the key's next task starts only once the
     * stage it returned completes (normally or not).
     *
     * @throws RejectedExecutionException as {@link #execute}
     */
    public void executeAsync(String key, Supplier<? extends CompletionStage<?>> task) {
        String k = key == null ? "" : key;
        synchronized (pending) {
            Deque<Supplier<? extends CompletionStage<?>>> queue = pending.get(k);
            if (queue != null) {
                if (queue.size() >= maxWaiting) throw new RejectedExecutionException(maxWaiting + " tasks already wait for this key");
                queue.add(task);
                return;
            }
            // submitted under the lock, so the task cannot finish and look for its queue before it exists
            pool.execute(() -> run(k, task));
            pending.put(k, new ArrayDeque<>());
        }
    }

    /** How many keys have work running or queued (for tests and metrics). */
    public int activeKeys() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Runs {@code first}, then the key's next tasks for as long as each finishes at once and the pool refuses work. */
    private void run(String key, Supplier<? extends CompletionStage<?>> first) {
        Supplier<? extends CompletionStage<?>> task = first;
        while (task != null) {
            CompletableFuture<?> done = start(key, task);
            if (!done.isDone()) {
                done.whenComplete((v, e) -> {
                    Supplier<? extends CompletionStage<?>> next = next(key);
                    if (next != null) handOver(key, next);
                });
                return;
            }
            task = next(key);
            if (task == null) return;
            try {
                pool.execute(handOff(key, task));
                return;
            } catch (RejectedExecutionException e) {
                // the pool is full or shutting down; this is a pool thread already, so keep the order here
            }
        }
    }

    /** Passes the key's turn to {@code next} from whichever thread ended the previous one. */
    private void handOver(String key, Supplier<? extends CompletionStage<?>> next) {
        try {
            pool.execute(handOff(key, next));
        } catch (RejectedExecutionException e) {
            run(key, next);   // the pool stopped taking work: finish the key's queue here rather than drop it
        }
    }

    private Runnable handOff(String key, Supplier<? extends CompletionStage<?>> task) {
        return () -> run(key, task);
    }

    private static CompletableFuture<?> start(String key, Supplier<? extends CompletionStage<?>> task) {
        CompletableFuture<?> done;
        try {
            CompletionStage<?> stage = task.get();
            done = stage == null ? DONE : stage.toCompletableFuture();
        } catch (RuntimeException e) {
            log.warn("task for {} failed: {}", key, e.toString());
            return DONE;
        }
        return done.whenComplete((v, e) -> {
            if (e != null) log.warn("task for {} failed: {}", key, e.toString());
        });
    }

    /** The key's next task, or null (and the key forgotten) when none waits. */
    private Supplier<? extends CompletionStage<?>> next(String key) {
        synchronized (pending) {
            Deque<Supplier<? extends CompletionStage<?>>> queue = pending.get(key);
            Supplier<? extends CompletionStage<?>> next = queue == null ? null : queue.poll();
            if (next == null) pending.remove(key);
            return next;
        }
    }
}
