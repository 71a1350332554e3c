package dev.quotecast.ops;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The bot's one HTTP port, on the JDK's {@link HttpServer}: health and metrics live here, and
 * Slack's HTTP mode mounts {@code /slack/events} on it. Port 0 picks a free port (tests).
 */
public final class HttpEndpoint implements Closeable {

    static {
        // Without TCP_NODELAY the JDK server's small writes wait on Nagle's algorithm and delayed
        // ACKs: about 45 ms added to every reply (measured on Slack acks: 52 ms -> 3 ms). The
        // property is read once, when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    public HttpEndpoint(String host, int port) {
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        this.executor = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 4), DaemonThreads.named("http"));
        server.setExecutor(executor);
    }

    /** Serves {@code path} (and everything below it) with {@code handler}. */
    public HttpEndpoint route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public HttpEndpoint start() {
        server.start();
        return this;
    }

    /** The bound port: the configured one, or the one picked for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, waits up to {@code graceSeconds} for exchanges in flight. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        executor.shutdown();
        try {
            executor.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(1);
    }
}
