package dev.quotecast.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for Slack's Web API on 127.0.0.1, for driving the real Bolt and Slack SDK in tests.
 *
 * <p>Point the bot at {@link #apiUrl()} ({@code slack.apiUrl}). Every call is recorded with its
 * body ({@link Call}); {@code auth.test}, {@code chat.postMessage}, {@code users.info},
 * {@code views.publish} and {@code apps.connections.open} get plausible answers, and any path
 * under {@link #responseUrl(String)} plays a {@code response_url}. Behaviour can be changed per
 * method: {@link #answer} for a fixed JSON answer (e.g. {@code {"ok":false,"error":"channel_not_found"}}),
 * {@link #rateLimitNext} for an HTTP 429 with {@code Retry-After} (for any call, or for one channel's), {@link #admin} for who
 * {@code users.info} says is an admin, {@link #socketModeUrl} for where Socket Mode connects.
 *
 * <p>Distribution (issue 16): {@link #installCode} registers a workspace that may install the app;
 * {@code oauth.v2.access} with that code answers its own bot token ({@code xoxb-TEAM-N}), which
 * {@code auth.test} then recognises as that workspace's ({@link #revoke} makes it {@code invalid_auth}).
 * {@code conversations.history} lists what {@code chat.postMessage} delivered to a channel, with its
 * message metadata, so that a daily post can be looked up.
 *
 * <p>Several front doors ({@link #frontDoor()}) share one Slack: the same calls, installs and
 * answers, each on its own port, so that each replica of a test can be given its own. A door can
 * hold its answers ({@link #delay}), and a test that killed the replica behind it can say the calls
 * it held never reached Slack ({@link #loseHeld()}).
 *
 * <p>Waits are bounded ({@link #await}): a test against a broken bot fails fast instead of hanging.
 */
public final class FakeSlackApi implements AutoCloseable {

    /** The bot user the fake signs in as ({@code auth.test}). */
    public static final String BOT_USER = "UBOT0001";
    public static final String TEAM = "T0000001";

    /**
     * One recorded request.
     *
     * @param method the Web API method ({@code chat.postMessage}) or {@code response_url} for the
     *     response URL path
     * @param path the request path
     * @param contentType the request's content type
     * @param body the raw body
     * @param authorization the Authorization header, if any
     * @param at when the fake received it (to check that a retry waited as asked)
     * @param status the HTTP status the fake answered with (429 for a rate-limited call)
     */
    public record Call(String method, String path, String contentType, String body, String authorization, Instant at, int status) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** The body as JSON: a JSON body as it is, a form body as an object of its fields. */
        public JsonNode json() {
            try {
                if (contentType != null && contentType.startsWith("application/json")) return JSON.readTree(body);
                return JSON.valueToTree(form());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A form-encoded body's fields (the SDK sends most methods as forms). */
        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            if (body == null || body.isEmpty()) return out;
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            }
            return out;
        }

        /** A field from either kind of body; JSON-valued form fields ({@code blocks}) are parsed. */
        public JsonNode field(String name) {
            JsonNode n = json().get(name);
            if (n != null && n.isTextual() && (n.asText().startsWith("[") || n.asText().startsWith("{"))) {
                try {
                    return JSON.readTree(n.asText());
                } catch (IOException e) {
                    return n;
                }
            }
            return n;
        }
    }

    /** What every front door of one fake Slack shares. */
    private static final class World {
        final List<Call> calls = new ArrayList<>();
        final Set<Call> lost = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final Map<Call, String> timestamps = new ConcurrentHashMap<>();
        final Map<String, Function<Call, String>> answers = new ConcurrentHashMap<>();
        final Map<String, java.util.Deque<String>> nextAnswers = new ConcurrentHashMap<>();
        final Map<String, Integer> rateLimits = new ConcurrentHashMap<>();
        final Map<String, Boolean> admins = new ConcurrentHashMap<>();
        final AtomicInteger ts = new AtomicInteger(100);
        final AtomicInteger installs = new AtomicInteger();
        final Set<String> revoked = ConcurrentHashMap.newKeySet();
        /** Install codes not used yet, to the workspace they install. */
        final Map<String, String> codes = new ConcurrentHashMap<>();
        /** Bot tokens handed out, to their workspace; revoked ones are removed. */
        final Map<String, String> tokens = new ConcurrentHashMap<>();
        volatile String socketModeUrl = "ws://127.0.0.1:1/link";
    }

    private final World world;
    private volatile HttpServer server;
    private final int port;
    private final ExecutorService executor;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Set<Call> held = ConcurrentHashMap.newKeySet();
    private final Set<Call> abandoned = ConcurrentHashMap.newKeySet();

    public FakeSlackApi() {
        this(new World());
    }

    private FakeSlackApi(World world) {
        this.world = world;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-slack-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Another front door to the same Slack (the same calls, installs and answers), on its own port. */
    public FakeSlackApi frontDoor() {
        return new FakeSlackApi(world);
    }

    /**
     * A workspace that may install the app: {@code oauth.v2.access} with the returned code (once)
     * answers a bot token of its own for it.
     */
    public String installCode(String teamId) {
        String code = "code-" + teamId + "-" + world.installs.incrementAndGet();
        world.codes.put(code, teamId);
        return code;
    }

    /** The bot token last handed to {@code teamId} by {@code oauth.v2.access}, if any and not revoked. */
    public java.util.Optional<String> tokenOf(String teamId) {
        return world.tokens.entrySet().stream().filter(e -> e.getValue().equals(teamId)).map(Map.Entry::getKey)
                .max(java.util.Comparator.naturalOrder());
    }

    /** {@code auth.test} and every call with this token answer {@code invalid_auth} from now on. */
    public FakeSlackApi revoke(String token) {
        world.tokens.remove(token);
        world.revoked.add(token);
        return this;
    }

    /** This door answers {@code method} only after {@code d} (the call counts as received at once). */
    public FakeSlackApi delay(String method, Duration d) {
        delays.put(method, d);
        return this;
    }

    /** Calls this door is holding (received, not answered yet). */
    public int held() {
        return held.size();
    }

    /**
     * The calls this door is holding never reached Slack: they are not delivered, not in any
     * history, and never answered (the replica that made them is gone). Returns how many.
     */
    public int loseHeld() {
        List<Call> now = List.copyOf(held);
        synchronized (world.calls) {
            world.lost.addAll(now);
        }
        abandoned.addAll(now);
        return now.size();
    }

    /** Stops listening: calls to the API are refused at the TCP level, as when Slack cannot be reached. */
    public synchronized FakeSlackApi down() {
        server.stop(0);
        return this;
    }

    /** Listens again, on the same port, after {@link #down()}. */
    public synchronized FakeSlackApi up() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            s.setExecutor(executor);
            s.createContext("/", this::serve);
            s.start();
            server = s;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** What to configure as {@code slack.apiUrl}. */
    public String apiUrl() {
        return baseUrl() + "api/";
    }

    /** A {@code response_url} that records what is posted to it under the method name {@code response_url}. */
    public String responseUrl(String id) {
        return baseUrl() + "response/" + id;
    }

    /** Answers {@code method} with {@code json} from now on. */
    public FakeSlackApi answer(String method, String json) {
        world.answers.put(method, c -> json);
        return this;
    }

    /**
     * Answers only the next call to {@code method} with {@code json}, then as before: a single
     * refusal such as {@code {"ok":false,"error":"internal_error"}} from {@code apps.connections.open}.
     */
    public FakeSlackApi answerNext(String method, String json) {
        world.nextAnswers.computeIfAbsent(method, m -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(json);
        return this;
    }

    /** Answers {@code method} with whatever {@code answer} computes from the call. */
    public FakeSlackApi answer(String method, Function<Call, String> answer) {
        world.answers.put(method, answer);
        return this;
    }

    /** The next call to {@code method} gets HTTP 429 with {@code Retry-After: seconds}. */
    public FakeSlackApi rateLimitNext(String method, int retryAfterSeconds) {
        world.rateLimits.put(method, retryAfterSeconds);
        return this;
    }

    /**
     * The next call to {@code method} for {@code channel} (its {@code channel} field) gets HTTP 429
     * with {@code Retry-After: seconds}: Slack's limits are per channel, so one busy channel must
     * not slow the others.
     */
    public FakeSlackApi rateLimitNext(String method, String channel, int retryAfterSeconds) {
        world.rateLimits.put(method + " " + channel, retryAfterSeconds);
        return this;
    }

    /** What {@code users.info} says about {@code user} ({@code is_admin}); unknown users are plain members. */
    public FakeSlackApi admin(String user, boolean isAdmin) {
        world.admins.put(user, isAdmin);
        return this;
    }

    /** Where {@code apps.connections.open} sends Socket Mode clients. */
    public FakeSlackApi socketModeUrl(String url) {
        world.socketModeUrl = url;
        return this;
    }

    public List<Call> calls() {
        synchronized (world.calls) {
            return List.copyOf(world.calls);
        }
    }

    public List<Call> calls(String method) {
        synchronized (world.calls) {
            return world.calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** The calls to {@code method} the fake accepted (HTTP 200) and did not lose: what Slack would have delivered. */
    public List<Call> delivered(String method) {
        synchronized (world.calls) {
            return world.calls.stream().filter(c -> c.method().equals(method) && c.status() == 200 && !world.lost.contains(c)).toList();
        }
    }

    /**
     * Waits until at least {@code count} calls to {@code method} were recorded and returns them all.
     *
     * @throws AssertionError when they do not arrive within {@code timeout}
     */
    public List<Call> await(String method, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (world.calls) {
            while (true) {
                List<Call> got = world.calls.stream().filter(c -> c.method().equals(method)).toList();
                if (got.size() >= count) return got;
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("expected " + count + " call(s) to " + method + " within " + timeout + ", got " + got.size()
                        + "; all calls: " + world.calls.stream().map(Call::method).toList());
                try {
                    world.calls.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The first call to {@code method}, waiting for it up to {@code timeout}. */
    public Call awaitOne(String method, Duration timeout) {
        return await(method, 1, timeout).get(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Instant at = Instant.now();
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/response/") ? "response_url" : path;
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            Integer retryAfter = world.rateLimits.remove(method);
            if (retryAfter == null && !world.rateLimits.isEmpty() && body.contains("channel")) {
                String channel = new Call(method, path, contentType, body, authorization, at, 0).json().path("channel").asText("");
                retryAfter = world.rateLimits.remove(method + " " + channel);
            }
            int status = retryAfter != null ? 429 : 200;
            Call call = new Call(method, path, contentType, body, authorization, at, status);
            String answer;
            if (retryAfter != null) {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
                answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
            } else {
                java.util.Deque<String> once = world.nextAnswers.get(method);
                String next = once == null ? null : once.poll();
                Function<Call, String> custom = world.answers.get(method);
                answer = next != null ? next : custom != null ? custom.apply(call) : defaultAnswer(call);
            }
            synchronized (world.calls) {
                world.calls.add(call);
                world.calls.notifyAll();
            }
            Duration delay = delays.get(method);
            if (delay != null) {
                held.add(call);
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.remove(call);
                }
                if (abandoned.remove(call)) return;   // lost: never answered
            }
            send(ex, status, answer);
        }
    }

    /** The bot token of a call: the Authorization header, or a {@code token} field. */
    private static String token(Call c) {
        if (c.authorization() != null && c.authorization().startsWith("Bearer ")) return c.authorization().substring(7);
        return c.json().path("token").asText(null);
    }

    private String defaultAnswer(Call c) {
        String token = token(c);
        if (token != null && world.revoked.contains(token) && !c.method().startsWith("oauth.")) return "{\"ok\":false,\"error\":\"invalid_auth\"}";
        return switch (c.method()) {
            case "auth.test" -> {
                String team = token == null ? null : world.tokens.get(token);
                yield team == null
                        ? "{\"ok\":true,\"url\":\"https://quotecast-test.slack.com/\",\"team\":\"Test\",\"user\":\"quotecast\","
                                + "\"team_id\":\"" + TEAM + "\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0000001\"}"
                        : "{\"ok\":true,\"url\":\"https://" + team.toLowerCase() + ".slack.com/\",\"team\":\"" + team + "\",\"user\":\"quotecast\","
                                + "\"team_id\":\"" + team + "\",\"user_id\":\"UBOT" + team + "\",\"bot_id\":\"B" + team + "\",\"is_enterprise_install\":false}";
            }
            case "oauth.v2.access" -> {
                String code = c.json().path("code").asText("");
                String team = world.codes.remove(code);
                if (team == null) yield "{\"ok\":false,\"error\":\"invalid_code\"}";
                String issued = "xoxb-" + team + "-" + world.installs.incrementAndGet();
                world.tokens.put(issued, team);
                yield "{\"ok\":true,\"app_id\":\"A0000001\",\"authed_user\":{\"id\":\"UINSTALLER\"},\"scope\":\"commands,app_mentions:read,chat:write\","
                        + "\"token_type\":\"bot\",\"access_token\":\"" + issued + "\",\"bot_user_id\":\"UBOT" + team + "\","
                        + "\"team\":{\"id\":\"" + team + "\",\"name\":\"Workspace " + team + "\"},\"enterprise\":null,\"is_enterprise_install\":false}";
            }
            case "chat.postMessage" -> {
                String channel = c.json().path("channel").asText("C0");
                String stamp = "1700000000.000" + world.ts.incrementAndGet();
                world.timestamps.put(c, stamp);
                yield "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + stamp + "\",\"message\":{\"type\":\"message\"}}";
            }
            case "conversations.history" -> history(c.json().path("channel").asText(""));
            case "users.info" -> {
                String user = c.json().path("user").asText();
                boolean admin = world.admins.getOrDefault(user, false);
                yield "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"team_id\":\"" + TEAM + "\",\"name\":\"someone\",\"is_admin\":" + admin
                        + ",\"is_owner\":false,\"is_primary_owner\":false}}";
            }
            case "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V0000001\",\"type\":\"home\"}}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + world.socketModeUrl + "\"}";
            case "response_url" -> "{\"ok\":true}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    /** The messages delivered to {@code channel}, newest first, with their metadata. */
    private String history(String channel) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode().put("ok", true).put("has_more", false);
        com.fasterxml.jackson.databind.node.ArrayNode messages = root.putArray("messages");
        List<Call> posts = delivered("chat.postMessage").stream().filter(p -> channel.equals(p.json().path("channel").asText())).toList();
        for (int i = posts.size() - 1; i >= 0; i--) {
            Call p = posts.get(i);
            com.fasterxml.jackson.databind.node.ObjectNode m = messages.addObject().put("type", "message").put("user", BOT_USER)
                    .put("text", p.json().path("text").asText("")).put("ts", world.timestamps.getOrDefault(p, "1700000000.000001"));
            JsonNode md = p.field("metadata");
            if (md != null && md.isObject()) m.set("metadata", md);
        }
        root.putObject("response_metadata").put("next_cursor", "");
        return root.toString();
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
