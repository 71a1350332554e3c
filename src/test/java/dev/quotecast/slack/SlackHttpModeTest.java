package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Quote;
import dev.quotecast.ops.HttpEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Slack adapter in HTTP mode, end to end: the real Bolt app behind the JDK HttpServer adapter,
 * signed requests in, Web API calls and {@code response_url} posts out to {@link FakeSlackApi}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackHttpModeTest {

    static final String SECRET = "test-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SLOW_TOPIC = "learning slowly";

    FakeSlackApi fake;
    Engine engine;
    HttpEndpoint http;
    SlackBot bot;
    URI events;
    SlackSigning signing = new SlackSigning(SECRET);
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseSlow = new CountDownLatch(1);
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        fake = new FakeSlackApi();
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")))
                .withSlack(new BotConfig.Slack("xoxb-test", null, SECRET, fake.apiUrl(), List.of("UCONFIGADMIN"))));
        http = new HttpEndpoint("127.0.0.1", 0);
        // the real commands, recorded, and made slow for one topic so that the ack deadline is exercised
        bot = new SlackBot(engine, http, request -> {
            requests.add(request);
            if (request.command() instanceof Command.Quote q && q.topic().equals(SLOW_TOPIC)) await(releaseSlow);
            return engine.commands().handle(request);
        }, SlackBot.DEFAULT_ACK_BUDGET);
        bot.start();
        http.start();
        events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
    }

    @AfterAll
    void stop() throws Exception {
        releaseSlow.countDown();
        if (bot != null) bot.close();
        if (http != null) http.close();
        if (engine != null) engine.close();
        if (fake != null) fake.close();
    }

    String user() {
        return "U" + ids.incrementAndGet() + "X";
    }

    String unique(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    JsonNode slash(String command, String text, String user, String responseId) throws Exception {
        HttpResponse<String> r = signing.post(events, SlackPayloads.slashCommand(command, text, user, "C0GENERAL", fake.responseUrl(responseId)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<JsonNode> buttons(JsonNode blocks) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode b : blocks) if (b.path("type").asText().equals("actions")) b.path("elements").forEach(out::add);
        return out;
    }

    static JsonNode button(JsonNode blocks, String actionId) {
        return buttons(blocks).stream().filter(b -> b.path("action_id").asText().equals(actionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + actionId + " button in " + blocks));
    }

    static String firstSection(JsonNode blocks) {
        for (JsonNode b : blocks) if (b.path("type").asText().equals("section") && b.path("text").path("text").asText().startsWith(">")) {
            return b.path("text").path("text").asText();
        }
        throw new AssertionError("no quote section in " + blocks);
    }

    @Test
    void aSignedSlashCommandIsAnsweredInTheAckWithPrivateBlocks() throws Exception {
        String responseId = unique("r");
        JsonNode ack = slash("/quote", "deep learning", user(), responseId);
        Quote best = engine.commands().quotes("deep learning").get(0);
        assertThat(ack.path("response_type").asText()).isEqualTo("ephemeral");
        JsonNode blocks = ack.path("blocks");
        assertThat(firstSection(blocks)).isEqualTo(">" + Mrkdwn.fit(best.text(), BlockKitRenderer.SECTION_LIMIT - 1));
        String citation = blocks.toString();
        assertThat(citation).contains("Andrew Ng").contains("Lex Fridman Podcast #73").contains("Feb 20, 2020")
                .contains("<https://www.youtube.com/watch?v=0jspaMLxBig&t=" + best.moment().startSeconds() + "s|" + best.moment().clock() + ">");
        assertThat(buttons(blocks)).extracting(b -> b.path("text").path("text").asText())
                .containsExactly("Another", "Show context", "Post to channel");
        // answered in the ack, so nothing goes through response_url
        Thread.sleep(200);
        assertThat(fake.calls("response_url")).noneMatch(c -> c.path().endsWith("/" + responseId));
    }

    @Test
    void helpAndNotFoundAreRendered() throws Exception {
        JsonNode help = slash("/quote", "help", user(), unique("r"));
        assertThat(help.path("blocks").toString()).contains("/quote TOPIC").contains("/advice").contains("/episode 73").contains("/quote daily");
        JsonNode none = slash("/ask", "what is the airspeed velocity of an unladen swallow?", user(), unique("r"));
        assertThat(none.path("blocks").toString()).contains(":mag:").contains("transcripts don't answer");
        JsonNode episode = slash("/episode", "73", user(), unique("r"));
        assertThat(episode.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(button(episode.path("blocks"), BlockKitRenderer.ACTION_POST).path("value").asText()).isEqualTo("p|e|73");
    }

    /**
     * Slack sends {@code &}, {@code <} and {@code >} in what people type as {@code &amp;},
     * {@code &lt;} and {@code &gt;}: the bot reads them once as the characters they stand for,
     * searches for those, and shows them once escaped (which Slack displays as typed).
     */
    @Test
    void entitiesInWhatPeopleTypeAreReadOnce() throws Exception {
        String user = user();
        JsonNode ack = slash("/quote", "Q&amp;A &lt;b&gt;", user, unique("r"));
        assertThat(requestOf(user).command()).isEqualTo(new Command.Quote("Q&A <b>", 0));
        assertThat(ack.path("blocks").toString()).contains("You asked: “Q&amp;A &lt;b&gt;”").doesNotContain("&amp;amp;")
                .doesNotContain("&amp;lt;");
        // an escaped entity typed literally is decoded once, not twice
        String literal = user();
        slash("/quote", "fish &amp;amp; chips", literal, unique("r"));
        assertThat(requestOf(literal).command()).isEqualTo(new Command.Quote("fish &amp; chips", 0));

        String mentioner = user();
        String channel = unique("CENTITY");
        assertThat(signing.post(events, SlackPayloads.appMention(unique("Ev"), mentioner, channel,
                "<@" + FakeSlackApi.BOT_USER + "> quote deep learning &amp; jobs", "1700000400.000400", null)).statusCode()).isEqualTo(200);
        awaitPost(channel, 1);
        assertThat(requestOf(mentioner).command()).isEqualTo(new Command.Quote("deep learning & jobs", 0));
    }

    @Test
    void aBadSignatureOrAStaleTimestampGets401() throws Exception {
        String body = SlackPayloads.slashCommand("/quote", "habits", user(), "C0GENERAL", fake.responseUrl(unique("r")));
        HttpRequest forged = signing.signed(events, body).setHeader("X-Slack-Signature", new SlackSigning("wrong").signature(Instant.now().getEpochSecond(), body)).build();
        assertThat(signing.send(forged).statusCode()).isEqualTo(401);
        HttpRequest stale = signing.signed(events, body, Instant.now().minusSeconds(360).getEpochSecond()).build();
        assertThat(signing.send(stale).statusCode()).isEqualTo(401);
        HttpRequest tampered = signing.signed(events, body).POST(HttpRequest.BodyPublishers.ofString(body.replace("habits", "secrets"))).build();
        assertThat(signing.send(tampered).statusCode()).isEqualTo(401);
        assertThat(signing.post(events, body).statusCode()).isEqualTo(200);
    }

    @Test
    void theUrlVerificationChallengeIsAnswered() throws Exception {
        HttpResponse<String> r = signing.post(events, "{\"token\":\"unused\",\"challenge\":\"chal-123\",\"type\":\"url_verification\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("chal-123");
        HttpResponse<String> get = signing.send(HttpRequest.newBuilder(events).GET().timeout(Duration.ofSeconds(5)).build());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyOver64KbIsRefusedWith413() throws Exception {
        String body = SlackPayloads.slashCommand("/quote", "x".repeat(70 * 1024), user(), "C0GENERAL", fake.responseUrl(unique("r")));
        assertThat(signing.post(events, body).statusCode()).isEqualTo(413);
    }

    @Test
    void aSlowCommandAcksWithin3sAndDeliversThroughResponseUrl() throws Exception {
        String responseId = unique("slow");
        long t0 = System.nanoTime();
        HttpResponse<String> ack = signing.post(events, SlackPayloads.slashCommand("/quote", SLOW_TOPIC, user(), "C0GENERAL", fake.responseUrl(responseId)));
        long ackMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMillis).as("ack time").isLessThan(3000).isGreaterThanOrEqualTo(SlackBot.DEFAULT_ACK_BUDGET.toMillis() - 50);
        assertThat(ack.body()).doesNotContain("blocks");
        assertThat(fake.calls("response_url")).noneMatch(c -> c.path().endsWith(responseId));
        releaseSlow.countDown();
        FakeSlackApi.Call late = fake.await("response_url", 1, WAIT).stream().filter(c -> c.path().endsWith(responseId)).findFirst()
                .orElseGet(() -> awaitPath(responseId));
        assertThat(late.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(late.json().path("blocks").toString()).contains("Post to channel");
    }

    FakeSlackApi.Call awaitPath(String responseId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (FakeSlackApi.Call c : fake.calls("response_url")) if (c.path().endsWith("/" + responseId)) return c;
            sleep(20);
        }
        throw new AssertionError("nothing posted to response_url " + responseId);
    }

    @Test
    void aMentionIsAnsweredInItsThreadAndARetryIsNotAnsweredTwice() throws Exception {
        String channel = unique("CMENTION");
        String eventId = unique("Ev");
        String mention = SlackPayloads.appMention(eventId, user(), channel, "<@" + FakeSlackApi.BOT_USER + "> what did he say about deep learning?",
                "1700000100.000100", null);
        assertThat(signing.post(events, mention).statusCode()).isEqualTo(200);
        FakeSlackApi.Call post = awaitPost(channel, 1).get(0);
        assertThat(post.json().path("thread_ts").asText()).isEqualTo("1700000100.000100");
        JsonNode blocks = post.field("blocks");
        assertThat(blocks.toString()).contains("*Q:*").contains("Lex Fridman Podcast #73").contains("youtube.com/watch");
        assertThat(buttons(blocks)).extracting(b -> b.path("action_id").asText()).doesNotContain(BlockKitRenderer.ACTION_POST);

        HttpRequest retry = signing.signed(events, mention).header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout").build();
        assertThat(signing.send(retry).statusCode()).isEqualTo(200);
        // a reply in a thread started elsewhere goes to that thread
        String threaded = SlackPayloads.appMention(unique("Ev"), user(), channel, "<@" + FakeSlackApi.BOT_USER + "> quote deep learning",
                "1700000200.000200", "1700000000.000001");
        assertThat(signing.post(events, threaded).statusCode()).isEqualTo(200);
        List<FakeSlackApi.Call> posts = awaitPost(channel, 2);
        Thread.sleep(300);
        posts = postsTo(channel);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).json().path("thread_ts").asText()).isEqualTo("1700000000.000001");
    }

    List<FakeSlackApi.Call> postsTo(String channel) {
        return fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.json().path("channel").asText())).toList();
    }

    List<FakeSlackApi.Call> awaitPost(String channel, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<FakeSlackApi.Call> got = postsTo(channel);
            if (got.size() >= n) return got;
            sleep(20);
        }
        throw new AssertionError("expected " + n + " post(s) to " + channel + ", got " + postsTo(channel));
    }

    @Test
    void anotherGivesTheNextDistinctQuoteInPlace() throws Exception {
        String user = user();
        JsonNode ack = slash("/quote", "deep learning", user, unique("r"));
        JsonNode another = button(ack.path("blocks"), BlockKitRenderer.ACTION_ANOTHER);
        assertThat(another.path("value").asText()).isEqualTo("p|q|1|deep learning");
        String responseId = unique("another");
        assertThat(signing.post(events, SlackPayloads.blockAction(BlockKitRenderer.ACTION_ANOTHER, another.path("value").asText(), user,
                "C0GENERAL", fake.responseUrl(responseId))).statusCode()).isEqualTo(200);
        FakeSlackApi.Call next = awaitPath(responseId);
        List<Quote> quotes = engine.commands().quotes("deep learning");
        String shown = firstSection(next.json().path("blocks"));
        assertThat(shown).isEqualTo(">" + Mrkdwn.fit(quotes.get(1).text(), BlockKitRenderer.SECTION_LIMIT - 1))
                .isNotEqualTo(firstSection(ack.path("blocks")));
        assertThat(next.json().path("replace_original").asBoolean()).isTrue();
        assertThat(button(next.json().path("blocks"), BlockKitRenderer.ACTION_ANOTHER).path("value").asText()).isEqualTo("p|q|2|deep learning");
    }

    @Test
    void showContextAddsThePrivateSurroundings() throws Exception {
        String user = user();
        JsonNode ack = slash("/quote", "deep learning", user, unique("r"));
        String value = button(ack.path("blocks"), BlockKitRenderer.ACTION_CONTEXT).path("value").asText();
        String responseId = unique("ctx");
        signing.post(events, SlackPayloads.blockAction(BlockKitRenderer.ACTION_CONTEXT, value, user, "C0GENERAL", fake.responseUrl(responseId)));
        FakeSlackApi.Call shown = awaitPath(responseId);
        assertThat(shown.json().path("replace_original").asBoolean()).isFalse();
        assertThat(shown.json().path("response_type").asText()).isEqualTo("ephemeral");
        Quote best = engine.commands().quotes("deep learning").get(0);
        String text = shown.json().path("blocks").get(0).path("text").path("text").asText();
        assertThat(text.length()).isGreaterThan(Mrkdwn.escape(best.text()).length());
        assertThat(text).contains("*" + Mrkdwn.escape(best.text()).substring(0, 30));
    }

    @Test
    void postToChannelPostsInChannelAndRemovesThePrivateCopy() throws Exception {
        String user = user();
        JsonNode ack = slash("/quote", "deep learning", user, unique("r"));
        String value = button(ack.path("blocks"), BlockKitRenderer.ACTION_POST).path("value").asText();
        String responseId = unique("post");
        signing.post(events, SlackPayloads.blockAction(BlockKitRenderer.ACTION_POST, value, user, "C0GENERAL", fake.responseUrl(responseId)));
        FakeSlackApi.Call posted = awaitPath(responseId);
        assertThat(posted.json().path("response_type").asText()).isEqualTo("in_channel");
        assertThat(firstSection(posted.json().path("blocks"))).isEqualTo(firstSection(ack.path("blocks")));
        assertThat(buttons(posted.json().path("blocks"))).extracting(b -> b.path("action_id").asText()).doesNotContain(BlockKitRenderer.ACTION_POST);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.calls("response_url").stream().filter(c -> c.path().endsWith("/" + responseId)).count() < 2 && System.nanoTime() < deadline) sleep(20);
        List<FakeSlackApi.Call> both = fake.calls("response_url").stream().filter(c -> c.path().endsWith("/" + responseId)).toList();
        assertThat(both).hasSize(2);
        assertThat(both.get(1).json().path("delete_original").asBoolean()).isTrue();
    }

    @Test
    void dailyIsHandedToTheEngineWithTheAdminFlag() throws Exception {
        String member = user(), workspaceAdmin = user();
        fake.admin(workspaceAdmin, true);
        slash("/quote", "daily list", member, unique("r"));
        slash("/quote", "daily 09:00 Europe/Berlin advice", workspaceAdmin, unique("r"));
        slash("/quote", "daily off", "UCONFIGADMIN", unique("r"));
        assertThat(requestOf(member).admin()).isFalse();
        assertThat(requestOf(member).command()).isEqualTo(new Command.Daily("list"));
        assertThat(requestOf(workspaceAdmin).admin()).isTrue();
        assertThat(requestOf(workspaceAdmin).channel()).isEqualTo("C0GENERAL");
        assertThat(requestOf("UCONFIGADMIN").admin()).isTrue();
        assertThat(fake.calls("users.info")).extracting(c -> c.json().path("user").asText()).contains(member, workspaceAdmin).doesNotContain("UCONFIGADMIN");
    }

    Request requestOf(String user) {
        return requests.stream().filter(r -> user.equals(r.user())).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void theAppHomeShowsTodaysAdviceAndUsage() throws Exception {
        String user = user();
        assertThat(signing.post(events, SlackPayloads.appHomeOpened(unique("Ev"), user)).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.calls("views.publish").stream().noneMatch(c -> user.equals(c.json().path("user_id").asText())) && System.nanoTime() < deadline) sleep(20);
        FakeSlackApi.Call publish = fake.calls("views.publish").stream().filter(c -> user.equals(c.json().path("user_id").asText())).findFirst().orElseThrow();
        JsonNode view = publish.field("view");
        assertThat(view.path("type").asText()).isEqualTo("home");
        Reply advice = engine.commands().handle(Request.of("test", "home-check", new Command.Advice(null, false)));
        assertThat(advice).isInstanceOf(Reply.AdviceReply.class);
        assertThat(view.path("blocks").toString()).contains("Advice of the day").contains("/quote TOPIC")
                .contains(JSON.writeValueAsString(">" + Mrkdwn.fit(((Reply.AdviceReply) advice).advice().text(), 2999)).replace("\"", ""));
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
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
