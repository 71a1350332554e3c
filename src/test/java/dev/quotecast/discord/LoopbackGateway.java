package dev.quotecast.discord;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.server.WebSocketServer;

/**
 * What every fake Discord gateway shares: a WebSocket server on a free loopback port, started and
 * waited for, whose URL is what the bot's session controller hands JDA. A failure to bind is
 * reported by {@link #startAndWait} rather than left in the server's thread.
 */
abstract class LoopbackGateway extends WebSocketServer {

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startError;

    LoopbackGateway() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait(Duration timeout) throws IOException {
        start();
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new IOException("fake gateway did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (startError != null) throw new IOException("fake gateway failed to start", startError);
    }

    /** {@code ws://127.0.0.1:PORT/}: what the bot's SessionController returns as the gateway. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startError = ex;
            started.countDown();
        }
    }
}
