package dev.quotecast.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step 5: signed Slack slash commands over HTTP to a Quotecast child ({@link SlackServer}) on
 * 127.0.0.1, from several concurrent Java clients for a bounded time. This JVM also plays Slack's
 * Web API ({@code auth.test}) and the {@code response_url} a slow reply is posted to, so a reply
 * counts as delivered whether it came in the ack or afterwards; its latency is until it arrived.
 * Needs the Slack adapter ({@code dev.quotecast.slack}); without it the step says it was skipped.
 */
final class SlackEndToEnd {

    static final String SECRET = "bench-signing-secret";
    /** Distinct queries per command in the request pool: the first pass misses the cache, later ones hit. */
    static final int POOL_PER_KIND = 500;
    /** Requests before measuring, so the server's JIT and caches settle. */
    static final Duration WARMUP = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ChildJvm children;
    private final Path work;
    private final PrintWriter progress;

    SlackEndToEnd(ChildJvm children, Path work, PrintWriter progress) {
        this.children = children;
        this.work = work;
        this.progress = progress;
    }

    /** Named, not referenced: this class must load (and report the skip) in a build without the adapter. */
    static final String SERVER_MAIN = "dev.quotecast.bench.SlackServer";

    static boolean adapterPresent() {
        ClassLoader cl = SlackEndToEnd.class.getClassLoader();
        return cl.getResource("dev/quotecast/slack/SlackBot.class") != null && cl.getResource(SERVER_MAIN.replace('.', '/') + ".class") != null;
    }

    EndToEnd run(int size, Path index, Path inputs, Path shared, int seconds, int clients, List<String> jvmOptions) {
        if (!adapterPresent()) return new EndToEnd.Skipped("skipped: Slack adapter not present");
        Map<String, CompletableFuture<Long>> late = new ConcurrentHashMap<>();
        HttpServer fake = fakeSlack(late);
        Process server = null;
        try {
            String api = "http://127.0.0.1:" + fake.getAddress().getPort();
            Path queries = work.resolve("slack-queries-" + size + ".tsv");
            server = children.start(jvmOptions, SERVER_MAIN, List.of(index.toString(), inputs.toString(), api + "/api/",
                    SECRET, String.valueOf(POOL_PER_KIND), queries.toString(), shared == null ? "-" : shared.toString()), Map.of());
            Map<String, String> info = awaitReady(server);
            URI events = URI.create("http://127.0.0.1:" + info.get("port") + "/slack/events");
            List<String[]> pool = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(info.get("queries")), StandardCharsets.UTF_8)) pool.add(line.split("\t", 2));
            java.util.Collections.shuffle(pool, new java.util.Random(11));
            Load load = new Load(events, api + "/response/", pool, late);
            progress.printf("[%d] Slack: %d clients, %d s warm-up, %d s measured%n", size, clients, WARMUP.toSeconds(), seconds);
            load.run(clients, WARMUP, false);
            load.errorKinds.clear();
            EndToEnd.Measured m = load.run(clients, Duration.ofSeconds(seconds), true);
            load.errorKinds.values().forEach(e -> progress.printf("[%d] Slack error: %s%n", size, e));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (server != null) stop(server);
            fake.stop(0);
        }
    }

    private static Map<String, String> awaitReady(Process server) throws IOException {
        Map<String, String> info = new java.util.HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.startsWith(Probe.PREFIX)) continue;
            String[] kv = line.substring(Probe.PREFIX.length()).split(" ", 2);
            info.put(kv[0], kv.length > 1 ? kv[1] : "");
            if (kv[0].equals("ready")) return info;
        }
        throw new IllegalStateException("the Slack server child exited before it was ready (exit " + waitExit(server) + "); see children.log");
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void stop(Process server) {
        try {
            server.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (waitExit(server) == -1) server.destroyForcibly();
    }

    /** Slack's side: {@code auth.test} and other Web API calls, and {@code response_url} posts. */
    private static HttpServer fakeSlack(Map<String, CompletableFuture<Long>> late) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            s.createContext("/api/", ex -> {
                ex.getRequestBody().readAllBytes();
                String body = ex.getRequestURI().getPath().endsWith("/auth.test")
                        ? "{\"ok\":true,\"url\":\"https://bench.slack.invalid/\",\"team\":\"Bench\",\"user\":\"quotecast\","
                        + "\"team_id\":\"T0BENCH\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}"
                        : "{\"ok\":true}";
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            s.createContext("/response/", ex -> {
                long arrived = System.nanoTime();
                ex.getRequestBody().readAllBytes();
                String id = ex.getRequestURI().getPath().substring("/response/".length());
                late.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(arrived);
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            s.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "fake-slack");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Slack API on 127.0.0.1", e);
        }
    }

    /** Closed-loop clients: each sends its next request as soon as the previous one is answered. */
    static final class Load {
        private final URI events;
        private final String responseBase;
        private final List<String[]> pool;
        private final Map<String, CompletableFuture<Long>> late;
        private final AtomicInteger sequence = new AtomicInteger();

        Load(URI events, String responseBase, List<String[]> pool, Map<String, CompletableFuture<Long>> late) {
            this.events = events;
            this.responseBase = responseBase;
            this.pool = pool;
            this.late = late;
        }

        /** Why requests failed, by kind, with one example each: an error count alone cannot be acted on. */
        final Map<String, String> errorKinds = new ConcurrentHashMap<>();

        EndToEnd.Measured run(int clients, Duration duration, boolean measured) {
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            List<Latencies> perClient = new ArrayList<>();
            AtomicInteger errors = new AtomicInteger(), requests = new AtomicInteger();
            long start = System.nanoTime(), deadline = start + duration.toNanos();
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Latencies lat = new Latencies(4096);
                perClient.add(lat);
                done.add(threads.submit(() -> client(deadline, lat, errors, requests)));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("a load client failed", e);
                }
            }
            long wall = System.nanoTime() - start;
            threads.shutdownNow();
            Latencies all = new Latencies(requests.get());
            perClient.forEach(all::addAll);
            return new EndToEnd.Measured(clients, wall / 1e9, requests.get(), errors.get(), all.summary(wall));
        }

        private void client(long deadline, Latencies lat, AtomicInteger errors, AtomicInteger requests) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                int n = sequence.getAndIncrement();
                String[] q = pool.get(n % pool.size());
                String id = String.valueOf(n);
                String body = form(Map.of("token", "unused", "team_id", "T0BENCH", "team_domain", "bench", "channel_id", "C0BENCH",
                        "channel_name", "bench", "user_id", "U" + (n % 100_000), "user_name", "bench", "command", q[0], "text", q[1]))
                        + "&" + form(Map.of("api_app_id", "A0BENCH", "response_url", responseBase + id, "trigger_id", "1." + n));
                long ts = System.currentTimeMillis() / 1000;
                HttpRequest req = HttpRequest.newBuilder(events).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                        .header("X-Slack-Signature", sign(SECRET, ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long t0 = System.nanoTime();
                boolean ok;
                long end;
                String why = null;
                try {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    end = System.nanoTime();
                    if (r.statusCode() != 200) {
                        ok = false;
                        why = "HTTP " + r.statusCode();
                    } else if (r.body().isBlank()) {
                        // acked empty: the reply follows through response_url
                        end = late.computeIfAbsent(id, k -> new CompletableFuture<>()).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        ok = true;
                    } else {
                        ok = r.body().contains("\"blocks\"") && !r.body().contains("Easy there! You") && !r.body().contains("Something went wrong on my side");
                        if (!ok) why = "reply " + r.body().substring(0, Math.min(160, r.body().length()));
                    }
                } catch (Exception e) {
                    end = System.nanoTime();
                    ok = false;
                    why = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                if (why != null) errorKinds.putIfAbsent(why.length() > 40 ? why.substring(0, 40) : why, q[0] + " " + q[1] + " -> " + why);
                late.remove(id);
                requests.incrementAndGet();
                if (ok) lat.add(end - t0);
                else errors.incrementAndGet();
            }
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() > 0 ? "&" : "").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** Slack's request signature ({@code v0=} hex HMAC-SHA256 of {@code v0:TIMESTAMP:BODY}), by Bolt's own generator. */
    static String sign(String secret, long timestamp, String body) {
        return new com.slack.api.app_backend.SlackSignature.Generator(secret).generate(String.valueOf(timestamp), body);
    }
}
