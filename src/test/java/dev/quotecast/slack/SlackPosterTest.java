package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import dev.quotecast.bot.Reply;
import dev.quotecast.schedule.Poster;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily posts through the real Slack SDK against {@link FakeSlackApi}, and how refusals are sorted. */
class SlackPosterTest {

    FakeSlackApi fake;
    Slack slack;
    Poster poster;

    @BeforeEach
    void start() {
        fake = new FakeSlackApi();
        slack = SlackSdk.create(fake.apiUrl());
        poster = new SlackPoster(slack.methods("xoxb-test"), new BlockKitRenderer());
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void postsTheBlockKitRenderingWithChatPostMessage() throws Exception {
        assertThat(poster.platform()).isEqualTo("slack");
        poster.post("C0DAILY", new Reply.Info("daily", "Good <!channel> morning & welcome"));
        FakeSlackApi.Call call = fake.awaitOne("chat.postMessage", Duration.ofSeconds(2));
        assertThat(call.authorization()).isEqualTo("Bearer xoxb-test");
        assertThat(call.json().path("channel").asText()).isEqualTo("C0DAILY");
        assertThat(call.json().path("text").asText()).isEqualTo("Good &lt;!channel&gt; morning &amp; welcome");
        assertThat(call.field("blocks").get(0).path("text").path("text").asText()).isEqualTo("Good &lt;!channel&gt; morning &amp; welcome");
    }

    @Test
    void anUnknownChannelIsNotRetryable() {
        fake.answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
        Poster.PostException e = catchThrowableOfType(Poster.PostException.class, () -> poster.post("C0GONE", new Reply.Info("daily", "hi")));
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("channel_not_found");
        fake.answer("chat.postMessage", "{\"ok\":false,\"error\":\"not_in_channel\"}");
        assertThat(catchThrowableOfType(Poster.PostException.class, () -> poster.post("C0PRIV", new Reply.Info("daily", "hi"))).retryable()).isFalse();
    }

    @Test
    void rateLimitsAndNetworkTroubleAreRetryable() throws Exception {
        // a short Retry-After is waited out inside the poster (SlackProtocolFaultsTest); one longer than
        // RateLimitRetry's bound is handed back at once, for the scheduler's own backoff
        fake.rateLimitNext("chat.postMessage", 120);
        Poster.PostException limited = catchThrowableOfType(Poster.PostException.class, () -> poster.post("C0DAILY", new Reply.Info("daily", "hi")));
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.getMessage()).contains("429").contains("Retry-After 120");
        assertThat(fake.calls("chat.postMessage")).hasSize(1);

        fake.answer("chat.postMessage", "{\"ok\":false,\"error\":\"ratelimited\"}");
        assertThat(catchThrowableOfType(Poster.PostException.class, () -> poster.post("C0DAILY", new Reply.Info("daily", "hi"))).retryable()).isTrue();

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Slack offline = SlackSdk.create("http://127.0.0.1:" + closedPort + "/api/")) {
            Poster unreachable = new SlackPoster(offline.methods("xoxb-test"), new BlockKitRenderer());
            assertThat(catchThrowableOfType(Poster.PostException.class, () -> unreachable.post("C0DAILY", new Reply.Info("daily", "hi"))).retryable()).isTrue();
        }
    }
}
