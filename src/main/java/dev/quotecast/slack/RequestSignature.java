package dev.quotecast.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ({@code X-Slack-Signature: v0=hex(HmacSHA256(secret, "v0:" + timestamp
 * + ":" + body))}), checked on the raw body before anything parses it.
 *
 * <p>Bolt checks the signature too, but only after its parser has read the body, and the parser
 * logs a body it does not recognise: an unsigned request could put any text (line breaks
 * included) into the log. Checked here first, an unsigned request is refused having been read by
 * nothing but this. The timestamp must be within {@code maxSkew} of now in either direction
 * (Bolt only refuses old ones; a pre-dated capture could otherwise be replayed later), and the
 * comparison takes the same time whatever the signature.
 */
final class RequestSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration maxSkew;
    private final Clock clock;

    RequestSignature(String signingSecret, Duration maxSkew, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) throw new IllegalArgumentException("HTTP mode needs slack.signingSecret");
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    /** Whether {@code body} was signed with the secret at {@code timestamp}, and that was within {@code maxSkew} of now. */
    boolean valid(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) return false;
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > maxSkew.toSeconds()) return false;
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac("v0:" + timestamp.trim() + ":", body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
