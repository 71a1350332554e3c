package dev.quotecast.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import dev.quotecast.ops.Backoff;
import dev.quotecast.ops.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Bolt app connected to Slack over Socket Mode, in place of Bolt's {@code SocketModeApp}
 * and the SDK's client, which failed in two ways:
 *
 * <ul>
 *   <li>After the socket dropped, one {@code apps.connections.open} answered {@code ok:false}
 *       ({@code internal_error}) made the SDK's client throw an unchecked exception in its
 *       session monitor, which stopped it: the bot stayed offline for good and said nothing. Here
 *       a watchdog checks the connection every second and reconnects until it is connected,
 *       waiting 1 s doubling to 60 s (with jitter) between attempts and logging each failed
 *       attempt once; a throwable never stops it.</li>
 *   <li>On Slack's {@code disconnect} (a refresh), the SDK closed the old connection before the new
 *       one was open, and acked envelopes on the new one: an envelope that came on the old
 *       connection just before lost its ack. Here the old connection stays open until the new one
 *       has said {@code hello} and every envelope that came on it is acked
 *       ({@link SocketModeEnvelopes} acks on the envelope's own connection), at most
 *       {@link #RETIRE_AFTER} longer.</li>
 * </ul>
 *
 * <p>Connecting, refreshing and retiring all happen on one thread of its own, so they never race.
 */
final class SlackSocketMode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often the watchdog looks at the connection. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** How long opening a connection (WebSocket handshake, then Slack's hello) may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Slack wants acks within 3 s: a replaced connection is closed after that at the latest. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(3);

    private final MethodsClient appApi;
    private final Backoff backoff;
    private final SocketModeEnvelopes envelopes;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("slack-socket-mode"));
    private final Set<SocketModeLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile SocketModeLink current;
    private volatile boolean closed;
    /** Slack asked for a new connection; the current one is still usable meanwhile. Keeper thread only. */
    private boolean refreshWanted;
    /** No attempt before this ({@link System#nanoTime}). Keeper thread only. */
    private long nextAttempt;

    /**
     * @param appApi the Web API with the app-level token ({@code xapp-…}), for {@code apps.connections.open}
     * @param backoff the waits between failed attempts
     */
    SlackSocketMode(App app, MethodsClient appApi, Backoff backoff) {
        this.appApi = appApi;
        this.backoff = backoff;
        this.envelopes = new SocketModeEnvelopes(app, () -> current, 10);
    }

    /** Starts the watchdog; the first attempt to connect is made at once, in the background. */
    void start() {
        keeper.scheduleWithFixedDelay(this::watch, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connected and greeted by Slack. */
    boolean connected() {
        SocketModeLink c = current;
        return c != null && c.ready();
    }

    /** The watchdog: connects when there is no usable connection (or Slack asked for a new one), as often as the backoff allows. */
    private void watch() {
        try {
            if (closed) return;
            SocketModeLink c = current;
            boolean usable = c != null && c.ready();
            if (usable && !refreshWanted) return;
            if (System.nanoTime() - nextAttempt < 0) return;
            connect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // closing
        } catch (Throwable t) {
            // whatever happens, the watchdog keeps running: that it stopped is what left the bot offline
            if (!closed) log.error("Slack Socket Mode watchdog: {}", t.toString(), t);
        }
    }

    /** One attempt: a URL from {@code apps.connections.open}, a connection, Slack's hello; then the old connection retires. */
    private void connect() throws InterruptedException {
        SocketModeLink link = null;
        try {
            link = new SocketModeLink(url(), opened.incrementAndGet(), new SocketModeLink.Events() {
                @Override
                public void message(SocketModeLink l, String text) {
                    onMessage(l, text);
                }

                @Override
                public void closed(SocketModeLink l, int code, String reason) {
                    onClosed(l, code, reason);
                }
            });
            links.add(link);
            if (!link.connectBlocking(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConnectFailure("no WebSocket connection to " + link.getURI().getHost() + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            if (!link.awaitHello(CONNECT_TIMEOUT)) throw new ConnectFailure("Slack did not say hello within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (ConnectFailure f) {
            if (link != null) drop(link);
            Duration wait = backoff.next();
            nextAttempt = System.nanoTime() + wait.toNanos();
            log.warn("Slack: Socket Mode could not connect (attempt {}): {}; next attempt in {} s",
                    backoff.failures(), f.getMessage(), String.format("%.1f", wait.toMillis() / 1000.0));
            return;
        }
        SocketModeLink old = current;
        current = link;
        refreshWanted = false;
        if (backoff.failures() > 0) log.info("Slack: Socket Mode connected (connection {}) after {} failed attempt(s)", link.number(), backoff.failures());
        else log.info("Slack: Socket Mode connected (connection {})", link.number());
        backoff.reset();
        if (old != null) retire(old);
    }

    /** A fresh Socket Mode URL; any refusal becomes a one-line reason. */
    private URI url() throws ConnectFailure {
        AppsConnectionsOpenResponse r;
        try {
            r = appApi.appsConnectionsOpen(b -> b);
        } catch (SlackApiException e) {
            throw new ConnectFailure("apps.connections.open answered HTTP " + (e.getResponse() == null ? "?" : e.getResponse().code()));
        } catch (IOException | RuntimeException e) {
            throw new ConnectFailure("apps.connections.open failed: " + e);
        }
        if (!r.isOk()) throw new ConnectFailure("apps.connections.open refused: " + r.getError());
        try {
            return URI.create(r.getUrl());
        } catch (RuntimeException e) {
            throw new ConnectFailure("apps.connections.open gave an unusable URL");
        }
    }

    private void onMessage(SocketModeLink link, String text) {
        String type;
        try {
            JsonNode n = JSON.readTree(text);
            type = n.path("type").asText("");
            if (type.equals("disconnect")) {
                String reason = n.path("reason").asText("");
                onKeeper(() -> refresh(link, reason));
                return;
            }
        } catch (IOException e) {
            log.warn("Slack sent something over Socket Mode that is not JSON ({} characters)", text.length());
            return;
        }
        switch (type) {
            case "hello" -> link.helloReceived();
            case "events_api", "interactive", "slash_commands" -> envelopes.arrived(link, text);
            default -> log.debug("ignoring a Socket Mode message of type {}", type);
        }
    }

    /** Slack will close {@code link} soon: open the next connection now, while it still works. */
    private void refresh(SocketModeLink link, String reason) throws InterruptedException {
        if (closed || link != current) return;
        log.info("Slack asked for a new Socket Mode connection ({}); keeping connection {} until it is up", reason, link.number());
        refreshWanted = true;
        nextAttempt = System.nanoTime();
        connect();
    }

    private void onClosed(SocketModeLink link, int code, String reason) {
        links.remove(link);
        if (closed || link != current) return;
        log.info("Slack: Socket Mode connection {} closed (code {}{}); reconnecting", link.number(), code,
                reason == null || reason.isEmpty() ? "" : ", " + reason);
        onKeeper(this::watch);
    }

    /** Closes {@code old} once its envelopes are acked, and after {@link #RETIRE_AFTER} at the latest. */
    private void retire(SocketModeLink old) {
        old.retire();
        keeper.schedule(() -> drop(old), RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drop(SocketModeLink link) {
        links.remove(link);
        try {
            link.close();
        } catch (RuntimeException e) {
            log.debug("closing Socket Mode connection {}: {}", link.number(), e.toString());
        }
    }

    private interface KeeperTask {
        void run() throws Exception;
    }

    private void onKeeper(KeeperTask task) {
        try {
            keeper.execute(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // closing
                } catch (Throwable t) {
                    if (!closed) log.error("Slack Socket Mode: {}", t.toString(), t);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        keeper.shutdownNow();
        for (SocketModeLink l : links) drop(l);
        envelopes.close();
    }

    /** Why an attempt to connect failed, in one line for the log. */
    private static final class ConnectFailure extends Exception {
        ConnectFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
