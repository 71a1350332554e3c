package dev.quotecast.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.discord.FakePayloads;
import dev.quotecast.discord.FakeRest;
import dev.quotecast.discord.FakeShardedDiscord;
import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackInstallFlow;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import dev.quotecast.state.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on two replicas, twice in one run: first sharing one PostgreSQL ({@code state.url}), then
 * each on its own files ({@code state.dir}), with everything else the same: two real
 * {@code quotecast run} JVMs, a distributed Slack app in HTTP mode behind the Slack fake (one front
 * door per replica), and one Discord bot of two shards on the sharded gateway fake (shard 0 in
 * replica A, shard 1 in B).
 *
 * <p>Each phase sends {@code quotecast.replicaLoad.slack} signed Slack requests (default 2,000;
 * half {@code /quote} slash commands, whose answer is in the ack, half {@code app_mention} events,
 * answered with {@code chat.postMessage}), alternately to A and B from 8 clients, and meanwhile
 * {@code quotecast.replicaLoad.discord} Discord mentions (default 500) spread over the servers of
 * both shards. It counts errors (an ack other than 200, a request that failed), duplicate and
 * missing replies, and measures per request: the ack of a slash command, the ack of a mention,
 * mention to reply on Slack and on Discord. The difference between the phases is what the shared
 * state adds per request (on Slack: the workspace's installation read from the database, and for
 * events the event-id claim). The two stores take turns, {@code quotecast.replicaLoad.rounds} times
 * each (default 2), so that the machine's other work falls on both alike; then the two state
 * operations are timed alone, in this JVM, against the same stores.
 *
 * <p>A benchmark, not part of {@code mvn verify} (the name does not end in Test): run it with
 * {@code mvn -B -o test -Dtest=TwoReplicasLoadBench}. BENCHMARKS.md has the figures of a run.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class TwoReplicasLoadBench {

    static final String SECRET = "load-signing-secret";
    static final int SLACK = Integer.getInteger("quotecast.replicaLoad.slack", 2000);
    static final int DISCORD = Integer.getInteger("quotecast.replicaLoad.discord", 500);
    static final int CLIENTS = 8;
    static final int WARMUP = 100;
    static final int DISCORD_IN_FLIGHT = 16;
    static final int ROUNDS = Integer.getInteger("quotecast.replicaLoad.rounds", 2);
    static final int OPERATIONS = 2000;

    final SlackSigning signing = new SlackSigning(SECRET);
    final SlackInstallFlow browser = new SlackInstallFlow();

    /** What one phase measured, in milliseconds. */
    record Phase(String store, int slackSent, int errors, int slackMentions, int slackAnswered, int slackTwice, int discordSent,
                 int discordAnswered, int discordTwice, double[] slashAck, double[] mentionAck, double[] slackReply, double[] discordReply,
                 double seconds) {
        int missing() {
            return (slackMentions - slackAnswered) + (discordSent - discordAnswered);
        }
    }

    @Test
    void twoReplicasOnPostgresqlBesideTwoOnFiles(@TempDir Path dir) throws Exception {
        String url = TestPostgres.require().newDatabase("load");
        try (FakeSlackApi slack = new FakeSlackApi(); FakeSlackApi doorB = slack.frontDoor();
             FakeShardedDiscord discord = FakeShardedDiscord.start(2, 4)) {
            // alternately, twice: the machine's other work falls on both stores alike
            List<Phase> phases = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                phases.add(phase("postgresql", round, dir, url, slack, doorB, discord));
                phases.add(phase("files", round, dir, null, slack, doorB, discord));
            }
            String direct = stateOperations(dir, url);
            report(phases, direct);
            for (Phase p : phases) {
                assertThat(p.errors()).as(p.store() + ": errors").isZero();
                assertThat(p.slackTwice() + p.discordTwice()).as(p.store() + ": duplicate replies").isZero();
                assertThat(p.missing()).as(p.store() + ": mentions not answered").isZero();
            }
        }
    }

    private String yaml(Path dir, String name, String url, FakeSlackApi door, FakeShardedDiscord discord, int shard) {
        String state = url == null ? "state: { dir: \"%s\" }".formatted(dir.resolve("state-" + name))
                : "state: { dir: \"%s\", url: \"%s\" }".formatted(dir.resolve("state-" + name), url);
        return """
                transcripts: { dir: "%s" }
                index: { embeddings: false }
                %s
                http: { port: PORT }
                limits: { perUserPerMinute: 100000 }
                slack:
                  clientId: "111.222"
                  clientSecret: "load-client-secret"
                  signingSecret: "%s"
                  apiUrl: "%s"
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  shards: { total: 2, ids: "%d" }
                """.formatted(Path.of("transcripts").toAbsolutePath(), state, SECRET, door.apiUrl(), dev.quotecast.discord.FakeDiscord.TOKEN,
                discord.rest().url(), discord.gateway().url(), shard);
    }

    private Phase phase(String storeName, int round, Path dir, String url, FakeSlackApi doorA, FakeSlackApi doorB, FakeShardedDiscord discord)
            throws Exception {
        String team = "TLOAD" + storeName.toUpperCase().replaceAll("[^A-Z]", "");
        String store = storeName + round;
        // the full JIT, as in production (QuotecastProcess starts replicas with C1 only, for quick tests)
        List<String> jvm = List.of("-XX:TieredStopAtLevel=4", "-Xmx512m");
        QuotecastProcess a = null, b = null;
        try {
            a = QuotecastProcess.start(store + "-a", dir, yaml(dir, store + "-a", url, doorA, discord, 0), jvm);
            b = QuotecastProcess.start(store + "-b", dir, yaml(dir, store + "-b", url, doorB, discord, 1), jvm);
            a.awaitHealthy(Duration.ofSeconds(120));
            b.awaitHealthy(Duration.ofSeconds(120));
            // the workspace installs through A; with files each replica keeps its own installs, so through B too
            assertThat(browser.install(doorA, team, a.base(), a.base()).body()).doesNotContain("invalid_state");
            if (url == null) assertThat(browser.install(doorA, team, b.base(), b.base()).body()).doesNotContain("invalid_state");
            QuotecastProcess[] replicas = {a, b};

            // warm-up: both replicas, both kinds, not measured
            for (int i = 0; i < WARMUP; i++) {
                slackRequest(replicas[i % 2], team, store + "w", i, doorA);
            }
            awaitSlackReplies(doorA, "C" + store + "w", WARMUP / 2, Duration.ofSeconds(60));

            int firstDiscordReply = discord.rest().created().size();
            Map<String, Long> discordSentAt = new ConcurrentHashMap<>();
            AtomicInteger errors = new AtomicInteger();
            List<double[]> slash = java.util.Collections.synchronizedList(new ArrayList<>());
            List<double[]> mentionAcks = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, Instant> mentionSentAt = new ConcurrentHashMap<>();
            long t0 = System.nanoTime();

            // Discord: mentions over the servers of both shards, at most DISCORD_IN_FLIGHT unanswered
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            Future<?> discordLoad = pool.submit(() -> {
                List<FakeShardedDiscord.Guild> guilds = discord.guilds();
                for (int i = 0; i < DISCORD; i++) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (discordSentAt.size() - (discord.rest().created().size() - firstDiscordReply) >= DISCORD_IN_FLIGHT
                            && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    String id = String.valueOf(740_000_000_000_000_000L + (storeName.equals("files") ? 100_000 : 0) + round * 1_000_000L + i);
                    discordSentAt.put(id, System.nanoTime());
                    discord.mention(i % guilds.size(), id, FakePayloads.USER_ID, i % 2 == 0 ? "habits" : "ask how do I learn faster");
                }
                return null;
            });
            // when each Discord reply was created, looked at every millisecond
            Map<String, Long> discordReplyAt = new ConcurrentHashMap<>();
            Map<String, Integer> discordReplies = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                int seen = firstDiscordReply;
                while (watching.get()) {
                    List<FakeRest.Request> all = discord.rest().created().all();
                    long now = System.nanoTime();
                    for (; seen < all.size(); seen++) {
                        String ref = all.get(seen).json().path("message_reference").path("message_id").asText();
                        if (!discordSentAt.containsKey(ref)) continue;
                        discordReplyAt.putIfAbsent(ref, now);
                        discordReplies.merge(ref, 1, Integer::sum);
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "discord-replies");
            watcher.start();

            // Slack: CLIENTS clients, request i to replica i % 2; even: a slash command, odd: a mention
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < SLACK) {
                        try {
                            Instant sent = Instant.now();
                            long s = System.nanoTime();
                            int status = slackRequest(replicas[i % 2], team, store, i, doorA);
                            double ms = (System.nanoTime() - s) / 1e6;
                            if (status != 200) errors.incrementAndGet();
                            if (i % 2 == 0) slash.add(new double[] {ms});
                            else {
                                mentionAcks.add(new double[] {ms});
                                mentionSentAt.put(ts(i), sent);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) f.get(10, TimeUnit.MINUTES);
            discordLoad.get(10, TimeUnit.MINUTES);
            pool.shutdown();
            int mentions = SLACK / 2;
            awaitSlackReplies(doorA, "C" + store, mentions, Duration.ofSeconds(60));
            long drainBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (discordReplyAt.size() < DISCORD && System.nanoTime() < drainBy) Thread.sleep(20);
            Thread.sleep(1500);   // a second reply would arrive in this time
            watching.set(false);
            watcher.join();
            double seconds = (System.nanoTime() - t0) / 1e9;

            List<FakeSlackApi.Call> posts = replies(doorA, "C" + store);
            Map<String, List<FakeSlackApi.Call>> byThread = posts.stream().collect(Collectors.groupingBy(p -> p.json().path("thread_ts").asText()));
            double[] slackReply = byThread.entrySet().stream().filter(e -> mentionSentAt.containsKey(e.getKey()))
                    .mapToDouble(e -> Duration.between(mentionSentAt.get(e.getKey()), e.getValue().get(0).at()).toNanos() / 1e6).toArray();
            double[] discordReply = discordReplyAt.entrySet().stream().mapToDouble(e -> (e.getValue() - discordSentAt.get(e.getKey())) / 1e6).toArray();
            return new Phase(storeName, SLACK, errors.get(), mentions, (int) byThread.keySet().stream().filter(mentionSentAt::containsKey).count(),
                    (int) byThread.values().stream().filter(l -> l.size() > 1).count(), DISCORD, discordReplyAt.size(),
                    (int) discordReplies.values().stream().filter(n -> n > 1).count(),
                    slash.stream().mapToDouble(x -> x[0]).toArray(), mentionAcks.stream().mapToDouble(x -> x[0]).toArray(), slackReply, discordReply,
                    seconds);
        } finally {
            if (a != null) a.close();
            if (b != null) b.close();
        }
    }

    /** Request {@code i} of a phase: even, {@code /quote} in channel C{tag}{i % 16}; odd, a mention there. */
    private int slackRequest(QuotecastProcess to, String team, String tag, int i, FakeSlackApi slack) throws Exception {
        String channel = "C" + tag + (i % 16);
        String body = i % 2 == 0
                ? SlackPayloads.inTeam(SlackPayloads.slashCommand("/quote", i % 4 == 0 ? "learning" : "habits", "U" + (i % 50), channel,
                        slack.responseUrl("load-" + tag + "-" + i)), team)
                : SlackPayloads.inTeam(SlackPayloads.appMention("Ev" + tag + i, "U" + (i % 50), channel,
                        "<@UBOT" + team + "> " + (i % 4 == 1 ? "ask how do I build a habit" : "quote focus"), ts(i), null), team);
        HttpResponse<String> r = signing.post(to.events(), body);
        return r.statusCode();
    }

    private static String ts(int i) {
        return String.format("1700000300.%06d", i);
    }

    private static List<FakeSlackApi.Call> replies(FakeSlackApi slack, String channelPrefix) {
        return slack.delivered("chat.postMessage").stream().filter(c -> c.json().path("channel").asText().startsWith(channelPrefix)
                && !c.json().path("channel").asText().startsWith(channelPrefix + "w")).toList();
    }

    private static void awaitSlackReplies(FakeSlackApi slack, String channelPrefix, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (replies(slack, channelPrefix).size() < count && System.nanoTime() < deadline) Thread.sleep(20);
    }

    static double pct(double[] v, double p) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** The values of {@code f} over every phase of {@code store}. */
    private static double[] pooled(List<Phase> phases, String store, java.util.function.Function<Phase, double[]> f) {
        return phases.stream().filter(p -> p.store().equals(store)).flatMapToDouble(p -> Arrays.stream(f.apply(p))).toArray();
    }

    /**
     * The state operations a Slack request makes, timed alone in this JVM against the same stores:
     * Bolt's installation lookup (every request of a distributed app) and the event-id claim (every
     * event). What the end-to-end figures add up, without the machine's noise around them.
     */
    private String stateOperations(Path dir, String url) throws Exception {
        com.slack.api.bolt.AppConfig app = com.slack.api.bolt.AppConfig.builder().clientId("111.222").clientSecret("load-client-secret")
                .signingSecret(SECRET).build();
        StringBuilder out = new StringBuilder("| state operation, µs: p50 / p99 (" + OPERATIONS + " each) | postgresql | files / memory |\n|---|---:|---:|\n");
        try (dev.quotecast.state.StateStore pg = dev.quotecast.state.postgres.PostgresStateStore.open(new dev.quotecast.config.BotConfig.SharedState(url),
                null, java.time.Clock.systemUTC());
             dev.quotecast.state.StateStore files = new dev.quotecast.state.FileStateStore(dir.resolve("state-files0-a"))) {
            var pgBots = pg.slackInstalls(app).installations();
            var fileBots = files.slackInstalls(app).installations();
            assertThat(pgBots.findBot(null, "TLOADPOSTGRESQL")).isNotNull();
            assertThat(fileBots.findBot(null, "TLOADFILES")).isNotNull();
            double[] pgFind = time(() -> pgBots.findBot(null, "TLOADPOSTGRESQL")), fileFind = time(() -> fileBots.findBot(null, "TLOADFILES"));
            AtomicInteger n = new AtomicInteger();
            double[] pgClaim = time(() -> pg.slackEvents().claim("EvDirect" + n.incrementAndGet()));
            double[] memClaim = time(() -> files.slackEvents().claim("EvDirect" + n.incrementAndGet()));
            out.append(String.format("| installation lookup (Bolt's findBot) | %.0f / %.0f | %.0f / %.0f |%n", pct(pgFind, 50), pct(pgFind, 99),
                    pct(fileFind, 50), pct(fileFind, 99)));
            out.append(String.format("| event-id claim | %.0f / %.0f | %.0f / %.0f |%n", pct(pgClaim, 50), pct(pgClaim, 99), pct(memClaim, 50),
                    pct(memClaim, 99)));
        }
        return out.toString();
    }

    private static double[] time(java.util.concurrent.Callable<?> op) throws Exception {
        for (int i = 0; i < 200; i++) op.call();   // warm
        double[] us = new double[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++) {
            long s = System.nanoTime();
            op.call();
            us[i] = (System.nanoTime() - s) / 1e3;
        }
        return us;
    }

    private void report(List<Phase> phases, String direct) throws Exception {
        StringBuilder out = new StringBuilder();
        Map<String, java.util.function.Function<Phase, double[]>> rows = new LinkedHashMap<>();
        rows.put("Slack /quote ack (answer in the ack)", Phase::slashAck);
        rows.put("Slack mention ack", Phase::mentionAck);
        rows.put("Slack mention to reply", Phase::slackReply);
        rows.put("Discord mention to reply", Phase::discordReply);
        out.append("TwoReplicasLoadBench: two replicas; each of ").append(phases.size()).append(" phases (postgresql and files in turn) ")
                .append(SLACK).append(" signed Slack requests from ").append(CLIENTS).append(" clients and ").append(DISCORD)
                .append(" Discord mentions at once\n");
        out.append("| per request, ms: p50 / p99 (phases pooled) | postgresql | files | added by PostgreSQL: p50 / p99 |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, java.util.function.Function<Phase, double[]>> r : rows.entrySet()) {
            double[] pg = pooled(phases, "postgresql", r.getValue()), f = pooled(phases, "files", r.getValue());
            out.append(String.format("| %s | %.1f / %.1f | %.1f / %.1f | %+.1f / %+.1f |%n", r.getKey(), pct(pg, 50), pct(pg, 99), pct(f, 50), pct(f, 99),
                    pct(pg, 50) - pct(f, 50), pct(pg, 99) - pct(f, 99)));
        }
        out.append(direct);
        for (Phase p : phases) {
            out.append(String.format("%s: %d Slack requests, %d error(s); %d Slack mentions answered of %d, %d twice; %d Discord mentions answered of %d,"
                            + " %d twice; %.1f s; p50 /quote ack %.1f ms, mention ack %.1f ms%n", p.store(), p.slackSent(), p.errors(), p.slackAnswered(),
                    p.slackMentions(), p.slackTwice(), p.discordAnswered(), p.discordSent(), p.discordTwice(), p.seconds(), pct(p.slashAck(), 50),
                    pct(p.mentionAck(), 50)));
        }
        out.append(String.format("load average at the end: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.print(out);
        Path report = Path.of("target", "replica-load.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }
}
