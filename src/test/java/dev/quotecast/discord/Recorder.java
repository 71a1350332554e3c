package dev.quotecast.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A thread-safe log that tests can wait on. The fakes append what they see from another thread;
 * a test waits, with a deadline, until something matching arrives, so a broken bot or fake fails
 * within that deadline instead of hanging.
 */
public final class Recorder<T> {

    private final List<T> items = new ArrayList<>();

    public synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    public synchronized List<T> all() {
        return List.copyOf(items);
    }

    public synchronized List<T> matching(Predicate<? super T> p) {
        return items.stream().filter(p).toList();
    }

    public synchronized int size() {
        return items.size();
    }

    /**
     * Waits until at least {@code count} recorded items match, and returns the {@code count}-th.
     *
     * @throws AssertionError naming {@code what} when the deadline passes first
     */
    public synchronized T await(Predicate<? super T> p, int count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = 0;
            for (T t : items) {
                if (p.test(t) && ++seen == count) return t;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " (#" + count + "); recorded: " + items);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The first item matching, waiting up to {@code timeout}. */
    public T await(Predicate<? super T> p, Duration timeout, String what) {
        return await(p, 1, timeout, what);
    }

    /** Waits {@code quiet} and asserts that nothing matching arrived in the meantime (or before). */
    public void assertNone(Predicate<? super T> p, Duration quiet, String what) {
        long deadline = System.nanoTime() + quiet.toNanos();
        synchronized (this) {
            while (true) {
                for (T t : items) {
                    if (p.test(t)) throw new AssertionError("expected no " + what + " but got " + t);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
