package dev.quotecast.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * One daily post: where, when (local time in an IANA zone) and what.
 *
 * @param id stable key in the ledger; the same target keeps its id across restarts, so a post
 *     claimed before a restart is recognised after it
 * @param origin whether {@code bot-config.yml} or a chat command created it
 * @param since posts due before this instant are not owed (a schedule added at 10:00 for 09:00
 *     starts tomorrow, it does not "catch up" today)
 */
public record Target(String id, String platform, String channel, LocalTime at, ZoneId zone, DailyPost post, Origin origin,
                     Instant since) {

    /** Where a target came from: config targets cannot be changed from chat. */
    public enum Origin { CONFIG, CHAT }

    public Target {
        Objects.requireNonNull(id);
        Objects.requireNonNull(platform);
        Objects.requireNonNull(channel);
        Objects.requireNonNull(at);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(post);
        Objects.requireNonNull(origin);
        Objects.requireNonNull(since);
        at = at.withSecond(0).withNano(0);
    }

    /** The same target, owed posts only from {@code from} on when that is later than {@link #since}. */
    public Target notBefore(Instant from) {
        return from.isAfter(since) ? new Target(id, platform, channel, at, zone, post, origin, from) : this;
    }

    /** The name used in logs: platform, channel, time, zone and post. */
    public String name() {
        return platform + ":" + channel + " " + at + " " + zone.getId() + " " + post.spec() + (origin == Origin.CONFIG ? " (config)" : " (chat)");
    }

    /** When this target posts on {@code date}, its local date. */
    public Instant dueOn(LocalDate date) {
        return fireTime(date, at, zone);
    }

    /**
     * The instant of local {@code time} on {@code date} in {@code zone}. In a spring-forward gap
     * (02:30 does not exist in Berlin on the last Sunday of March) it is the first valid minute
     * after the gap, i.e. the moment the clocks jump (03:00), not {@link ZonedDateTime#of}'s
     * "shift by the gap length" (03:30). In a fall-back overlap (02:30 happens twice) it is the
     * first occurrence; the ledger's one-claim-per-local-date makes the post happen once.
     */
    public static Instant fireTime(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = date.atTime(time);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
