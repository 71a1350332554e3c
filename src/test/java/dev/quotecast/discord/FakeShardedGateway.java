package dev.quotecast.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * A Discord gateway that serves a bot in several shards at once, for tests of sharding: each
 * connection IDENTIFYs as shard {@code [id, total]}, gets a READY naming the guilds Discord would
 * put on that shard ({@code (guild_id >> 22) % total}), then their GUILD_CREATEs; a dispatch for a
 * guild goes to the connection of its shard only, as Discord's does. IDENTIFY with a wrong total is
 * closed with 4010 (invalid shard), a bad token with 4004. Heartbeats are acked; RESUME is answered
 * with INVALID_SESSION (JDA then identifies again), which is all these tests need.
 *
 * <p>The single-connection {@link FakeGateway} stays what the other Discord tests use.
 */
public final class FakeShardedGateway extends LoopbackGateway {

    /** A connected shard: its connection, session and sequence. */
    private static final class Shard {
        final WebSocket conn;
        final int id;
        int seq;

        Shard(WebSocket conn, int id) {
            this.conn = conn;
            this.id = id;
        }
    }

    private final ObjectMapper json;
    private final FakePayloads payloads;
    private final int total;
    /** Guild id to its one channel id. */
    private final Map<String, String> guilds;
    private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Recorder<String> lifecycle = new Recorder<>();

    FakeShardedGateway(ObjectMapper json, FakePayloads payloads, int total, Map<String, String> guilds) {
        this.json = json;
        this.payloads = payloads;
        this.total = total;
        this.guilds = Map.copyOf(guilds);
    }

    /** {@code identify 1/4}, {@code ready 1/4}, {@code close 1/4:CODE} as they happen. */
    public Recorder<String> lifecycle() {
        return lifecycle;
    }

    /** The shard Discord puts a guild on. */
    static int shardOf(String guildId, int total) {
        return (int) ((Long.parseLong(guildId) >> 22) % total);
    }

    /** Which shards have a connection that identified. */
    public List<Integer> connectedShards() {
        return shards.keySet().stream().sorted().toList();
    }

    /**
     * Sends a dispatch about {@code guildId} to the connection of its shard.
     *
     * @throws IllegalStateException when no connection holds that shard
     */
    public void dispatch(String guildId, String type, JsonNode data) {
        int id = shardOf(guildId, total);
        Shard s = shards.get(id);
        if (s == null || !s.conn.isOpen()) throw new IllegalStateException("no connection holds shard " + id + " (guild " + guildId + ")");
        send(s, type, data);
    }

    private void send(Shard s, String type, JsonNode data) {
        ObjectNode frame = json.createObjectNode();
        synchronized (s) {
            frame.put("op", 0).put("t", type).put("s", ++s.seq);
            frame.set("d", data);
            s.conn.send(frame.toString());
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        ObjectNode hello = json.createObjectNode();
        hello.put("op", 10).putNull("s").putNull("t");
        hello.putObject("d").put("heartbeat_interval", 41_250);
        conn.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode frame;
        try {
            frame = json.readTree(message);
        } catch (IOException e) {
            conn.close(4002, "decode error");
            return;
        }
        switch (frame.path("op").asInt(-1)) {
            case 1 -> conn.send(json.createObjectNode().put("op", 11).toString());
            case 2 -> identify(conn, frame.get("d"));
            case 6 -> {
                ObjectNode invalid = json.createObjectNode().put("op", 9);
                invalid.put("d", false);
                conn.send(invalid.toString());
            }
            default -> { /* presence updates and the like */ }
        }
    }

    private void identify(WebSocket conn, JsonNode d) {
        JsonNode shard = d.path("shard");
        int id = shard.isArray() ? shard.get(0).asInt() : 0;
        int of = shard.isArray() ? shard.get(1).asInt() : 1;
        lifecycle.add("identify " + id + "/" + of);
        if (!FakeDiscord.TOKEN.equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed.");
            return;
        }
        if (of != total || id < 0 || id >= total) {
            lifecycle.add("close " + id + "/" + of + ":4010");
            conn.close(4010, "Invalid shard.");
            return;
        }
        Shard s = new Shard(conn, id);
        conn.setAttachment(s);
        shards.put(id, s);
        ObjectNode ready = payloads.ready("fake-shard-session-" + sessions.incrementAndGet(), url());
        ArrayNode list = ready.putArray("guilds");
        guilds.keySet().stream().filter(g -> shardOf(g, total) == id).forEach(g -> list.addObject().put("id", g).put("unavailable", true));
        ready.putArray("shard").add(id).add(total);
        send(s, "READY", ready);
        lifecycle.add("ready " + id + "/" + total);
        guilds.forEach((g, channel) -> {
            if (shardOf(g, total) == id) send(s, "GUILD_CREATE", payloads.guild(g, channel));
        });
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Object a = conn.getAttachment();
        if (a instanceof Shard s) {
            shards.remove(s.id, s);
            lifecycle.add("close " + s.id + "/" + total + ":" + code);
        }
    }

    @Override
    public void onMessage(WebSocket conn, java.nio.ByteBuffer message) {
        conn.close(4002, "the fake speaks JSON text frames only");
    }
}
