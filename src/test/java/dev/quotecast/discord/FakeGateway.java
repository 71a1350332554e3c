package dev.quotecast.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The gateway half of {@link FakeDiscord}: a WebSocket server on 127.0.0.1 speaking Discord's
 * gateway protocol in plain JSON text frames (JDA accepts them whatever compression it asked for).
 *
 * <p>What it does: HELLO on connect; IDENTIFY gets READY then GUILD_CREATE; heartbeat (op 1) gets
 * an ack (op 11); RESUME of a known session replays the dispatches the client missed and sends
 * RESUMED, an unknown one gets INVALID_SESSION. Tests push dispatches with {@link #dispatch}, ask for
 * a reconnect (op 7), invalidate the session (op 9) or drop the connection.
 */
public final class FakeGateway extends LoopbackGateway {

    /** One gateway frame the client sent, parsed. */
    public record Frame(int op, JsonNode d, String raw) {}

    /** A gateway session: its sequence and every dispatch sent in it, for replay on RESUME. */
    private static final class Session {
        final String id;
        int seq;
        final List<ObjectNode> dispatches = new ArrayList<>();

        Session(String id) {
            this.id = id;
        }
    }

    private final ObjectMapper json;
    private final FakePayloads payloads;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger sessionCounter = new AtomicInteger();
    private final Recorder<Frame> received = new Recorder<>();
    private final Recorder<String> lifecycle = new Recorder<>();
    private volatile int heartbeatIntervalMs = 41_250;
    private volatile boolean sendGuildCreate = true;
    private volatile boolean rejectUpgrades;
    /** The newest connection: gets HELLO, op 7/9 and closes. */
    private WebSocket current;
    /** The connection that identified or resumed: only it gets dispatches. */
    private WebSocket attached;
    private Session session;
    private boolean resumesPaused;
    private final List<Runnable> pausedResumes = new ArrayList<>();

    FakeGateway(ObjectMapper json, FakePayloads payloads) {
        this.json = json;
        this.payloads = payloads;
    }

    /** Every frame the client sent (IDENTIFY, RESUME, heartbeats...). */
    public Recorder<Frame> received() {
        return received;
    }

    /** {@code open}, {@code identify}, {@code ready}, {@code resume}, {@code resumed}, {@code close:CODE} as they happen. */
    public Recorder<String> lifecycle() {
        return lifecycle;
    }

    /** Short intervals make JDA heartbeat often: useful when a test watches heartbeats. */
    public void setHeartbeatInterval(Duration interval) {
        this.heartbeatIntervalMs = (int) interval.toMillis();
    }

    /**
     * On: every WebSocket upgrade is answered with an HTTP error instead of 101, as a gateway in
     * trouble (or a wrong {@code gatewayUrl}) would; each refusal is recorded as {@code rejected}
     * in {@link #lifecycle()}.
     */
    public void setRejectUpgrades(boolean reject) {
        this.rejectUpgrades = reject;
    }

    @Override
    public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn,
            org.java_websocket.drafts.Draft draft, ClientHandshake request) throws org.java_websocket.exceptions.InvalidDataException {
        if (rejectUpgrades) {
            lifecycle.add("rejected");
            throw new org.java_websocket.exceptions.InvalidDataException(org.java_websocket.framing.CloseFrame.TRY_AGAIN_LATER,
                    "fake gateway refusing upgrades");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    /** Off: READY is sent, GUILD_CREATE is not, and JDA never becomes ready (the 75 s trap). */
    public void setSendGuildCreate(boolean send) {
        this.sendGuildCreate = send;
    }

    /**
     * Sends a dispatch (op 0) in the current session. With no connection open it is kept and replayed
     * when the client resumes, as Discord does.
     */
    public synchronized void dispatch(String type, JsonNode data) {
        if (session == null) throw new IllegalStateException("no gateway session yet: wait for READY first");
        ObjectNode frame = json.createObjectNode();
        frame.put("op", 0).put("t", type).put("s", ++session.seq);
        frame.set("d", data);
        session.dispatches.add(frame);
        if (attached != null && attached.isOpen()) attached.send(frame.toString());
    }

    /**
     * Holds RESUME requests unanswered until {@link #releaseResumes}: lets a test send dispatches
     * while the client is away, to see them replayed.
     */
    public synchronized void pauseResumes() {
        resumesPaused = true;
    }

    public synchronized void releaseResumes() {
        resumesPaused = false;
        pausedResumes.forEach(Runnable::run);
        pausedResumes.clear();
    }

    /** Asks the client to reconnect and resume (op 7). */
    public synchronized void requestReconnect() {
        sendOp(7, null);
    }

    /** Tells the client its session is gone (op 9, not resumable): it must IDENTIFY again. */
    public synchronized void invalidateSession() {
        sessions.clear();
        sendOp(9, json.getNodeFactory().booleanNode(false));
    }

    /**
     * Closes the client's connection with a close frame; 4000 ("unknown error") and 1001 let it
     * resume, 4004 (authentication failed) stops it for good.
     */
    public synchronized void closeConnection(int code) {
        if (current != null) current.close(code, "fake gateway closing");
    }

    /** Drops the TCP connection without a close frame, as a network failure would. */
    public synchronized void dropConnection() {
        if (current != null) current.closeConnection(1006, "fake gateway dropped the connection");
    }

    public synchronized boolean isClientConnected() {
        return current != null && current.isOpen();
    }

    private void sendOp(int op, JsonNode d) {
        ObjectNode frame = json.createObjectNode();
        frame.put("op", op);
        frame.set("d", d);
        if (current != null && current.isOpen()) current.send(frame.toString());
    }

    @Override
    public synchronized void onOpen(WebSocket conn, ClientHandshake handshake) {
        current = conn;
        attached = null;
        lifecycle.add("open");
        ObjectNode hello = json.createObjectNode();
        hello.put("op", 10).putNull("s").putNull("t");
        hello.putObject("d").put("heartbeat_interval", heartbeatIntervalMs);
        conn.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode frame;
        try {
            frame = json.readTree(message);
        } catch (IOException e) {
            lifecycle.add("malformed");
            conn.close(4002, "decode error");
            return;
        }
        int op = frame.path("op").asInt(-1);
        received.add(new Frame(op, frame.get("d"), message));
        synchronized (this) {
            if (conn != current) return;
            switch (op) {
                case 1 -> {
                    ObjectNode ack = json.createObjectNode().put("op", 11);
                    conn.send(ack.toString());
                }
                case 2 -> identify(conn, frame.get("d"));
                case 6 -> {
                    JsonNode d = frame.get("d");
                    lifecycle.add("resume");
                    if (resumesPaused) pausedResumes.add(() -> resume(conn, d));
                    else resume(conn, d);
                }
                default -> { /* presence updates, member requests: recorded only */ }
            }
        }
    }

    @Override
    public void onMessage(WebSocket conn, java.nio.ByteBuffer message) {
        lifecycle.add("binary");
        conn.close(4002, "the fake speaks JSON text frames only");
    }

    private void identify(WebSocket conn, JsonNode d) {
        lifecycle.add("identify");
        if (!FakeDiscord.TOKEN.equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed.");
            return;
        }
        attached = conn;
        session = new Session("fake-session-" + sessionCounter.incrementAndGet());
        sessions.put(session.id, session);
        dispatch("READY", payloads.ready(session.id, url()));
        lifecycle.add("ready");
        if (sendGuildCreate) dispatch("GUILD_CREATE", payloads.guild());
    }

    private void resume(WebSocket conn, JsonNode d) {
        if (conn != current || !conn.isOpen()) return;
        Session s = sessions.get(d.path("session_id").asText());
        if (s == null || !FakeDiscord.TOKEN.equals(d.path("token").asText())) {
            sendOp(9, json.getNodeFactory().booleanNode(false));
            return;
        }
        session = s;
        attached = conn;
        long seen = d.path("seq").asLong(0);
        for (ObjectNode frame : s.dispatches) {
            if (frame.path("s").asLong() > seen) conn.send(frame.toString());
        }
        dispatch("RESUMED", json.createObjectNode());
        lifecycle.add("resumed");
    }

    @Override
    public synchronized void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == current) lifecycle.add("close:" + code);
    }
}
