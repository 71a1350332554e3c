package dev.quotecast.slack;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to Slack's Socket Mode server. It remembers what {@link SlackSocketMode} needs to
 * ack each envelope on the connection it came on: whether Slack said {@code hello} (the link is
 * usable), and how many envelopes that came on it are still being answered, so that a link being
 * replaced stays open until their acks are out.
 */
final class SocketModeLink extends WebSocketClient {

    private static final Logger log = LoggerFactory.getLogger(SocketModeLink.class);

    /** What the link reports to its owner, on the WebSocket's own threads. */
    interface Events {
        void message(SocketModeLink link, String text);

        void closed(SocketModeLink link, int code, String reason);
    }

    private final int number;
    private final Events events;
    private final CountDownLatch hello = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean retiring;

    SocketModeLink(URI uri, int number, Events events) {
        super(uri);
        this.number = number;
        this.events = events;
        // ping every 30 s; a connection that stops answering is closed, and the watchdog replaces it
        setConnectionLostTimeout(30);
    }

    /** 1 for the first connection this bot opened, 2 for the next, ...: for the log. */
    int number() {
        return number;
    }

    /** Open, and greeted by Slack: envelopes may arrive and acks may be sent. */
    boolean ready() {
        return isOpen() && hello.getCount() == 0;
    }

    void helloReceived() {
        hello.countDown();
    }

    /** Waits for Slack's {@code hello}; false when it does not come within {@code timeout} or the link closes first. */
    boolean awaitHello(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hello.await(50, TimeUnit.MILLISECONDS)) {
            if (isClosed() || System.nanoTime() > deadline) return false;
        }
        return isOpen();
    }

    /** An envelope came on this link and is being answered. */
    void envelopeArrived() {
        inFlight.incrementAndGet();
    }

    /** An envelope from this link was acked (or given up); a retiring link closes after its last one. */
    void envelopeDone() {
        if (inFlight.decrementAndGet() <= 0 && retiring) close();
    }

    /** Replaced by a newer link: close once nothing that came on this one waits for its ack. */
    void retire() {
        retiring = true;
        if (inFlight.get() <= 0) close();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        log.debug("Socket Mode connection {} open", number);
    }

    @Override
    public void onMessage(String message) {
        events.message(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(this, code, reason);
    }

    @Override
    public void onError(Exception ex) {
        // onClose follows whenever the error ends the connection; say why at DEBUG only
        log.debug("Socket Mode connection {}: {}", number, ex.toString());
    }
}
