package dev.quotecast.slack;

import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When to call the Slack Web API again after an HTTP 429: once the {@code Retry-After} it asked
 * for has passed. The SDK's synchronous {@code MethodsClient} throws on a 429 and never retries, so
 * without this a reply or a daily post that hit Slack's per-channel limit (about one message a
 * second) was simply lost.
 *
 * <p>Bounded both ways: at most {@code maxAttempts} calls, and a wait longer than {@code maxWait}
 * is not waited for at all (the 429 is handed back at once; a daily post is then retried later by
 * the scheduler's own backoff, and a mention reply is given up and logged).
 *
 * <p>Two ways to wait: {@link #run} sleeps in the calling thread, for callers that own theirs (the
 * daily-post scheduler); {@link SlackCalls} waits on a scheduler of its own, for everything said
 * in reply to someone, so that no thread serving Slack's acks ever waits on a rate limit.
 */
public final class RateLimitRetry {

    private static final Logger log = LoggerFactory.getLogger(RateLimitRetry.class);

    /** One Web API call. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws IOException, SlackApiException;
    }

    private final int maxAttempts;
    private final Duration maxWait;

    public RateLimitRetry(int maxAttempts, Duration maxWait) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
    }

    /** Three calls at most, waiting up to 30 s before each retry. */
    public static RateLimitRetry defaults() {
        return new RateLimitRetry(3, Duration.ofSeconds(30));
    }

    /**
     * Runs {@code call} in this thread, sleeping here before each retry after a 429. Only for a
     * thread that may wait: at most {@code (maxAttempts - 1) * maxWait}.
     *
     * @param what for the log: which call, to which channel
     * @throws SlackApiException the last 429 when the retries are used up or the wait is too long,
     *     or any other HTTP error at once
     */
    public <T> T run(String what, Call<T> call) throws IOException, SlackApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (SlackApiException e) {
                Optional<Duration> wait = retryAfter(what, attempt, e);
                if (wait.isEmpty()) throw e;
                try {
                    Thread.sleep(wait.get().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * How long to wait before calling again, after {@code e} ended attempt number {@code attempt};
     * empty when it must not be retried: not a 429, the attempts are used up, or Slack asked for a
     * wait over {@code maxWait} (that is logged).
     */
    Optional<Duration> retryAfter(String what, int attempt, SlackApiException e) {
        if (e.getResponse() == null || e.getResponse().code() != 429) return Optional.empty();
        Duration wait = retryAfter(e);
        if (attempt >= maxAttempts || wait.compareTo(maxWait) > 0) {
            log.warn("{}: Slack rate-limited it (HTTP 429, Retry-After {} s); giving up after attempt {} of {}",
                    what, wait.toSeconds(), attempt, maxAttempts);
            return Optional.empty();
        }
        log.info("{}: Slack rate-limited it (HTTP 429); retrying in {} s (attempt {} of {})", what, wait.toSeconds(), attempt + 1, maxAttempts);
        return Optional.of(wait);
    }

    /** Slack's {@code Retry-After} is whole seconds; a missing or unreadable one means one second. */
    static Duration retryAfter(SlackApiException e) {
        String v = e.getResponse().header("Retry-After");
        if (v == null) return Duration.ofSeconds(1);
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException bad) {
            return Duration.ofSeconds(1);
        }
    }
}
