package dev.quotecast.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of a server (the test PostgreSQL), which a test can cut: every
 * open connection is reset and new ones are refused, as when the database host goes away, and
 * {@link #restore()} lets connections through again. The server itself is never touched, so other
 * tests using it are not disturbed.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    public TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** A proxy for the server of a {@code jdbc:postgresql://host:port/...} URL. */
    public static TcpProxy forJdbcUrl(String url) throws IOException {
        String hostPort = url.substring("jdbc:postgresql://".length()).replaceAll("/.*", "");
        String[] hp = hostPort.split(":");
        return new TcpProxy(hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 5432);
    }

    /** {@code url} pointed at this proxy instead of its server. */
    public String rewrite(String url) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection and refuses new ones. */
    public void cut() {
        cut = true;
        for (Socket s : open) close(s);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                close(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 2000);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                close(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.setSoLinger(true, 0);   // a reset, not a polite close: what a vanished host looks like
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
