package dev.quotecast.slack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way Slack does ({@code X-Slack-Signature = "v0=" + hex(HmacSHA256(secret,
 * "v0:" + timestamp + ":" + body))}) and posts them to a bot's {@code /slack/events}, for tests.
 * The client never uses a proxy and gives up after a few seconds.
 */
public final class SlackSigning {

    private final String secret;
    private final HttpClient client = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public SlackSigning(String secret) {
        this.secret = secret;
    }

    public String signature(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request signed now, with Slack's content type for the body's kind. */
    public HttpRequest.Builder signed(URI uri, String body) {
        return signed(uri, body, Instant.now().getEpochSecond());
    }

    /** A request signed as of {@code timestamp} (epoch seconds), to test stale requests. */
    public HttpRequest.Builder signed(URI uri, String body, long timestamp) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Signs and posts {@code body}; returns the response. */
    public HttpResponse<String> post(URI uri, String body) throws Exception {
        return send(signed(uri, body).build());
    }
}
