package dev.quotecast.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two browser pages of Slack's OAuth v2 install, on the bot's HTTP port, served by Bolt:
 * {@value #INSTALL_PATH} ("Add to Slack": a fresh {@code state}, kept in the state store and in a
 * cookie, and the link to Slack's consent page) and {@value #REDIRECT_PATH} (where Slack sends the
 * installer back with a code: Bolt checks the {@code state} against the cookie and the store,
 * exchanges the code with {@code oauth.v2.access}, and saves the workspace's bot token).
 *
 * <p>These are GET requests from a browser, not from Slack's servers, so they carry no signature;
 * the {@code state} check is what ties the return to the install that began it. Bodies are never
 * read.
 */
final class SlackOAuthHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SlackOAuthHandler.class);

    static final String INSTALL_PATH = "/slack/install";
    static final String REDIRECT_PATH = "/slack/oauth_redirect";

    private final App app;
    private final SlackRequestParser parser;

    SlackOAuthHandler(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!path.equals(INSTALL_PATH) && !path.equals(REDIRECT_PATH)) {
                send(ex, 404, "text/plain; charset=utf-8", "not found", Map.of());
                return;
            }
            if (!"GET".equalsIgnoreCase(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "GET");
                send(ex, 405, "text/plain; charset=utf-8", "GET only", Map.of());
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            Map<String, List<String>> headers = new HashMap<>(ex.getRequestHeaders());
            SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                    .requestUri(path)
                    .queryString(QueryStringParser.toMap(query == null ? "" : query))
                    .requestBody("")
                    .headers(new RequestHeaders(headers))
                    .remoteAddress(ex.getRemoteAddress() == null ? null : ex.getRemoteAddress().getAddress().getHostAddress())
                    .build();
            Request<?> request = parser.parse(raw);
            if (request == null) {
                // the redirect without a query string: nobody came back from Slack
                send(ex, 400, "text/plain; charset=utf-8", "expected ?code=…&state=… from Slack", Map.of());
                return;
            }
            Response response = app.run(request);
            send(ex, response.getStatusCode() == null ? 200 : response.getStatusCode(), response.getContentType(), response.getBody(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders());
        } catch (Exception e) {
            log.error("Slack OAuth page failed: {}", e.toString());
            try {
                send(ex, 500, "text/plain; charset=utf-8", "internal error", Map.of());
            } catch (IOException | RuntimeException ignored) {
                // headers may already be out
            }
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, Map<String, List<String>> headers) throws IOException {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Length") || h.getKey().equalsIgnoreCase("Content-Type")) continue;
            for (String v : h.getValue()) ex.getResponseHeaders().add(h.getKey(), v);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }
}
