package dev.quotecast.slack;

import com.slack.api.methods.SlackApiException;
import dev.quotecast.ops.DaemonThreads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Slack adapter does what follows an ack: replies to mentions and clicks,
 * {@code response_url} posts, the App Home. Every outgoing call runs on these threads, never on
 * the ones that compute acks, and a call Slack refuses with HTTP 429 waits out its
 * {@code Retry-After} on a scheduler of its own rather than in any thread.
 *
 * <p>Before, a rate-limited reply slept in the worker pool that also computed acks: eight
 * channels waiting out {@code Retry-After: 4} took every worker, and slash commands behind them
 * were acked after 2 to 3.5 s, half of them past Slack's 3 s. Now a wait costs a timer entry.
 * The timer is bounded: beyond {@code maxWaitingRetries} waiting at once, a further 429 is given
 * up at once (and logged) instead of piling up.
 */
final class SlackCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackCalls.class);

    private final RateLimitRetry policy;
    private final ExecutorService io;
    private final ScheduledExecutorService retries;
    private final int maxWaitingRetries;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param threads how many outgoing calls may run at once
     * @param maxWaitingRetries how many rate-limited calls may wait for their retry at once
     */
    SlackCalls(RateLimitRetry policy, int threads, int maxWaitingRetries) {
        this.policy = policy;
        this.io = Executors.newFixedThreadPool(threads, DaemonThreads.numbered("slack-reply"));
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("slack-retry-timer"));
        this.maxWaitingRetries = maxWaitingRetries;
    }

    /** Runs work that follows an ack (it may make outgoing calls). */
    Executor executor() {
        return io;
    }

    /**
     * Makes {@code call} on these threads, again after each 429 as {@link RateLimitRetry} decides.
     *
     * @param what for the log: which call, to which channel
     * @return the result; failed with the last error when Slack refused for good or the retries ran out
     */
    <T> CompletableFuture<T> submit(String what, RateLimitRetry.Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(result, () -> attempt(what, call, 1, result));
        return result;
    }

    /** Rate-limited calls waiting for their retry (for tests and metrics). */
    int waitingRetries() {
        return waiting.get();
    }

    private <T> void attempt(String what, RateLimitRetry.Call<T> call, int attempt, CompletableFuture<T> result) {
        try {
            result.complete(call.call());
        } catch (SlackApiException e) {
            Optional<Duration> wait = policy.retryAfter(what, attempt, e);
            if (wait.isEmpty()) {
                result.completeExceptionally(e);
            } else if (waiting.incrementAndGet() > maxWaitingRetries) {
                waiting.decrementAndGet();
                log.warn("{}: {} rate-limited calls already wait for their retry; giving this one up", what, maxWaitingRetries);
                result.completeExceptionally(e);
            } else {
                try {
                    retries.schedule(() -> {
                        waiting.decrementAndGet();
                        execute(result, () -> attempt(what, call, attempt + 1, result));
                    }, wait.get().toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    waiting.decrementAndGet();
                    result.completeExceptionally(e);
                }
            }
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    /** Runs {@code task} on the call threads; when they take no more work (shutting down), the call fails. */
    private void execute(CompletableFuture<?> result, Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    /** Lets calls being made finish (up to {@code grace}); retries still waiting are dropped. */
    void close(Duration grace) {
        int dropped = retries.shutdownNow().size();
        if (dropped > 0) log.info("{} rate-limited Slack call(s) were waiting for a retry and are dropped", dropped);
        io.shutdown();
        try {
            if (!io.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) io.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
