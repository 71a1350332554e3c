package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outgoing calls after an ack: a 429 waits on the retry timer, which holds a bounded number of waits. */
class SlackCallsTest {

    FakeSlackApi fake;
    Slack slack;
    MethodsClient api;

    @BeforeEach
    void start() {
        fake = new FakeSlackApi();
        slack = SlackSdk.create(fake.apiUrl());
        api = slack.methods("xoxb-test");
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    CompletableFuture<ChatPostMessageResponse> post(SlackCalls calls, String channel) {
        return calls.submit("post to " + channel, () -> api.chatPostMessage(b -> b.channel(channel).text("hi")));
    }

    @Test
    void aRateLimitedCallIsRetriedOnTheTimerAndABusyTimerGivesFurtherOnesUp() throws Exception {
        try (SlackCalls calls = new SlackCalls(RateLimitRetry.defaults(), 1, 1)) {
            fake.rateLimitNext("chat.postMessage", "CWAIT", 1).rateLimitNext("chat.postMessage", "CFULL", 1);
            CompletableFuture<ChatPostMessageResponse> waits = post(calls, "CWAIT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (calls.waitingRetries() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(calls.waitingRetries()).isEqualTo(1);
            // the one thread is free while the first call waits, and the timer is full: refused, not queued
            CompletableFuture<ChatPostMessageResponse> refused = post(calls, "CFULL");
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(SlackApiException.class);
            assertThat(waits).isNotDone();
            assertThat(waits.get(5, TimeUnit.SECONDS).isOk()).isTrue();
            assertThat(fake.calls("chat.postMessage")).extracting(FakeSlackApi.Call::status).containsExactly(429, 429, 200);
            assertThat(calls.waitingRetries()).isZero();
        }
    }

    @Test
    void aCallAfterCloseFailsInsteadOfHanging() {
        SlackCalls calls = new SlackCalls(RateLimitRetry.defaults(), 1, 1);
        calls.close(Duration.ZERO);
        assertThat(post(calls, "CLATE")).isCompletedExceptionally();
    }
}
