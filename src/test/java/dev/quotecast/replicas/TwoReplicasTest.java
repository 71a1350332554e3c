package dev.quotecast.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.slack.FakeSlackApi;
import dev.quotecast.slack.SlackInstallFlow;
import dev.quotecast.slack.SlackPayloads;
import dev.quotecast.slack.SlackSigning;
import dev.quotecast.state.TestPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Quotecast replicas, each a real {@code quotecast run} in its own JVM, sharing one real
 * PostgreSQL ({@link TestPostgres}), a distributed Slack app behind the loopback fake (each replica
 * with its own front door to the same fake Slack, as behind a load balancer):
 *
 * <ul>
 *   <li>a workspace installed through the OAuth flow on replica A is answered by replica B (and an
 *       install started on A may finish on B; an uninstall through B stops A answering);</li>
 *   <li>a Slack event delivered to both (at once, or as Slack's retry to the other) is answered once;</li>
 *   <li>daily posts due at a minute, set from chat through either replica, go out exactly once each,
 *       while replicas are killed with SIGKILL as they hold a claim and started again: the survivor
 *       settles the dead one's claims by looking the post up in the channel's history, and sends
 *       those that are not there.</li>
 * </ul>
 *
 * <p>Trials: {@code -Dquotecast.replicaTrials.rounds=R} rounds (default 1) of
 * {@code -Dquotecast.replicaTrials.posts=N} posts (default 200), with up to
 * {@code -Dquotecast.replicaTrials.kills=K} kills per round (default 3). The README gives the
 * figures of a benchmark-size run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class TwoReplicasTest {

    static final String SECRET = "replica-signing-secret";
    static final String TEAM = "TTRIAL";
    static final String ADMIN = "UADMIN";
    static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(4);
    static final Duration SEND_TIME = Duration.ofMillis(60);
    static final int ROUNDS = Integer.getInteger("quotecast.replicaTrials.rounds", 1);
    static final int POSTS = Integer.getInteger("quotecast.replicaTrials.posts", 200);
    static final int KILLS = Integer.getInteger("quotecast.replicaTrials.kills", 3);

    Path dir;
    String url;
    FakeSlackApi slack;
    final Map<String, FakeSlackApi> doors = new HashMap<>();
    final Map<String, QuotecastProcess> replicas = new HashMap<>();
    final SlackSigning signing = new SlackSigning(SECRET);
    final SlackInstallFlow browser = new SlackInstallFlow();
    final Random random = new Random(16);

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        url = TestPostgres.require().newDatabase("replicas");
        slack = new FakeSlackApi();
        doors.put("replica-a", slack);
        doors.put("replica-b", slack.frontDoor());
        CompletableFuture<QuotecastProcess> a = CompletableFuture.supplyAsync(() -> launch("replica-a"));
        CompletableFuture<QuotecastProcess> b = CompletableFuture.supplyAsync(() -> launch("replica-b"));
        replicas.put("replica-a", a.get(120, TimeUnit.SECONDS));
        replicas.put("replica-b", b.get(120, TimeUnit.SECONDS));
        // the workspace the trials run in: installed through replica A
        HttpResponse<String> installed = browser.install(slack, TEAM, replicas.get("replica-a").base(), replicas.get("replica-a").base());
        assertThat(installed.body()).doesNotContain("invalid_state");
    }

    @AfterAll
    void stop() throws Exception {
        for (QuotecastProcess p : replicas.values()) p.close();
        for (FakeSlackApi d : doors.values()) d.close();
    }

    String yaml(String name) {
        return """
                transcripts: { dir: "%s" }
                index: { embeddings: false }
                state:
                  dir: "%s"
                  url: "%s"
                  replicaTimeout: %ds
                http: { port: PORT }
                limits: { perUserPerMinute: 100000 }
                slack:
                  clientId: "111.222"
                  clientSecret: "replica-client-secret"
                  signingSecret: "%s"
                  apiUrl: "%s"
                  admins: [%s]
                """.formatted(Path.of("transcripts").toAbsolutePath(), dir.resolve("state-" + name), url, REPLICA_TIMEOUT.toSeconds(), SECRET,
                doors.get(name).apiUrl(), ADMIN);
    }

    QuotecastProcess launch(String name) {
        try {
            return QuotecastProcess.start(name, dir, yaml(name), List.of()).awaitHealthy(Duration.ofSeconds(90));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(QuotecastProcess to, String body, int retryNum) throws Exception {
        HttpRequest.Builder b = signing.signed(to.events(), body);
        if (retryNum > 0) b.header("X-Slack-Retry-Num", String.valueOf(retryNum)).header("X-Slack-Retry-Reason", "http_timeout");
        return signing.send(b.build());
    }

    List<FakeSlackApi.Call> posts(String channel) {
        return slack.delivered("chat.postMessage").stream().filter(c -> channel.equals(c.json().path("channel").asText())).toList();
    }

    @Test
    @Order(1)
    void aWorkspaceInstalledThroughOneReplicaIsAnsweredByTheOther() throws Exception {
        QuotecastProcess a = replicas.get("replica-a"), b = replicas.get("replica-b");
        // TTRIAL was installed through A: B answers it with its token
        assertThat(post(b, SlackPayloads.inTeam(SlackPayloads.appMention("EvInstalledOnA", "U1", "CINSTALL", "<@UBOTTTRIAL> habits",
                "1700000100.000001", null), TEAM), 0).statusCode()).isEqualTo(200);
        FakeSlackApi.Call reply = awaitOne("CINSTALL");
        assertThat(reply.authorization()).isEqualTo("Bearer " + slack.tokenOf(TEAM).orElseThrow());

        // an install started on A and finished on B: the state is shared too
        assertThat(browser.install(slack, "TSPLIT", a.base(), b.base()).body()).doesNotContain("invalid_state");
        post(a, SlackPayloads.inTeam(SlackPayloads.appMention("EvSplit", "U1", "CSPLIT", "<@UBOTTSPLIT> habits", "1700000100.000002", null), "TSPLIT"), 0);
        assertThat(awaitOne("CSPLIT").authorization()).isEqualTo("Bearer " + slack.tokenOf("TSPLIT").orElseThrow());

        // uninstalled through B: A stops answering it
        assertThat(post(b, SlackPayloads.appUninstalled("EvUninstall", "TSPLIT"), 0).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            Thread.sleep(100);
            status = post(a, SlackPayloads.inTeam(SlackPayloads.appMention("EvGone" + System.nanoTime(), "U1", "CGONE", "<@U> habits",
                    "1700000100.000003", null), "TSPLIT"), 0).statusCode();
        } while (status != 401 && System.nanoTime() < deadline);
        assertThat(status).as("A, after the uninstall went through B").isEqualTo(401);

        // and /healthz of both says where state is and that the database answers; /metrics shows the pool
        for (QuotecastProcess p : List.of(a, b)) {
            HttpResponse<String> health = p.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"store\":\"postgresql\"").contains("\"database\":\"ok\"");
            assertThat(p.get("/metrics").body()).contains("hikaricp_connections_active").contains("quotecast_state_database_up 1.0");
        }
    }

    @Test
    @Order(2)
    void aSlackEventDeliveredToBothReplicasIsAnsweredOnce() throws Exception {
        QuotecastProcess a = replicas.get("replica-a"), b = replicas.get("replica-b");
        int events = 100;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String ts = String.format("1700000200.%06d", i);
                String body = SlackPayloads.inTeam(SlackPayloads.appMention("EvBoth" + i, "U" + (i % 9), "CDEDUP", "<@UBOTTTRIAL> quote learning",
                        ts, null), TEAM);
                if (i % 2 == 0) {
                    // delivered to both at once (a load balancer that retried too soon)
                    CountDownLatch go = new CountDownLatch(1);
                    sent.add(pool.submit(() -> { go.await(); return post(a, body, 0).statusCode(); }));
                    sent.add(pool.submit(() -> { go.await(); return post(b, body, 1).statusCode(); }));
                    go.countDown();
                } else {
                    // Slack's retry of an event the first replica acked late, sent to the other
                    QuotecastProcess first = i % 4 == 1 ? a : b, second = first == a ? b : a;
                    sent.add(pool.submit(() -> {
                        int s1 = post(first, body, 0).statusCode();
                        int s2 = post(second, body, 1).statusCode();
                        return s1 == 200 && s2 == 200 ? 200 : 500;
                    }));
                }
            }
            for (Future<?> f : sent) assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (posts("CDEDUP").size() < events && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(1500);   // a second answer would arrive in this time
        Map<String, Long> perEvent = posts("CDEDUP").stream().collect(Collectors.groupingBy(c -> c.json().path("thread_ts").asText(), Collectors.counting()));
        long twice = perEvent.values().stream().filter(n -> n > 1).count();
        System.out.printf("TwoReplicasTest: %d events each delivered to both replicas (%d at once, %d as a retry to the other): %d answered, %d twice, %d not at all%n",
                events, events / 2, events / 2, perEvent.size(), twice, events - perEvent.size());
        assertThat(perEvent).hasSize(events);
        assertThat(twice).as("events answered twice").isZero();
    }

    /** What the daily-post trials found. */
    record Tally(int trials, int duplicates, int missed, int kills, int claimsHeldAtDeath, int lostInFlight, Map<String, Integer> sentBy) {}

    /** How the survivors settled claims left by killed replicas, counted in every replica's log. */
    Map<String, Integer> settlements() throws Exception {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains("which stopped before recording it")) out.merge("found in the channel", 1, Integer::sum);
                    if (line.contains("and stopped; sending it here")) out.merge("not in the channel: sent by the survivor", 1, Integer::sum);
                    if (line.contains("outcome unknown")) out.merge("unknown", 1, Integer::sum);
                }
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void dailyPostsDueAtAMinuteGoOutExactlyOnceWhileReplicasAreKilledHoldingClaims() throws Exception {
        doors.values().forEach(d -> d.delay("chat.postMessage", SEND_TIME));
        int trials = 0, duplicates = 0, missed = 0, kills = 0, held = 0, lost = 0;
        Map<String, Integer> sentBy = new HashMap<>();
        long t0 = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            Tally t = round(round);
            trials += t.trials();
            duplicates += t.duplicates();
            missed += t.missed();
            kills += t.kills();
            held += t.claimsHeldAtDeath();
            lost += t.lostInFlight();
            t.sentBy().forEach((k, v) -> sentBy.merge(k, v, Integer::sum));
        }
        doors.values().forEach(d -> d.delay("chat.postMessage", Duration.ZERO));
        System.out.printf("TwoReplicasTest: %d daily posts due at a minute in %d round(s) over two replicas on one PostgreSQL: %d duplicate(s), %d missed;"
                        + " %d SIGKILL(s) of a replica holding a claim (%d claim(s) held at death, %d post(s) lost in flight with it);"
                        + " the dead ones' claims settled: %s; recorded as sent by: %s; %.0f s%n",
                trials, ROUNDS, duplicates, missed, kills, held, lost, settlements(), sentBy, (System.nanoTime() - t0) / 1e9);
        assertThat(duplicates).as("posts sent twice").isZero();
        assertThat(missed).as("posts never sent").isZero();
        assertThat(kills).as("replicas killed while holding a claim").isGreaterThan(0);
    }

    private Tally round(int round) throws Exception {
        // schedules for the next whole minute at least 15 s away, set through both replicas
        Instant now = Instant.now();
        Instant due = now.plusSeconds(15).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        LocalTime at = LocalTime.ofInstant(due, ZoneOffset.UTC);
        List<String> channels = new ArrayList<>();
        List<String> names = List.of("replica-a", "replica-b");
        for (int i = 0; i < POSTS; i++) {
            String channel = "CR" + round + "N" + i;
            channels.add(channel);
            String post = i % 4 == 0 ? "quote:learning" : "advice";
            String body = SlackPayloads.inTeam(SlackPayloads.slashCommand("/quote", "daily " + at + " UTC " + post, ADMIN, channel,
                    slack.responseUrl("daily-" + round + "-" + i)), TEAM);
            HttpResponse<String> r = post(replicas.get(names.get(i % 2)), body, 0);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as(r.body()).contains("Done");
        }
        while (Instant.now().isBefore(due)) Thread.sleep(50);

        // while the posts go out: kill a replica as soon as it holds a claim, start it again, repeat.
        // Two kinds of kill, in turn: (1) while Slack holds one of its posts (SEND_TIME), and that post
        // is then said never to have left (lost in flight): the survivor must find it missing from the
        // channel and send it; (2) a random moment after it claimed: the post is in the channel or not
        // yet sent, and the survivor must tell which.
        int kills = 0, held = 0, lost = 0;
        Instant stopKillingAt = due.plusSeconds(30);
        while (kills < KILLS && Instant.now().isBefore(stopKillingAt) && settled(channels) < channels.size()) {
            boolean inFlight = kills % 2 == 0;
            // the replica whose turn it is, or the other when it has nothing in hand now
            String first = names.get((round + kills) % 2);
            String victim = null;
            for (int attempt = 0; victim == null && attempt < 6 && Instant.now().isBefore(stopKillingAt); attempt++) {
                String candidate = attempt % 2 == 0 ? first : names.get((round + kills + 1) % 2);
                if (inFlight ? inFlight(candidate) : holdsAClaim(candidate)) victim = candidate;
            }
            if (victim == null) break;   // neither sends anything now: the round is nearly done
            QuotecastProcess v = replicas.get(victim);
            String id = v.replicaId();
            if (!inFlight) {
                // a moment later: before its post left, or while Slack holds it (SEND_TIME), or just after
                Thread.sleep(random.nextInt((int) SEND_TIME.toMillis() + 20));
            }
            v.kill();
            kills++;
            held += claimsOf(id);
            if (inFlight) {
                lost += doors.get(victim).loseHeld();
                doors.get(victim).delay("chat.postMessage", SEND_TIME);
            }
            replicas.put(victim, launch(victim));
        }
        // the survivors settle the dead one's claims after state.replicaTimeout; every channel gets its post
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (settled(channels) < channels.size() && System.nanoTime() < deadline) Thread.sleep(100);
        Thread.sleep(REPLICA_TIMEOUT.toMillis() + 2000);   // a second post would arrive in this time
        int duplicates = 0, missed = 0;
        for (String c : channels) {
            List<FakeSlackApi.Call> p = posts(c);
            if (p.isEmpty()) missed++;
            if (p.size() > 1) duplicates++;
            for (FakeSlackApi.Call call : p) assertThat(call.field("metadata").path("event_type").asText()).isEqualTo("quotecast_daily_post");
        }
        System.out.printf("TwoReplicasTest: round %d: %d posts due at %s, %d kill(s), %d claim(s) held at death, %d lost in flight: %d duplicate(s), %d missed%n",
                round, channels.size(), due, kills, held, lost, duplicates, missed);
        return new Tally(channels.size(), duplicates, missed, kills, held, lost, countByReplica(channels));
    }

    /** How many of the round's channels have their post. */
    private int settled(List<String> channels) {
        java.util.Set<String> done = slack.delivered("chat.postMessage").stream().map(c -> c.json().path("channel").asText())
                .collect(Collectors.toSet());
        return (int) channels.stream().filter(done::contains).count();
    }

    /** Posts recorded DONE per claiming replica's name (the part before its random tag). */
    private Map<String, Integer> countByReplica(List<String> channels) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement q = c.prepareStatement("SELECT claimed_by, count(*) FROM quotecast_daily_posts WHERE status = 'DONE' AND target_id = ANY (?) GROUP BY claimed_by")) {
            q.setArray(1, c.createArrayOf("text", channels.stream().map(ch -> "chat:slack:" + TEAM + ":" + ch).toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String by = r.getString(1) == null ? "?" : r.getString(1).replaceAll("-[a-z0-9]{8}$", "");
                    out.merge(by, r.getInt(2), Integer::sum);
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code name} has a post in flight: its door holds the next post for 3 s, long enough
     * to be sure it is still in flight when the replica dies (else the door goes back to SEND_TIME).
     */
    private boolean inFlight(String name) throws Exception {
        FakeSlackApi door = doors.get(name);
        door.delay("chat.postMessage", Duration.ofSeconds(3));
        Thread.sleep(SEND_TIME.toMillis() + 40);   // the posts held for SEND_TIME only are answered by now
        if (awaitHeld(door, Duration.ofMillis(2500))) return true;   // so this one is held for 3 s: the kill lands in it
        door.delay("chat.postMessage", SEND_TIME);
        return false;
    }

    private boolean holdsAClaim(String name) throws Exception {
        return awaitClaimBy(replicas.get(name).replicaId(), Duration.ofMillis(2500));
    }

    /** Waits until {@code door} holds a post of its replica's (claimed, so in flight at Slack). */
    private boolean awaitHeld(FakeSlackApi door, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (door.held() > 0) return true;
            Thread.sleep(2);
        }
        return false;
    }

    private boolean awaitClaimBy(String replicaId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM quotecast_daily_posts WHERE status = 'CLAIMED' AND claimed_by = ? LIMIT 1")) {
            q.setString(1, replicaId);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) return true;
                }
                Thread.sleep(2);
            }
        }
        return false;
    }

    private int claimsOf(String replicaId) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM quotecast_daily_posts WHERE status = 'CLAIMED' AND claimed_by = ?")) {
            q.setString(1, replicaId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    FakeSlackApi.Call awaitOne(String channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (posts(channel).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no reply in " + channel + "\nA:\n" + replicas.get("replica-a").tail(30) + "\nB:\n" + replicas.get("replica-b").tail(30));
            }
            Thread.sleep(20);
        }
        return posts(channel).get(0);
    }
}
