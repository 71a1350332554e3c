package dev.quotecast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.quotecast.Engine;
import dev.quotecast.bot.Commands;
import dev.quotecast.config.BotConfig;
import dev.quotecast.discord.DiscordBot;
import dev.quotecast.discord.FakeDiscord;
import dev.quotecast.discord.FakePayloads;
import dev.quotecast.discord.FakeRest;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackBot;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Slack and Discord at once, on loopback, for a bounded time: signed slash commands and mention
 * events into Bolt's HTTP mode, and mentions through the fake Discord gateway into JDA.
 *
 * <p>What must hold: every Slack request is acked 200 (slash commands with their answer in the
 * ack), every mention is answered exactly once, and mentions in one channel are answered in the
 * order they were received. Each Slack channel is driven by one client that waits for each ack,
 * so "received" order is well defined; the Discord gateway is one ordered stream already.
 * Queries alternate between uncached questions (a search) and cached quotes (instant), the mix
 * that lets a quick reply overtake a slow one when replies are not ordered per channel.
 *
 * <p>The load is bounded in time ({@link #PHASE}) and count (caps per client). Mentions are paced
 * as a busy channel would be: at most {@link #SLACK_IN_FLIGHT_PER_CHANNEL} unanswered per Slack
 * channel and {@link #DISCORD_IN_FLIGHT} on Discord (acks are instant, answers are searches; an
 * unpaced flood measures only how long the backlog gets). Slash commands are not paced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LoadTest {

    static final Duration PHASE = Duration.ofSeconds(10);
    static final Duration DRAIN = Duration.ofSeconds(20);
    static final String SECRET = "load-signing-secret";
    static final int SLACK_CHANNELS = 4;
    static final int SLASH_CLIENTS = 4;
    static final int PER_CLIENT_CAP = 5_000;
    static final int DISCORD_CAP = 5_000;
    static final int DISCORD_IN_FLIGHT = 40;
    static final int SLACK_IN_FLIGHT_PER_CHANNEL = 10;

    Engine engine;
    FakeSlackApi slackFake;
    HttpEndpoint http;
    SlackBot slack;
    URI events;
    FakeDiscord discord;
    DiscordBot discordBot;
    final SlackSigning signing = new SlackSigning(SECRET);
    Level commandsLevel;
    /** Replies the Slack fake accepted, per channel, counted as they arrive (cheaper than re-reading every call). */
    final Map<String, AtomicInteger> slackReplies = new ConcurrentHashMap<>();
    final AtomicInteger slackTs = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        // the per-user limit is a feature, not the subject here
        BotConfig d = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts")));
        slackFake = new FakeSlackApi();
        discord = FakeDiscord.start();
        engine = Engine.start(new BotConfig(d.source(), d.transcriptDirs(), d.indexDir(), d.stateDir(), d.cache(),
                new BotConfig.Limits(1_000_000, d.limits().maxQueryChars()), d.http(),
                new BotConfig.Slack("xoxb-load", null, SECRET, slackFake.apiUrl(), List.of()), discord.config(), d.scheduling(),
                d.schedule(), d.zone()));
        slackFake.answer("chat.postMessage", call -> {
            String channel = call.json().path("channel").asText();
            slackReplies.computeIfAbsent(channel, k -> new AtomicInteger()).incrementAndGet();
            return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700009999." + (100000 + slackTs.incrementAndGet()) + "\"}";
        });
        http = new HttpEndpoint("127.0.0.1", 0);
        slack = new SlackBot(engine, http);
        slack.start();
        http.start();
        events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
        discordBot = new DiscordBot(engine, discord.config());
        discordBot.start();
        assertThat(discordBot.awaitReady(Duration.ofSeconds(10))).as("JDA ready").isTrue();
        // one INFO line per command is right in production and only noise at thousands per second
        Logger commands = (Logger) LoggerFactory.getLogger(Commands.class);
        commandsLevel = commands.getLevel();
        commands.setLevel(Level.WARN);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Commands.class)).setLevel(commandsLevel);
        if (discordBot != null) discordBot.close();
        if (discord != null) discord.close();
        if (slack != null) slack.close();
        if (http != null) http.close();
        if (engine != null) engine.close();
        if (slackFake != null) slackFake.close();
    }

    /** Every 2nd query is a question no one asked before (a search); the others hit the cache. */
    static String query(int n) {
        return n % 2 == 0 ? "what did he say about learning number " + n + "?" : "quote learning";
    }

    @Test
    void slackAndDiscordUnderConcurrentLoad() throws Exception {
        long deadline = System.nanoTime() + PHASE.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(SLACK_CHANNELS + SLASH_CLIENTS + 1);
        Map<String, List<String>> sentByChannel = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger slashSent = new AtomicInteger();
        AtomicInteger mentionsSent = new AtomicInteger();
        AtomicLong ackNanos = new AtomicLong();
        AtomicLong maxAckNanos = new AtomicLong();
        List<String> discordSent = new CopyOnWriteArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        long t0 = System.nanoTime();

        for (int c = 0; c < SLACK_CHANNELS; c++) {
            String channel = "CLOAD" + c;
            List<String> sent = new ArrayList<>();
            sentByChannel.put(channel, sent);
            running.add(clients.submit(() -> {
                for (int n = 0; n < PER_CLIENT_CAP && System.nanoTime() < deadline; n++) {
                    // a channel's pace: at most a few mentions waiting for their answer
                    while (n - replies(channel) >= SLACK_IN_FLIGHT_PER_CHANNEL && System.nanoTime() < deadline) Thread.sleep(1);
                    String ts = String.format("1700001%03d.%06d", channel.hashCode() & 0x3ff, n);
                    String body = SlackPayloads.appMention("EvL" + channel + "-" + n, "ULOAD" + (n % 7), channel,
                            "<@" + FakeSlackApi.BOT_USER + "> " + query(n), ts, null);
                    long s = System.nanoTime();
                    HttpResponse<String> r = signing.post(events, body);
                    record(ackNanos, maxAckNanos, System.nanoTime() - s);
                    if (r.statusCode() != 200) failures.add("mention " + channel + "#" + n + ": HTTP " + r.statusCode());
                    sent.add(ts);
                    mentionsSent.incrementAndGet();
                }
                return null;
            }));
        }
        for (int c = 0; c < SLASH_CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int n = 0; n < PER_CLIENT_CAP && System.nanoTime() < deadline; n++) {
                    String topic = n % 3 == 0 ? "habit " + client + "-" + n : n % 3 == 1 ? "learning" : "deep learning";
                    long s = System.nanoTime();
                    HttpResponse<String> r = signing.post(events, SlackPayloads.slashCommand("/quote", topic, "USLASH" + (n % 11),
                            "CSLASH" + client, slackFake.responseUrl("load-" + client + "-" + n)));
                    record(ackNanos, maxAckNanos, System.nanoTime() - s);
                    if (r.statusCode() != 200) failures.add("slash " + client + "#" + n + ": HTTP " + r.statusCode());
                    else if (!r.body().contains("\"blocks\"")) failures.add("slash " + client + "#" + n + ": no answer in the ack: " + r.body());
                    slashSent.incrementAndGet();
                }
                return null;
            }));
        }
        running.add(clients.submit(() -> {
            long base = 7_200_000_000_000_000_000L;
            for (int n = 0; n < DISCORD_CAP && System.nanoTime() < deadline; n++) {
                // keep a bounded number of mentions unanswered, as a real channel's pace would
                while (discordSent.size() - discord.rest().created().size() >= DISCORD_IN_FLIGHT && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                String id = Long.toString(base + n);
                discord.mention(id, FakePayloads.USER_ID, query(n));
                discordSent.add(id);
            }
            return null;
        }));
        for (Future<?> f : running) f.get(PHASE.toSeconds() + DRAIN.toSeconds(), TimeUnit.SECONDS);
        clients.shutdown();
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;

        // every mention answered: wait (bounded) for the last replies to arrive
        long drainBy = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < drainBy && (slackDelivered() < mentionsSent.get() || discord.rest().created().size() < discordSent.size())) {
            Thread.sleep(20);
        }
        Thread.sleep(300);   // a duplicate would show up in this time

        int requests = slashSent.get() + mentionsSent.get();
        System.out.printf("LoadTest: %d ms of load: Slack %d slash commands + %d mentions over HTTP (%.0f req/s, mean ack %.2f ms, max %.1f ms),"
                        + " Discord %d mentions; Slack posts delivered %d, Discord replies created %d%n",
                loadMillis, slashSent.get(), mentionsSent.get(), requests * 1000.0 / loadMillis, ackNanos.get() / 1e6 / Math.max(1, requests),
                maxAckNanos.get() / 1e6, discordSent.size(), slackDelivered(), discord.rest().created().size());

        assertThat(failures).as("failed requests").isEmpty();
        assertThat(slashSent.get()).as("slash commands sent").isGreaterThan(100);
        assertThat(mentionsSent.get()).as("Slack mentions sent").isGreaterThan(100);
        assertThat(discordSent).as("Discord mentions sent").hasSizeGreaterThan(100);

        // Slack: per channel, the replies' thread_ts in delivery order are exactly the mentions in the order sent
        for (Map.Entry<String, List<String>> e : sentByChannel.entrySet()) {
            List<String> replied = slackFake.delivered("chat.postMessage").stream()
                    .filter(c -> e.getKey().equals(c.json().path("channel").asText()))
                    .map(c -> c.json().path("thread_ts").asText()).toList();
            assertThat(replied).as("replies in %s: each mention once, in order", e.getKey()).containsExactlyElementsOf(e.getValue());
        }
        // Discord: the replies' message_reference in creation order are exactly the mentions in the order sent
        List<String> answered = discord.rest().created().all().stream().map(r -> r.json().path("message_reference").path("message_id").asText()).toList();
        assertThat(answered).as("Discord replies: each mention once, in order").containsExactlyElementsOf(discordSent);
        assertThat(discord.rest().created().all()).as("no 'too busy' replies")
                .noneMatch(r -> r.body().contains("answering a lot of people"));
        assertThat(discord.rest().requests().matching(r -> r.is("POST", "channels/\\d+/messages")).size())
                .as("no POST needed a retry").isEqualTo(discordSent.size());
    }

    int replies(String channel) {
        AtomicInteger n = slackReplies.get(channel);
        return n == null ? 0 : n.get();
    }

    int slackDelivered() {
        int total = 0;
        for (int c = 0; c < SLACK_CHANNELS; c++) total += replies("CLOAD" + c);
        return total;
    }

    static void record(AtomicLong total, AtomicLong max, long nanos) {
        total.addAndGet(nanos);
        max.accumulateAndGet(nanos, Math::max);
    }
}
