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
 * and {@link #awaitAck} returns what the bot sent back for an envelope id ({@link #awaitAckOn}
 * also says on which connection).
 *
 * <p>Connections are numbered from 1 in the order they open. Faults: {@link #dropConnections}
 * cuts every connection without a close frame; {@link #refresh} sends {@code disconnect}
 * ({@code refresh_requested}) followed at once by an envelope on the same connection, as Slack
 * may; {@link #handshakeDelay} makes new connections slow to open, which widens the moment between
 * a refresh and the new connection being up.
 *
 * <p>{@link #slashCommand} and {@link #event} build the envelopes Slack would send.
 */
public final class FakeSocketModeServer extends WebSocketServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message the bot sent, and the number of the connection it came on. */
    public record Received(int connection, JsonNode message) {}

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, Integer> numbers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private volatile Duration handshakeDelay = Duration.ZERO;

    public FakeSocketModeServer() {
        // several decoder threads: a slow handshake (handshakeDelay) holds its own, not the one reading older connections
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
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
    public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn,
            org.java_websocket.drafts.Draft draft, ClientHandshake request) throws org.java_websocket.exceptions.InvalidDataException {
        if (!handshakeDelay.isZero()) sleep(handshakeDelay.toMillis());
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        numbers.put(conn, opened.incrementAndGet());
        connections.add(conn);
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\",\"build_number\":1,"
                + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0000001\"}}");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        connections.remove(conn);
    }

    /** Whether connection number {@code connection} is still open. */
    public boolean isOpen(int connection) {
        return connections.stream().anyMatch(c -> numbers.get(c) == connection && c.isOpen());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            JsonNode n = JSON.readTree(message);
            synchronized (received) {
                received.add(new Received(numbers.getOrDefault(conn, 0), n));
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
        awaitConnections(1, timeout);
    }

    /** Waits until {@code count} connections have opened since the start (reconnects included). */
    public void awaitConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (opened.get() < count || connections.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " Socket Mode connection(s) within " + timeout + ", got " + opened.get());
            }
            sleep(10);
        }
    }

    /** How many connections have opened since the start. */
    public int connectionsOpened() {
        return opened.get();
    }

    /** The number of the newest open connection. */
    public int newest() {
        if (connections.isEmpty()) throw new IllegalStateException("no client connected");
        return numbers.get(connections.get(connections.size() - 1));
    }

    /** Sends an envelope to the newest connection. */
    public void send(String envelope) {
        if (connections.isEmpty()) throw new IllegalStateException("no client connected");
        connections.get(connections.size() - 1).send(envelope);
    }

    /**
     * On the newest connection: {@code disconnect} with reason {@code refresh_requested}, and at once
     * {@code envelope} on the same connection, before the bot could have opened another.
     *
     * @return the number of the connection both went out on
     */
    public int refresh(String envelope) {
        if (connections.isEmpty()) throw new IllegalStateException("no client connected");
        WebSocket conn = connections.get(connections.size() - 1);
        conn.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
        conn.send(envelope);
        return numbers.get(conn);
    }

    /** New connections take this long to open from now on (zero: at once). */
    public void handshakeDelay(Duration delay) {
        this.handshakeDelay = delay;
    }

    /** Cuts every connection without a close frame, as a network failure would. */
    public void dropConnections() {
        for (WebSocket c : connections) c.closeConnection(1006, "fake Socket Mode server dropped the connection");
    }

    /** Everything the bot sent, in order. */
    public List<JsonNode> received() {
        synchronized (received) {
            return received.stream().map(Received::message).toList();
        }
    }

    /** The bot's ack for {@code envelopeId}; fails after {@code timeout}. */
    public JsonNode awaitAck(String envelopeId, Duration timeout) {
        return awaitAckOn(envelopeId, timeout).message();
    }

    /** The bot's ack for {@code envelopeId} and the connection it came on; fails after {@code timeout}. */
    public Received awaitAckOn(String envelopeId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Received r : received) if (envelopeId.equals(r.message().path("envelope_id").asText(null))) return r;
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
