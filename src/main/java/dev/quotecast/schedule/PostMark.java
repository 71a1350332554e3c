package dev.quotecast.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * What identifies one daily post wherever it lands: its target and local date. A poster attaches it
 * to the message (Slack: message metadata; Discord: the message nonce), so that when the process
 * that claimed a post died before recording the result, another can ask the platform whether the
 * post went out, or resend it in a way the platform recognises as the same message.
 */
public record PostMark(String targetId, LocalDate date) {

    /** Slack message metadata {@code event_type} of daily posts. */
    public static final String EVENT_TYPE = "quotecast_daily_post";

    /** {@code target@date}: unique per post. */
    public String key() {
        return targetId + "@" + date;
    }

    /**
     * 25 characters derived from {@link #key()}: Discord's nonce limit. With {@code enforce_nonce}
     * Discord answers a second message with the same nonce (within minutes) with the first.
     */
    public String nonce() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 25);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
