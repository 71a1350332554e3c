package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.bot.KeyedSerialExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-channel ordering both adapters rely on for mention replies. */
@Timeout(30)
class KeyedSerialExecutorTest {

    @Test
    void tasksOfOneKeyRunInSubmissionOrderEvenWhenLaterOnesAreQuicker() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            KeyedSerialExecutor ordered = new KeyedSerialExecutor(pool, 1_000);
            List<Integer> done = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                int n = i;
                ordered.execute("C1", () -> {
                    if (n % 2 == 0) sleep(ThreadLocalRandom.current().nextInt(3));   // slow search, then a quick cached answer
                    done.add(n);
                    all.countDown();
                });
            }
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(done).isSorted().hasSize(200);
            waitIdle(ordered);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysRunInParallelAndAFailingTaskDoesNotStopItsQueue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            KeyedSerialExecutor ordered = new KeyedSerialExecutor(pool, 1_000);
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch otherRan = new CountDownLatch(1);
            ordered.execute("slow", () -> await(blocked));
            ordered.execute("other", otherRan::countDown);
            assertThat(otherRan.await(5, TimeUnit.SECONDS)).as("another channel is not held up by a slow one").isTrue();
            List<String> after = new CopyOnWriteArrayList<>();
            ordered.execute("slow", () -> {
                throw new IllegalStateException("boom");
            });
            CountDownLatch last = new CountDownLatch(1);
            ordered.execute("slow", () -> {
                after.add("ran");
                last.countDown();
            });
            blocked.countDown();
            assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(after).containsExactly("ran");
            waitIdle(ordered);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAsyncTaskKeepsItsKeysTurnUntilItCompletesWithoutHoldingAThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            KeyedSerialExecutor ordered = new KeyedSerialExecutor(pool, 1_000);
            java.util.concurrent.CompletableFuture<Void> delivered = new java.util.concurrent.CompletableFuture<>();
            List<String> done = new CopyOnWriteArrayList<>();
            ordered.executeAsync("C1", () -> {
                done.add("first started");
                return delivered;   // e.g. a reply waiting out a rate limit
            });
            ordered.execute("C1", () -> done.add("second"));
            CountDownLatch other = new CountDownLatch(1);
            ordered.execute("C2", other::countDown);
            assertThat(other.await(5, TimeUnit.SECONDS)).as("the only thread is free for another key").isTrue();
            Thread.sleep(100);
            assertThat(done).containsExactly("first started");
            delivered.completeExceptionally(new IllegalStateException("refused"));   // a failed turn ends the turn too
            waitIdle(ordered);
            assertThat(done).containsExactly("first started", "second");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolThatRefusesNewWorkStillRunsWhatWasQueuedInOrder() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        KeyedSerialExecutor ordered = new KeyedSerialExecutor(pool, 1_000);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> done = new CopyOnWriteArrayList<>();
        ordered.execute("C1", () -> {
            await(release);
            done.add(0);
        });
        for (int i = 1; i <= 5; i++) {
            int n = i;
            ordered.execute("C1", () -> done.add(n));
        }
        pool.shutdown();   // from now on the pool refuses work: the queued tasks continue on the running thread
        release.countDown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(done).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(ordered.activeKeys()).isZero();
    }

    @Test
    void aFloodIntoOneKeyIsRefusedBeyondItsBacklogAndOtherKeysAreNot() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            KeyedSerialExecutor ordered = new KeyedSerialExecutor(pool, 3);
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> done = new CopyOnWriteArrayList<>();
            ordered.execute("flooded", () -> {
                await(release);
                done.add(0);
            });
            for (int i = 1; i <= 3; i++) {
                int n = i;
                ordered.execute("flooded", () -> done.add(n));
            }
            assertThatThrownBy(() -> ordered.execute("flooded", () -> done.add(99)))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("3 tasks already wait");
            CountDownLatch other = new CountDownLatch(1);
            ordered.execute("quiet", other::countDown);
            assertThat(other.await(5, TimeUnit.SECONDS)).as("another key still runs").isTrue();
            release.countDown();
            waitIdle(ordered);
            assertThat(done).containsExactly(0, 1, 2, 3);
            // drained: the key takes work again
            CountDownLatch again = new CountDownLatch(1);
            ordered.execute("flooded", again::countDown);
            assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    static void waitIdle(KeyedSerialExecutor e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (e.activeKeys() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(e.activeKeys()).as("no key left behind").isZero();
    }

    static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
