package dev.quotecast.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode server side on 127.0.0.1, on Java-WebSocket. Give {@link #url()} to
 * {@link FakeSlackApi#socketModeUrl} so that {@code apps.connections.open} sends the bot here. Each
 * connection gets {@code hello} at once; {@link #send} pushes an envelope to the newest connection,
 * and {@link #awaitAck} returns what the bot sent back for an envelope id.
 *
 * <p>{@link #slashCommand} and {@link #event} build the envelopes Slack would send.
 */
public final class FakeSocketModeServer extends WebSocketServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();

    public FakeSocketModeServer() {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
        start();
        try {
            if (!started.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("fake Socket Mode server did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ws://127.0.0.1:PORT/link} */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.add(conn);
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\",\"build_number\":1,"
                + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0000001\"}}");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        connections.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            JsonNode n = JSON.readTree(message);
            synchronized (received) {
                received.add(n);
                received.notifyAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client going away mid-test shows up in the assertions; nothing to do here
    }

    /** Waits for the bot to connect (it has then been sent {@code hello}). */
    public void awaitConnection(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no Socket Mode connection within " + timeout);
            sleep(10);
        }
    }

    /** Sends an envelope to the newest connection. */
    public void send(String envelope) {
        if (connections.isEmpty()) throw new IllegalStateException("no client connected");
        connections.get(connections.size() - 1).send(envelope);
    }

    /** Everything the bot sent, in order. */
    public List<JsonNode> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The bot's ack for {@code envelopeId}; fails after {@code timeout}. */
    public JsonNode awaitAck(String envelopeId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (JsonNode n : received) if (envelopeId.equals(n.path("envelope_id").asText(null))) return n;
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no ack for envelope " + envelopeId + " within " + timeout + "; got " + received);
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** A {@code slash_commands} envelope; {@code payload} holds the fields of Slack's form post. */
    public static String slashCommand(String envelopeId, Map<String, String> payload) {
        ObjectNode env = JSON.createObjectNode();
        env.put("envelope_id", envelopeId);
        env.put("type", "slash_commands");
        env.put("accepts_response_payload", true);
        env.set("payload", JSON.valueToTree(payload));
        return env.toString();
    }

    /** An {@code events_api} envelope around an Events API body (as built by {@link SlackPayloads#eventJson}). */
    public static String event(String envelopeId, String eventBody, int retryAttempt) {
        try {
            ObjectNode env = JSON.createObjectNode();
            env.put("envelope_id", envelopeId);
            env.put("type", "events_api");
            env.put("accepts_response_payload", false);
            env.put("retry_attempt", retryAttempt);
            env.put("retry_reason", retryAttempt > 0 ? "timeout" : "");
            env.set("payload", JSON.readTree(eventBody));
            return env.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
