package dev.quotecast.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a Bolt {@link App} on the JDK's HTTP server: the signature is checked on the raw body
 * ({@link RequestSignature}: a bad or missing signature, or a timestamp more than five minutes
 * from now either way, gets 401), then {@link SlackRequestParser} turns the exchange into a Bolt
 * request, {@link App#run} dispatches it (Bolt verifies again, harmlessly), and the
 * {@link Response} is written back. Bolt ships adapters only for servlet containers; this one
 * keeps the bot on the one port it already has.
 *
 * <p>Nothing reads an unsigned body: Bolt's parser logs bodies it does not recognise, which let
 * anyone write text into the log. Slack's payloads are a few kilobytes; a body over
 * {@code maxBodyBytes} is refused with 413 before it is verified, so nobody can make the bot
 * buffer large uploads.
 */
public final class SlackHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SlackHttpHandler.class);

    /** Slack's own events are far below this; it only stops abuse. */
    public static final int DEFAULT_MAX_BODY = 64 * 1024;
    /** How much of an oversized body is read and dropped so the client sees the 413, not a reset. */
    private static final int DRAIN_LIMIT = 1 << 20;

    /** Slack's replay window: a signed request stamped further from now than this is refused. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    private static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private final App app;
    private final SlackRequestParser parser;
    private final RequestSignature signature;
    private final int maxBodyBytes;

    public SlackHttpHandler(App app, int maxBodyBytes) {
        this(app, maxBodyBytes, Clock.systemUTC());
    }

    public SlackHttpHandler(App app, int maxBodyBytes, Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signature = new RequestSignature(app.config().getSigningSecret(), MAX_CLOCK_SKEW, clock);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: that would close the exchange before the catch could write the 500.
        try {
            serve(ex);
        } catch (Exception e) {
            log.error("Slack request failed", e);
            try {
                send(ex, 500, "text/plain; charset=utf-8", "internal error");
            } catch (IOException | RuntimeException ignored) {
                // headers may already be out; the exchange is closed below either way
            }
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws Exception {
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.getResponseHeaders().add("Allow", "POST");
            send(ex, 405, "text/plain; charset=utf-8", "POST only");
            return;
        }
        long declared = contentLength(ex);
        byte[] body = declared > maxBodyBytes ? null : readAtMost(ex.getRequestBody(), maxBodyBytes);
        if (body == null) {
            drain(ex.getRequestBody());
            send(ex, 413, "text/plain; charset=utf-8", "request body over " + maxBodyBytes + " bytes");
            return;
        }
        if (!signature.valid(ex.getRequestHeaders().getFirst(TIMESTAMP_HEADER), ex.getRequestHeaders().getFirst(SIGNATURE_HEADER), body)) {
            // nothing from the request is logged: it is not from Slack, and anyone can send anything
            log.debug("refused a Slack request without a valid signature ({} bytes)", body.length);
            send(ex, 401, "application/json", "{\"error\":\"invalid request\"}");
            return;
        }
        Map<String, List<String>> headers = new HashMap<>(ex.getRequestHeaders());
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(ex.getRequestURI().getPath())
                .queryString(QueryStringParser.toMap(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery()))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .headers(new RequestHeaders(headers))
                .remoteAddress(ex.getRemoteAddress() == null ? null : ex.getRemoteAddress().getAddress().getHostAddress())
                .build();
        Request<?> request;
        try {
            request = parser.parse(raw);
        } catch (RuntimeException malformed) {
            // signed, so from Slack (or someone holding the secret), but unreadable: a 400 and one line of log, not a stack trace
            log.warn("refused a malformed Slack request ({} bytes): {}", body.length, malformed.toString());
            send(ex, 400, "text/plain; charset=utf-8", "malformed Slack request");
            return;
        }
        if (request == null) {
            send(ex, 400, "text/plain; charset=utf-8", "not a Slack request");
            return;
        }
        Response response = app.run(request);
        write(ex, response);
    }

    private static long contentLength(HttpExchange ex) {
        String v = ex.getRequestHeaders().getFirst("Content-Length");
        if (v == null) return -1;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body, or null when it is longer than {@code max} (chunked bodies declare no length). */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > max) return null;
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = in.read(buf)) > 0) total += n;
    }

    private static void write(HttpExchange ex, Response r) throws IOException {
        if (r.getHeaders() != null) {
            for (Map.Entry<String, List<String>> h : r.getHeaders().entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Length")) continue;
                for (String v : h.getValue()) ex.getResponseHeaders().add(h.getKey(), v);
            }
        }
        int status = r.getStatusCode() == null ? 200 : r.getStatusCode();
        send(ex, status, r.getContentType(), r.getBody());
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }
}
