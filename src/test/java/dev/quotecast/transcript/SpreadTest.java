package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void resultsComeInTheItemsOrderAndTheWorkIsShared() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Integer> items = IntStream.range(0, 400).boxed().toList();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> out = new Spread(pool, 3).map(items, i -> {
                threads.add(Thread.currentThread().getName());
                if (i % 50 == 0) sleep(20);
                return i * 2;
            });
            assertThat(out).isEqualTo(items.stream().map(i -> i * 2).toList());
            assertThat(threads).hasSizeGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCallerFinishesAloneWhenNoHelperEverRuns() {
        List<String> out = new Spread(task -> { /* a pool too busy to start anything */ }, 4).map(List.of("a", "b", "c"), String::toUpperCase);
        assertThat(out).containsExactly("A", "B", "C");
    }

    @Test
    void aFailureIsRethrownToTheCaller() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThatThrownBy(() -> new Spread(pool, 2).forEach(List.of(1, 2, 3, 4), i -> {
                if (i == 3) throw new IllegalArgumentException("bad " + i);
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad 3");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyListNeedsNoWorker() {
        assertThat(new Spread(task -> { throw new AssertionError("no helper is needed"); }, 2).map(List.<String>of(), String::length)).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
