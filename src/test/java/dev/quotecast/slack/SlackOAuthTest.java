package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.schedule.DailyContent;
import dev.quotecast.schedule.DailyScheduler;
import dev.quotecast.schedule.MutableClock;
import dev.quotecast.schedule.PostOutcome;
import dev.quotecast.schedule.RetryPolicy;
import dev.quotecast.schedule.Target;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed Slack app (issue 16), through Bolt's own OAuth support against {@link FakeSlackApi}:
 * "Add to Slack" and the redirect on the bot's HTTP port, the state checked, each workspace answered
 * with its own token, {@code app_uninstalled} and {@code tokens_revoked} removing the install, and
 * daily posts into each workspace with its token. Here with the file store (one process); the
 * two-replica test does the same across processes on PostgreSQL.
 */
@Timeout(60)
class SlackOAuthTest {

    static final String SECRET = "oauth-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path state;
    FakeSlackApi fake;
    Engine engine;
    HttpEndpoint http;
    SlackBot bot;
    URI base;
    final SlackSigning signing = new SlackSigning(SECRET);
    final SlackInstallFlow browser = new SlackInstallFlow();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlackApi();
        BotConfig.Slack slack = new BotConfig.Slack(null, null, SECRET, fake.apiUrl(), List.of("UADMIN"),
                new BotConfig.Distribution("111.222", "client-secret", "https://bot.example.com/slack/oauth_redirect",
                        BotConfig.Distribution.MANIFEST_SCOPES));
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")))
                .withStateDir(state).withSlack(slack));
        http = new HttpEndpoint("127.0.0.1", 0);
        bot = new SlackBot(engine, http);
        bot.start();
        http.start();
        base = URI.create("http://127.0.0.1:" + http.port() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) bot.close();
        if (http != null) http.close();
        if (engine != null) engine.close();
        if (fake != null) fake.close();
    }

    HttpResponse<String> event(String body) throws Exception {
        return signing.post(base.resolve(SlackBot.EVENTS_PATH), body);
    }

    List<FakeSlackApi.Call> repliesIn(String channel) {
        return fake.delivered("chat.postMessage").stream().filter(c -> channel.equals(c.json().path("channel").asText())).toList();
    }

    @Test
    void theInstallPageHandsOutAStateAndTheRedirectSavesTheWorkspacesToken() throws Exception {
        SlackInstallFlow.Started started = browser.start(base);
        assertThat(started.page().statusCode()).isEqualTo(200);
        assertThat(started.page().body()).contains("Add to Slack");
        assertThat(started.param("client_id")).isEqualTo("111.222");
        assertThat(started.param("scope")).isEqualTo(String.join(",", BotConfig.Distribution.MANIFEST_SCOPES));
        assertThat(started.param("redirect_uri")).isEqualTo("https://bot.example.com/slack/oauth_redirect");
        assertThat(started.state()).isNotBlank();
        assertThat(started.cookie()).isEqualTo("slack-app-oauth-state=" + started.state());

        HttpResponse<String> done = browser.finish(base, fake.installCode("TONE"), started.state(), Optional.of(started.cookie()));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).doesNotContain("invalid_state");
        FakeSlackApi.Call exchange = fake.awaitOne("oauth.v2.access", WAIT);
        assertThat(exchange.json().path("code").asText()).startsWith("code-TONE-");
        assertThat(exchange.body() + " " + exchange.authorization()).as("the app's credentials").satisfiesAnyOf(
                b -> assertThat(b).contains("client_secret=client-secret"), b -> assertThat(b).contains("Basic "));
        String token = fake.tokenOf("TONE").orElseThrow();

        // a mention from that workspace is answered with its own token
        assertThat(event(SlackPayloads.inTeam(SlackPayloads.appMention("Ev1", "U1", "CONE", "<@UBOTTONE> habits", "1700000001.000100", null), "TONE"))
                .statusCode()).isEqualTo(200);
        FakeSlackApi.Call reply = awaitReply("CONE");
        assertThat(reply.authorization()).isEqualTo("Bearer " + token);

        // a state used once is spent; a forged one, or one without its cookie, is refused before Slack is asked
        int exchanges = fake.calls("oauth.v2.access").size();
        // (Bolt answers a refused state with its failure page, "invalid_state")
        assertThat(browser.finish(base, fake.installCode("TTWO"), started.state(), Optional.of(started.cookie())).body()).contains("invalid_state");
        SlackInstallFlow.Started other = browser.start(base);
        assertThat(browser.finish(base, fake.installCode("TTWO"), "forged-state", Optional.of(other.cookie())).body()).contains("invalid_state");
        assertThat(browser.finish(base, fake.installCode("TTWO"), other.state(), Optional.empty()).body()).contains("invalid_state");
        assertThat(fake.calls("oauth.v2.access")).hasSize(exchanges);
    }

    @Test
    void eachWorkspaceIsAnsweredWithItsOwnTokenAndAnUnknownOneNotAtAll() throws Exception {
        browser.install(fake, "TAAA", base, base);
        browser.install(fake, "TBBB", base, base);
        event(SlackPayloads.inTeam(SlackPayloads.appMention("EvA", "U1", "CAAA", "<@UBOTTAAA> habits", "1700000001.000200", null), "TAAA"));
        event(SlackPayloads.inTeam(SlackPayloads.appMention("EvB", "U1", "CBBB", "<@UBOTTBBB> habits", "1700000001.000300", null), "TBBB"));
        assertThat(awaitReply("CAAA").authorization()).isEqualTo("Bearer " + fake.tokenOf("TAAA").orElseThrow());
        assertThat(awaitReply("CBBB").authorization()).isEqualTo("Bearer " + fake.tokenOf("TBBB").orElseThrow());
        HttpResponse<String> stranger = event(SlackPayloads.inTeam(
                SlackPayloads.appMention("EvC", "U1", "CCCC", "<@UBOT> habits", "1700000001.000400", null), "TCCC"));
        assertThat(stranger.statusCode()).as("a workspace that never installed the app").isEqualTo(401);
        Thread.sleep(300);
        assertThat(repliesIn("CCCC")).isEmpty();
    }

    @Test
    void appUninstalledAndTokensRevokedRemoveTheInstallation() throws Exception {
        browser.install(fake, "TGONE", base, base);
        browser.install(fake, "TREVOKE", base, base);
        assertThat(event(SlackPayloads.appUninstalled("EvU", "TGONE")).statusCode()).isEqualTo(200);
        assertThat(event(SlackPayloads.tokensRevoked("EvR", "TREVOKE")).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int gone, revoked;
        do {
            Thread.sleep(50);
            gone = event(SlackPayloads.inTeam(SlackPayloads.appMention("EvG" + System.nanoTime(), "U1", "CGONE", "<@U> habits", "1700000002.000100", null),
                    "TGONE")).statusCode();
            revoked = event(SlackPayloads.inTeam(SlackPayloads.appMention("EvV" + System.nanoTime(), "U1", "CREV", "<@U> habits", "1700000002.000200", null),
                    "TREVOKE")).statusCode();
        } while ((gone != 401 || revoked != 401) && System.nanoTime() < deadline);
        assertThat(gone).as("after app_uninstalled").isEqualTo(401);
        assertThat(revoked).as("after tokens_revoked").isEqualTo(401);
        // installing again brings it back, with a new token
        browser.install(fake, "TGONE", base, base);
        event(SlackPayloads.inTeam(SlackPayloads.appMention("EvBack", "U1", "CBACK", "<@UBOTTGONE> habits", "1700000003.000100", null), "TGONE"));
        assertThat(awaitReply("CBACK").authorization()).isEqualTo("Bearer " + fake.tokenOf("TGONE").orElseThrow());
    }

    @Test
    void aDailyPostSetInAWorkspaceGoesOutWithItsToken() throws Exception {
        browser.install(fake, "TDAILY", base, base);
        MutableClock clock = new MutableClock(Instant.parse("2025-06-02T06:00:00Z"));
        List<PostOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (DailyScheduler scheduler = new DailyScheduler(engine.config(), new DailyContent(engine.commands()), List.of(bot.poster()), clock,
                RetryPolicy.defaults())) {
            scheduler.addListener(outcomes::add);
            var commands = scheduler.chatCommands();
            var request = new dev.quotecast.bot.Request("slack", "UADMIN", SlackChannel.qualified(null, "TDAILY", "CDAILY"),
                    new dev.quotecast.bot.Command.Daily("07:00 UTC"), true);
            assertThat(commands.handle(request, (dev.quotecast.bot.Command.Daily) request.command())).isInstanceOf(dev.quotecast.bot.Reply.Info.class);
            assertThat(scheduler.targets()).extracting(Target::channel).containsExactly("TDAILY:CDAILY");
            clock.set(Instant.parse("2025-06-02T07:00:10Z"));
            scheduler.runDue(clock.instant());
            assertThat(outcomes).extracting(PostOutcome::status).containsExactly(PostOutcome.Status.SENT);
            FakeSlackApi.Call post = repliesIn("CDAILY").get(0);
            assertThat(post.authorization()).isEqualTo("Bearer " + fake.tokenOf("TDAILY").orElseThrow());
            assertThat(post.field("metadata").path("event_type").asText()).isEqualTo("quotecast_daily_post");
            // the post can be found again by its mark, as a replica settling a dead one's claim would
            var found = bot.poster().recover("TDAILY:CDAILY", new dev.quotecast.schedule.PostMark("chat:slack:TDAILY:CDAILY",
                    java.time.LocalDate.parse("2025-06-02")), clock.instant(), null);
            assertThat(found).isInstanceOf(dev.quotecast.schedule.Poster.Recovery.AlreadyPosted.class);
            var missing = bot.poster().recover("TDAILY:CDAILY", new dev.quotecast.schedule.PostMark("chat:slack:TDAILY:CDAILY",
                    java.time.LocalDate.parse("2025-06-03")), clock.instant(), null);
            assertThat(missing).isInstanceOf(dev.quotecast.schedule.Poster.Recovery.NotPosted.class);
            // a workspace that is not installed: refused for good, not retried
            clock.set(Instant.parse("2025-06-03T07:00:10Z"));
            event(SlackPayloads.appUninstalled("EvDU", "TDAILY"));
            Thread.sleep(500);
            scheduler.runDue(clock.instant());
            assertThat(outcomes.get(outcomes.size() - 1).status()).isEqualTo(PostOutcome.Status.FAILED);
            assertThat(outcomes.get(outcomes.size() - 1).detail()).contains("not installed");
        }
    }

    FakeSlackApi.Call awaitReply(String channel) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (repliesIn(channel).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no reply in " + channel + "; calls: " + fake.calls().stream().map(FakeSlackApi.Call::method).toList());
            Thread.sleep(20);
        }
        return repliesIn(channel).get(0);
    }
}
