package dev.quotecast.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared pool, one at a time and in submission order for each key, in parallel
 * across keys. The adapters key mention replies by channel: handed straight to a pool, a quick
 * reply (a cached quote) overtook a slow one (a search) sent just before it in the same channel,
 * and the answers came out in the wrong order.
 *
 * <p>After each task the key's next one goes back to the pool rather than running in a loop, so one
 * busy channel cannot hold a thread while other channels wait. Memory is one small queue per key
 * with work pending, of at most {@code maxWaiting} tasks: a flood into one channel (a runaway
 * integration mentioning the bot in a loop) is refused beyond that instead of growing the heap and
 * delaying every later answer there by minutes; an idle key costs nothing.
 */
public final class KeyedSerialExecutor {

    private static final Logger log = LoggerFactory.getLogger(KeyedSerialExecutor.class);

    private final Executor pool;
    private final int maxWaiting;
    /** Keys with a task running or queued; guarded by itself. */
    private final Map<String, Deque<Runnable>> pending = new HashMap<>();

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
        String k = key == null ? "" : key;
        synchronized (pending) {
            Deque<Runnable> queue = pending.get(k);
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

    private void run(String key, Runnable first) {
        Runnable task = first;
        while (true) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("task for {} failed: {}", key, e.toString());
            }
            synchronized (pending) {
                Deque<Runnable> queue = pending.get(key);
                Runnable next = queue == null ? null : queue.poll();
                if (next == null) {
                    pending.remove(key);
                    return;
                }
                try {
                    pool.execute(() -> run(key, next));
                    return;
                } catch (RejectedExecutionException e) {
                    // the pool is full or shutting down; this is a pool thread already, so keep the order here
                    task = next;
                }
            }
        }
    }
}
