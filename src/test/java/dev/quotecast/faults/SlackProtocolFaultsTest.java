package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.schedule.Poster;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import dev.quotecast.slack.SlackHttpHandler;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Slack's protocol under attack and under trouble, against the real Bolt app in HTTP mode and the
 * real Slack SDK posting to {@link FakeSlackApi}. {@code SlackHttpModeTest} covers the plain cases
 * (one forged signature, one stale timestamp, one oversized body with a Content-Length); this class
 * adds what an attacker or a flaky network does next: replays of captured requests, tampering
 * that keeps a valid signature shape, bodies without a declared length, unknown commands and
 * buttons, and {@code chat.postMessage} answered with HTTP 429.
 *
 * <p>Every refusal is also checked for its side effect: a refused mention must not be answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SlackProtocolFaultsTest {

    static final String SECRET = "faults-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(400);
    static final ObjectMapper JSON = new ObjectMapper();

    FakeSlackApi fake;
    Engine engine;
    HttpEndpoint http;
    SlackBot bot;
    URI events;
    final SlackSigning signing = new SlackSigning(SECRET);
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        fake = new FakeSlackApi();
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")))
                .withSlack(new BotConfig.Slack("xoxb-faults", null, SECRET, fake.apiUrl(), List.of())));
        http = new HttpEndpoint("127.0.0.1", 0);
        bot = new SlackBot(engine, http);
        bot.start();
        http.start();
        events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
    }

    @AfterAll
    void stop() throws Exception {
        if (bot != null) bot.close();
        if (http != null) http.close();
        if (engine != null) engine.close();
        if (fake != null) fake.close();
    }

    String unique(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    String mention(String channel, String text) {
        return SlackPayloads.appMention(unique("EvF"), "UFAULT" + ids.incrementAndGet(), channel,
                "<@" + FakeSlackApi.BOT_USER + "> " + text, "1700000300.00" + (1000 + ids.incrementAndGet()), null);
    }

    List<FakeSlackApi.Call> postsTo(String channel) {
        return fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.json().path("channel").asText())).toList();
    }

    List<FakeSlackApi.Call> deliveredTo(String channel) {
        return postsTo(channel).stream().filter(c -> c.status() == 200).toList();
    }

    List<FakeSlackApi.Call> awaitDelivered(String channel, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<FakeSlackApi.Call> got = deliveredTo(channel);
            if (got.size() >= n) return got;
            sleep(10);
        }
        throw new AssertionError("expected " + n + " delivered post(s) to " + channel + ", got " + postsTo(channel));
    }

    /** Nothing was posted to {@code channel}, now or during a short quiet period. */
    void assertNothingPostedTo(String channel) {
        long deadline = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(postsTo(channel)).as("posts to %s", channel).isEmpty();
            sleep(20);
        }
    }

    // ---- replay ------------------------------------------------------------------------------

    @Test
    void aCapturedRequestReplayedAfterFiveMinutesIsRefusedAndNotAnswered() throws Exception {
        String channel = unique("CREPLAY");
        String body = mention(channel, "habits");
        long now = Instant.now().getEpochSecond();
        // captured 5 min 1 s ago with a valid signature for its own timestamp, and replayed verbatim now
        HttpRequest replay = signing.signed(events, body, now - 301).build();
        assertThat(signing.send(replay).statusCode()).isEqualTo(401);
        // a clock far in the future is no better: replays cannot be pre-dated either
        assertThat(signing.send(signing.signed(events, body, now + 301).build()).statusCode()).isEqualTo(401);
        assertNothingPostedTo(channel);
        // the same body, signed now, is served: the refusal was about the age and nothing else
        assertThat(signing.post(events, body).statusCode()).isEqualTo(200);
        awaitDelivered(channel, 1);
    }

    @Test
    void aRequestReplayedInsideTheWindowIsAckedButAnsweredOnce() throws Exception {
        String channel = unique("CREPLAY2");
        HttpRequest captured = signing.signed(events, mention(channel, "learning")).build();
        for (int i = 0; i < 3; i++) assertThat(signing.send(captured).statusCode()).isEqualTo(200);
        awaitDelivered(channel, 1);
        Thread.sleep(QUIET.toMillis());
        assertThat(deliveredTo(channel)).as("one reply for three deliveries of one event").hasSize(1);
    }

    // ---- tampering ----------------------------------------------------------------------------

    @Test
    void tamperedBodiesAndHeadersAreRefusedAndNotAnswered() throws Exception {
        String channel = unique("CTAMPER");
        String other = unique("CVICTIM");
        String body = mention(channel, "habits");
        long now = Instant.now().getEpochSecond();
        String signature = signing.signature(now, body);
        // the body redirected to another channel, the signature kept
        assertThat(post(body.replace(channel, other), now, signature)).isEqualTo(401);
        // one byte appended
        assertThat(post(body + " ", now, signature)).isEqualTo(401);
        // the timestamp header moved to dodge the age check, the signature kept
        assertThat(post(body, now + 1, signature)).isEqualTo(401);
        // signature headers missing, empty, or not a number: refused, never a 500
        assertThat(signing.send(HttpRequest.newBuilder(events).timeout(WAIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode()).isEqualTo(401);
        assertThat(post(body, now, "")).isEqualTo(401);
        assertThat(signing.send(HttpRequest.newBuilder(events).timeout(WAIT).header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", "yesterday").header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode()).isEqualTo(401);
        // signed with another app's secret
        assertThat(post(body, now, new SlackSigning("someone-else").signature(now, body))).isEqualTo(401);
        assertNothingPostedTo(channel);
        assertNothingPostedTo(other);
    }

    int post(String body, long timestamp, String signature) throws Exception {
        return signing.send(HttpRequest.newBuilder(events).timeout(WAIT).header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp)).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    @Test
    void aSignedButMalformedPayloadIsA400NotA500() throws Exception {
        assertThat(signing.post(events, "payload=%7Bnot-json").statusCode()).isBetween(400, 499);
        assertThat(signing.post(events, "{\"type\":\"event_callback\",\"event\":").statusCode()).isBetween(400, 499);
        // and the bot still serves
        assertThat(signing.post(events, SlackPayloads.slashCommand("/quote", "habits", "UMALFORMED", "C0GENERAL",
                fake.responseUrl(unique("r")))).statusCode()).isEqualTo(200);
    }

    // ---- size ---------------------------------------------------------------------------------

    @Test
    void anOversizedBodyWithoutAContentLengthGets413AndTheBotKeepsServing() throws Exception {
        int size = SlackHttpHandler.DEFAULT_MAX_BODY + 6 * 1024;
        String body = SlackPayloads.slashCommand("/quote", "x".repeat(size), "UBIG", "C0GENERAL", fake.responseUrl(unique("r")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // a stream of unknown length goes out chunked: no Content-Length to refuse early on
        HttpRequest chunked = signing.signed(events, body)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        assertThat(signing.send(chunked).statusCode()).isEqualTo(413);
        // a body just under the limit is read, verified and answered (too long for a query, said politely)
        String under = SlackPayloads.slashCommand("/quote", "y".repeat(SlackHttpHandler.DEFAULT_MAX_BODY - 2048), "UBIG2", "C0GENERAL",
                fake.responseUrl(unique("r")));
        HttpResponse<String> ok = signing.post(events, under);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("too long");
    }

    // ---- unknown commands and buttons -----------------------------------------------------------

    @Test
    void anUnknownSlashCommandGetsAHelpfulReplyNotAnError() throws Exception {
        HttpResponse<String> r = signing.post(events, SlackPayloads.slashCommand("/quotes", "habits", "UUNKNOWN", "C0GENERAL",
                fake.responseUrl(unique("r"))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode ack = JSON.readTree(r.body());
        assertThat(ack.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.toString()).contains("/quotes").contains("/quote help");
    }

    @Test
    void anUnknownButtonGetsAHelpfulReplyNotAnError() throws Exception {
        String responseId = unique("unknown-action");
        HttpResponse<String> r = signing.post(events, SlackPayloads.blockAction("retired_button_v0", "p|q|1|habits", "UUNKNOWN",
                "C0GENERAL", fake.responseUrl(responseId)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        FakeSlackApi.Call said = awaitResponse(responseId);
        assertThat(said.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(said.json().path("replace_original").asBoolean(true)).isFalse();
        assertThat(said.json().path("text").asText()).contains("no longer works");
    }

    FakeSlackApi.Call awaitResponse(String responseId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (FakeSlackApi.Call c : fake.calls("response_url")) if (c.path().endsWith("/" + responseId)) return c;
            sleep(10);
        }
        throw new AssertionError("nothing posted to response_url " + responseId);
    }

    // ---- 429 on chat.postMessage ----------------------------------------------------------------

    @Test
    void aMentionReplyRateLimitedWith429IsRetriedAfterRetryAfterAndDeliveredOnce() throws Exception {
        String channel = unique("C429");
        fake.rateLimitNext("chat.postMessage", 1);
        assertThat(signing.post(events, mention(channel, "habits")).statusCode()).isEqualTo(200);
        List<FakeSlackApi.Call> delivered = awaitDelivered(channel, 1);
        List<FakeSlackApi.Call> all = postsTo(channel);
        assertThat(all).extracting(FakeSlackApi.Call::status).containsExactly(429, 200);
        assertThat(Duration.between(all.get(0).at(), all.get(1).at())).as("waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        Thread.sleep(QUIET.toMillis());
        assertThat(deliveredTo(channel)).as("delivered exactly once").hasSize(1);
        assertThat(delivered.get(0).field("blocks").toString()).containsIgnoringCase("habit");
        // and the next mention in that channel goes straight through
        assertThat(signing.post(events, mention(channel, "learning")).statusCode()).isEqualTo(200);
        awaitDelivered(channel, 2);
        assertThat(postsTo(channel)).hasSize(3);
    }

    @Test
    void aRetryAfterBeyondTheBoundIsNotWaitedFor() throws Exception {
        String channel = unique("C429LONG");
        fake.rateLimitNext("chat.postMessage", 3600);
        assertThat(signing.post(events, mention(channel, "habits")).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (postsTo(channel).isEmpty() && System.nanoTime() < deadline) sleep(10);
        Thread.sleep(QUIET.toMillis());
        // one attempt, refused for an hour: the adapter gives up (and logs) instead of holding a worker for an hour
        assertThat(postsTo(channel)).extracting(FakeSlackApi.Call::status).containsExactly(429);
        // a later mention in the channel is served normally
        assertThat(signing.post(events, mention(channel, "learning")).statusCode()).isEqualTo(200);
        awaitDelivered(channel, 1);
    }

    /**
     * A runaway integration mentions the bot in one channel faster than it can answer (here: the
     * first answer waits 3 s on a 429). The channel's backlog stops at its bound; what is over it is
     * acked and dropped, not queued without end, and what was queued is still answered in order.
     */
    @Test
    void aFloodOfMentionsInOneChannelIsAnsweredUpToItsBacklogAndTheRestDropped() throws Exception {
        String channel = unique("CFLOOD");
        fake.rateLimitNext("chat.postMessage", 3);
        int sent = 1 + SlackBot.MENTIONS_WAITING_PER_CHANNEL + 5;
        long t0 = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            assertThat(signing.post(events, mention(channel, "habits " + i)).statusCode()).as("mention %d acked", i).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the flood arrived while the first answer waited").isLessThan(Duration.ofSeconds(3));
        int answered = 1 + SlackBot.MENTIONS_WAITING_PER_CHANNEL;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deliveredTo(channel).size() < answered && System.nanoTime() < deadline) sleep(20);
        Thread.sleep(QUIET.toMillis());
        assertThat(deliveredTo(channel)).as("the one running and the %d waiting, no more", SlackBot.MENTIONS_WAITING_PER_CHANNEL).hasSize(answered);
        // a later mention, once the backlog drained, is answered as usual
        assertThat(signing.post(events, mention(channel, "learning")).statusCode()).isEqualTo(200);
        awaitDelivered(channel, answered + 1);
    }

    /**
     * Issue 17: eight channels whose first reply is refused with 429 and {@code Retry-After: 4},
     * then sixteen slash commands at once. The retries wait on their own scheduler, so no thread
     * that serves acks waits on them: every ack comes back in under a second (Slack allows three),
     * and every reply is still delivered, once.
     */
    @Test
    void acksStayQuickWhileRepliesWaitOutRateLimits() throws Exception {
        List<String> channels = java.util.stream.IntStream.range(0, 8).mapToObj(i -> unique("CSTALL")).toList();
        for (String channel : channels) fake.rateLimitNext("chat.postMessage", channel, 4);
        for (String channel : channels) assertThat(signing.post(events, mention(channel, "habits")).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (channels.stream().anyMatch(c -> postsTo(c).isEmpty()) && System.nanoTime() < deadline) sleep(10);
        assertThat(channels).allSatisfy(c -> assertThat(postsTo(c)).extracting(FakeSlackApi.Call::status).containsExactly(429));

        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<String> topics = List.of("habits", "learning", "deep learning", "education");
            List<java.util.concurrent.Future<long[]>> acks = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = SlackPayloads.slashCommand("/quote", topics.get(i % topics.size()), unique("USTALL"), "C0GENERAL",
                        fake.responseUrl(unique("stall")));
                acks.add(clients.submit(() -> {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = signing.post(events, body);
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    return new long[] {r.statusCode(), millis, r.body().contains("\"blocks\"") ? 1 : 0};
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<long[]> f : acks) {
                long[] ack = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(ack[0]).isEqualTo(200);
                assertThat(ack[1]).as("ack time in ms").isLessThan(1000);
                assertThat(ack[2]).as("the reply is in the ack").isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
        // the rate-limited replies go out after their Retry-After, each exactly once
        long retried = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (channels.stream().anyMatch(c -> deliveredTo(c).isEmpty()) && System.nanoTime() < retried) sleep(50);
        Thread.sleep(QUIET.toMillis());
        for (String channel : channels) {
            List<FakeSlackApi.Call> posts = postsTo(channel);
            assertThat(posts).extracting(FakeSlackApi.Call::status).as("posts to %s", channel).containsExactly(429, 200);
            assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(3950));
        }
    }

    @Test
    void aDailyPostRateLimitedWith429IsRetriedByThePosterAndDeliveredOnce() throws Exception {
        String channel = unique("CDAILY429");
        Poster poster = bot.poster();
        fake.rateLimitNext("chat.postMessage", 1);
        long t0 = System.nanoTime();
        poster.post(channel, new Reply.Info("daily", "Good morning"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(WAIT);
        assertThat(postsTo(channel)).extracting(FakeSlackApi.Call::status).containsExactly(429, 200);
        assertThat(deliveredTo(channel)).hasSize(1);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
