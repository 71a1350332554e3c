package dev.quotecast.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST half of {@link FakeDiscord}: a JDK {@code HttpServer} on 127.0.0.1 under {@code /api/v10/}
 * that records every request and answers the calls JDA and the bot make:
 *
 * <ul>
 *   <li>{@code GET users/@me}, {@code GET gateway/bot}, {@code GET applications/@me}, {@code GET oauth2/applications/@me}</li>
 *   <li>{@code POST channels/{id}/messages} (404 Unknown Channel for channels the fake does not know)</li>
 *   <li>{@code POST interactions/{id}/{token}/callback} (204)</li>
 *   <li>{@code POST webhooks/{app}/{token}} and {@code PATCH|GET webhooks/{app}/{token}/messages/@original|{id}}: follow-ups</li>
 *   <li>{@code PUT applications/{app}/commands} and {@code PUT applications/{app}/guilds/{guild}/commands}</li>
 *   <li>{@code POST channels/{id}/typing} (204)</li>
 *   <li>{@code PUT channels/{id}/messages/{id}/reactions/{emoji}/@me} (204)</li>
 *   <li>{@code DELETE webhooks/{app}/{token}/messages/@original|{id}} (204)</li>
 * </ul>
 *
 * <p>Anything else gets 404 and is recorded, so a test can see what was asked. {@link #failNext} and
 * {@link #rateLimitNext} queue a canned failure (a 403, a 500, a 429) for the next matching request;
 * queue several to outlast JDA's own retries.
 */
public final class FakeRest implements AutoCloseable {

    /** One request as the fake received it; {@code path} is relative to {@code /api/v10/}. */
    public record Request(String method, String path, String query, String authorization, String body, JsonNode json) {
        public boolean is(String method, String pathRegex) {
            return this.method.equals(method) && path.matches(pathRegex);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    private record Failure(String method, Pattern path, int status, String body, String retryAfter) {}

    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)(/messages/(@original|\\d+))?");

    private final ObjectMapper json;
    private final FakePayloads payloads;
    private volatile HttpServer server;
    private final int port;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-discord-rest");
        t.setDaemon(true);
        return t;
    });
    private final Recorder<Request> requests = new Recorder<>();
    private final Recorder<Request> created = new Recorder<>();
    private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
    /** Guild text channels beyond the default one, to their guild. */
    private final java.util.Map<String, String> channels = new java.util.concurrent.ConcurrentHashMap<>();
    /** The messages created per channel, oldest first: what {@code GET channels/{id}/messages} returns. */
    private final java.util.Map<String, java.util.List<ObjectNode>> history = new java.util.concurrent.ConcurrentHashMap<>();
    /** Nonces of created messages (with enforce_nonce), to the message: a second one gets the first back. */
    private final java.util.Map<String, ObjectNode> nonces = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int recommendedShards = 1;

    FakeRest(ObjectMapper json, FakePayloads payloads) throws IOException {
        this.json = json;
        this.payloads = payloads;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening: REST calls are refused at the TCP level, as when Discord cannot be reached. */
    public synchronized FakeRest down() {
        server.stop(0);
        return this;
    }

    /** Listens again, on the same port, after {@link #down()}. */
    public synchronized FakeRest up() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        server = s;
        return this;
    }

    /** {@code http://127.0.0.1:PORT/api/v10/}: JDA's RestConfig base URL. */
    public String url() {
        return "http://127.0.0.1:" + port + "/api/v10/";
    }

    public Recorder<Request> requests() {
        return requests;
    }

    /**
     * The {@code POST channels/{id}/messages} the fake accepted and created a message for, in the
     * order it answered them: what users would see (a request refused with 429 is in
     * {@link #requests()} only).
     */
    public Recorder<Request> created() {
        return created;
    }

    /** A text channel of guild {@code guildId} the bot may post to (besides the default one). */
    public void addChannel(String channelId, String guildId) {
        channels.put(channelId, guildId);
    }

    /** What {@code GET gateway/bot} recommends as the shard total ({@code discord.shards.total: auto}). */
    public void setRecommendedShards(int shards) {
        this.recommendedShards = shards;
    }

    /** The messages created in {@code channelId}, oldest first. */
    public java.util.List<ObjectNode> messagesIn(String channelId) {
        return java.util.List.copyOf(history.getOrDefault(channelId, java.util.List.of()));
    }

    /** Answers the next request matching {@code method} and {@code pathRegex} with {@code status} and a Discord error body. */
    public void failNext(String method, String pathRegex, int status, int code, String message) {
        ObjectNode body = json.createObjectNode().put("message", message).put("code", code);
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, body.toString(), null));
    }

    /** Answers the next matching request with 429 Too Many Requests, asking to wait {@code retryAfter}. */
    public void rateLimitNext(String method, String pathRegex, Duration retryAfter) {
        double seconds = retryAfter.toMillis() / 1000.0;
        ObjectNode body = json.createObjectNode().put("message", "You are being rate limited.").put("retry_after", seconds)
                .put("global", false).put("code", 0);
        failures.add(new Failure(method, Pattern.compile(pathRegex), 429, body.toString(), String.valueOf(seconds)));
    }

    /** Discord's 429 headers: Retry-After in whole seconds, the bucket's reset to the millisecond. */
    private static void rateLimitHeaders(HttpExchange ex, String seconds) {
        double s = Double.parseDouble(seconds);
        ex.getResponseHeaders().add("Retry-After", Long.toString((long) Math.ceil(s)));
        ex.getResponseHeaders().add("X-RateLimit-Limit", "5");
        ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
        ex.getResponseHeaders().add("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", s));
        ex.getResponseHeaders().add("X-RateLimit-Bucket", "fake-bucket");
        ex.getResponseHeaders().add("X-RateLimit-Scope", "user");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String full = ex.getRequestURI().getPath();
            String path = full.startsWith("/api/v10/") ? full.substring("/api/v10/".length()) : full;
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode parsed = parse(ex.getRequestHeaders().getFirst("Content-Type"), body);
            Request req = new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Authorization"), body, parsed);
            requests.add(req);
            if (!("Bot " + FakeDiscord.TOKEN).equals(req.authorization()) && !path.startsWith("interactions/")
                    && !path.startsWith("webhooks/")) {
                send(ex, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}", null);
                return;
            }
            for (Failure f : failures) {
                if (f.method().equals(req.method()) && f.path().matcher(path).matches() && failures.remove(f)) {
                    send(ex, f.status(), f.body(), f.retryAfter());
                    return;
                }
            }
            route(ex, req);
        } catch (RuntimeException e) {
            send(ex, 500, "{\"message\":\"fake failed: " + e.getClass().getSimpleName() + "\",\"code\":0}", null);
        }
    }

    private JsonNode parse(String contentType, String body) {
        if (body.isEmpty()) return null;
        try {
            if (contentType != null && contentType.startsWith("multipart/form-data")) {
                // JDA sends messages with files as multipart; the JSON sits in the payload_json part
                int start = body.indexOf('{');
                int end = body.lastIndexOf('}');
                return start >= 0 && end > start ? json.readTree(body.substring(start, end + 1)) : null;
            }
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void route(HttpExchange ex, Request req) throws IOException {
        String p = req.path();
        String m = req.method();
        Matcher cm = CHANNEL_MESSAGES.matcher(p);
        Matcher wh = WEBHOOK.matcher(p);
        if (m.equals("GET") && p.equals("users/@me")) {
            send(ex, 200, payloads.botUser().toString(), null);
        } else if (m.equals("GET") && p.equals("gateway/bot")) {
            ObjectNode g = json.createObjectNode().put("url", "ws://unused.invalid").put("shards", recommendedShards);
            g.putObject("session_start_limit").put("total", 1000).put("remaining", 1000).put("reset_after", 0).put("max_concurrency", 1);
            send(ex, 200, g.toString(), null);
        } else if (m.equals("GET") && (p.equals("applications/@me") || p.equals("oauth2/applications/@me"))) {
            ObjectNode a = json.createObjectNode().put("id", FakePayloads.APP_ID).put("name", "Quotecast").putNull("icon")
                    .put("description", "").put("bot_public", true).put("bot_require_code_grant", false).put("flags", 0)
                    .put("verify_key", "00").put("hook", true);
            a.set("owner", payloads.user(FakePayloads.OWNER_ID, "owner", false));
            a.set("bot", payloads.botUser());
            send(ex, 200, a.toString(), null);
        } else if (m.equals("POST") && cm.matches()) {
            String channel = cm.group(1);
            String guild = channel.equals(FakePayloads.CHANNEL_ID) ? FakePayloads.GUILD_ID : channels.get(channel);
            if (guild == null && !channel.equals(FakePayloads.DM_CHANNEL_ID)) {
                send(ex, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}", null);
                return;
            }
            String nonce = req.json() != null && req.json().path("enforce_nonce").asBoolean(false) ? req.json().path("nonce").asText(null) : null;
            synchronized (nonces) {
                ObjectNode earlier = nonce == null ? null : nonces.get(channel + "/" + nonce);
                if (earlier != null) {
                    // Discord: a message with this nonce was created already; it is returned, none is created
                    send(ex, 200, earlier.toString(), null);
                    return;
                }
                ObjectNode message = payloads.createdMessage(req.json(), channel, guild);
                if (nonce != null) {
                    message.put("nonce", nonce);
                    nonces.put(channel + "/" + nonce, message);
                }
                history.computeIfAbsent(channel, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(message);
                created.add(req);
                send(ex, 200, message.toString(), null);
            }
        } else if (m.equals("GET") && cm.matches()) {
            ArrayNode out = json.createArrayNode();
            java.util.List<ObjectNode> all = history.getOrDefault(cm.group(1), java.util.List.of());
            for (int i = all.size() - 1; i >= 0 && out.size() < 100; i--) {
                ObjectNode copy = all.get(i).deepCopy();
                copy.remove("nonce");   // Discord returns a message's nonce to its sender at creation only
                out.add(copy);
            }
            send(ex, 200, out.toString(), null);
        } else if (m.equals("POST") && p.matches("channels/\\d+/typing")) {
            send(ex, 204, null, null);
        } else if (m.equals("PUT") && p.matches("channels/\\d+/messages/\\d+/reactions/[^/]+/@me")) {
            send(ex, 204, null, null);
        } else if (m.equals("DELETE") && wh.matches() && wh.group(3) != null) {
            send(ex, 204, null, null);
        } else if (m.equals("POST") && p.matches("interactions/\\d+/[^/]+/callback")) {
            send(ex, 204, null, null);
        } else if (wh.matches() && (m.equals("POST") || m.equals("PATCH") || m.equals("GET"))) {
            JsonNode sent = req.json() == null ? json.createObjectNode() : req.json();
            send(ex, 200, payloads.createdMessage(sent, FakePayloads.CHANNEL_ID, FakePayloads.GUILD_ID).toString(), null);
        } else if (m.equals("PUT") && (p.equals("applications/" + FakePayloads.APP_ID + "/commands")
                || p.matches("applications/" + FakePayloads.APP_ID + "/guilds/\\d+/commands"))) {
            send(ex, 200, registeredCommands(req.json(), p).toString(), null);
        } else {
            send(ex, 404, "{\"message\":\"404: Not Found (fake)\",\"code\":0}", null);
        }
    }

    /** Echoes the command list with the ids and versions Discord adds. */
    private ArrayNode registeredCommands(JsonNode sent, String path) {
        ArrayNode out = json.createArrayNode();
        if (sent == null || !sent.isArray()) return out;
        Matcher g = Pattern.compile("guilds/(\\d+)/").matcher(path);
        for (JsonNode c : sent) {
            ObjectNode copy = c.deepCopy();
            copy.put("id", payloads.nextId()).put("application_id", FakePayloads.APP_ID).put("version", payloads.nextId());
            if (!copy.has("type")) copy.put("type", 1);
            if (g.find(0)) copy.put("guild_id", g.group(1));
            out.add(copy);
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
        // Discord's API answers through Google's front end; JDA reads a 429 without Via as Cloudflare's
        ex.getResponseHeaders().add("Via", "1.1 google");
        if (retryAfter != null) rateLimitHeaders(ex, retryAfter);
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
