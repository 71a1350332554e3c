package dev.quotecast.transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Maps a list on every core, handing out one item at a time, and returns the results in the
 * list's order.
 *
 * <p>Why not a parallel stream: a stream splits its list into a few fixed chunks up front (on a
 * 2-core machine, four chunks of 250 of 1,000 episodes), so when the chunks cost different amounts,
 * as the long real episodes beside short generated ones do, one core finishes its chunks and waits
 * while the other works through the last. A JFR profile of a cold build at 1,000 episodes showed
 * one core idle for the last fifth of parsing (issue 20). Here each worker takes the next item
 * when it is free, so the cores run out of work within one item of each other.
 *
 * <p>The calling thread works too, so that a pool busy with other work delays nothing: the caller
 * alone finishes the list, and waits only for items a helper has already started.
 */
public final class Spread {

    private final Executor helpers;
    private final int helperCount;

    /** Helpers from the common pool, as many as it has threads: with the caller, one worker per core. */
    public Spread() {
        this(ForkJoinPool.commonPool(), ForkJoinPool.getCommonPoolParallelism());
    }

    /**
     * @param helpers runs the helpers
     * @param helperCount at most this many helpers beside the calling thread
     */
    public Spread(Executor helpers, int helperCount) {
        this.helpers = helpers;
        this.helperCount = Math.max(0, helperCount);
    }

    /**
     * {@code f} of every item, in the items' order. The first failure is rethrown once every
     * started item has ended; items not yet started then are not started.
     */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        int n = items.size();
        if (n == 0) return List.of();
        Object[] out = new Object[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    if (failure.get() == null) out[i] = f.apply(items.get(i));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 0; h < Math.min(helperCount, n - 1); h++) helpers.execute(work);
        work.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other workers", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) Arrays.asList(out);
        return new ArrayList<>(results);
    }

    /** As many items as workers (the caller and every helper): for work to be done once per core, such as a final flush. */
    public List<Integer> perWorker() {
        List<Integer> out = new ArrayList<>();
        for (int w = 0; w <= helperCount; w++) out.add(w);
        return out;
    }

    /** Runs {@code action} on every item, as {@link #map}. */
    public <T> void forEach(List<T> items, java.util.function.Consumer<? super T> action) {
        map(items, item -> {
            action.accept(item);
            return Boolean.TRUE;
        });
    }
}
