package dev.quotecast.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One schedule set from chat ({@code daily 09:00 Europe/Berlin}); a channel has at most one.
 *
 * @param addedBy the platform user id who set it (for audit; not logged above DEBUG)
 * @param addedAt when; posts due before this are not owed
 */
public record ChatSchedule(String platform, String channel, LocalTime at, ZoneId zone, DailyPost post, String addedBy, Instant addedAt) {

    public Target target() {
        return new Target(idFor(platform, channel), platform, channel, at, zone, post, Target.Origin.CHAT, addedAt);
    }

    /** One chat schedule per channel, so the id is the channel: replacing a schedule keeps today's claim. */
    public static String idFor(String platform, String channel) {
        return "chat:" + platform + ":" + channel;
    }
}
