package dev.quotecast.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import dev.quotecast.ops.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Socket Mode envelopes with the Bolt app, each on a thread of its own, and sends each ack
 * back on the connection its envelope came on.
 *
 * <p>Bolt's {@code SocketModeApp} sent every ack on the client's current connection. During a
 * refresh that is a connection not yet open, and the ack for an envelope that arrived on the old
 * one just before was lost ({@code WebsocketNotConnectedException}); Slack then shows the user an
 * error. Only when the envelope's own connection is gone does the ack go to the current one.
 */
final class SocketModeEnvelopes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeEnvelopes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final App app;
    private final SocketModeRequestParser parser;
    private final Supplier<SocketModeLink> current;
    private final ThreadPoolExecutor pool;

    /**
     * @param current the connection in use, for an ack whose own connection has closed
     * @param threads envelopes served at once (a slash command may take up to the ack budget)
     */
    SocketModeEnvelopes(App app, Supplier<SocketModeLink> current, int threads) {
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
        this.current = current;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                DaemonThreads.numbered("slack-envelope"));
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Serves an envelope that came on {@code link}; the link counts it until its ack is out. */
    void arrived(SocketModeLink link, String envelope) {
        link.envelopeArrived();
        try {
            pool.execute(() -> serve(link, envelope));
        } catch (RejectedExecutionException e) {
            link.envelopeDone();
            log.warn("dropped a Socket Mode envelope: {} are already waiting", pool.getQueue().size());
        }
    }

    private void serve(SocketModeLink link, String envelope) {
        try {
            SocketModeRequest req = parser.parse(envelope);
            if (req == null || req.getBoltRequest() == null) return;
            Response r = app.run(req.getBoltRequest());
            if (r.getStatusCode() == null || r.getStatusCode() != 200) {
                // as Bolt's SocketModeApp: no ack, so Slack retries the envelope
                log.warn("Bolt answered HTTP {} to a Socket Mode envelope; not acking it", r.getStatusCode());
                return;
            }
            ack(link, req.getEnvelope().getEnvelopeId(), r);
        } catch (Exception e) {
            log.error("could not serve a Socket Mode envelope: {}", e.toString(), e);
        } finally {
            link.envelopeDone();
        }
    }

    private void ack(SocketModeLink origin, String envelopeId, Response r) throws Exception {
        String ack = ackJson(envelopeId, r);
        SocketModeLink to = origin.isOpen() ? origin : current.get();
        if (to == null || !to.isOpen()) {
            log.warn("the ack for a Socket Mode envelope was not sent: no connection to Slack is open");
            return;
        }
        try {
            to.send(ack);
        } catch (WebsocketNotConnectedException e) {
            log.warn("the ack for a Socket Mode envelope was not sent: connection {} closed just now", to.number());
        }
    }

    /** The ack Bolt's SocketModeApp would send: the envelope id, and the response body as its payload when there is one. */
    static String ackJson(String envelopeId, Response r) throws Exception {
        ObjectNode ack = JSON.createObjectNode().put("envelope_id", envelopeId);
        String body = r.getBody();
        if (body != null) {
            if (r.getContentType() != null && r.getContentType().startsWith("application/json")) ack.set("payload", JSON.readTree(body));
            else ack.putObject("payload").put("text", body);
        }
        return JSON.writeValueAsString(ack);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
