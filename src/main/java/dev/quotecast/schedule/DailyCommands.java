package dev.quotecast.schedule;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.ConfigLoader;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code daily ...} chat commands: {@code daily 09:00 Europe/Berlin [advice|quote:TOPIC]},
 * {@code daily off}, {@code daily list}. Slack's {@code /quote daily ...} and Discord's
 * {@code /daily time: zone: post:} arrive here as that text. Changing needs
 * {@link Request#admin()} (the adapter decides: Manage Channels in Discord, workspace admins or
 * {@code slack.admins} in Slack); listing does not.
 */
final class DailyCommands implements DailyHandler {

    private static final Logger log = LoggerFactory.getLogger(DailyCommands.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);
    /** IANA ids by lower case, so {@code europe/berlin} is understood too. */
    private static final Map<String, String> ZONES = zonesByLowerCase();

    static final String USAGE = "Usage: `daily 09:00 Europe/Berlin` (the advice of the day) or `daily 09:00 Europe/Berlin quote:habits` "
            + "posts here every day at that local time; `daily list` shows this channel's daily posts; `daily off` stops the one set from chat.";

    private final DailyScheduler scheduler;
    private final DailyContent content;
    private final Clock clock;

    DailyCommands(DailyScheduler scheduler, DailyContent content, Clock clock) {
        this.scheduler = scheduler;
        this.content = content;
        this.clock = clock;
    }

    @Override
    public Reply handle(Request request, Command.Daily daily) {
        String args = daily.args() == null ? "" : daily.args().trim();
        String[] words = args.isEmpty() ? new String[0] : args.split("\\s+", 3);
        String first = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
        switch (first) {
            case "", "help":
                return new Reply.Info("daily", USAGE);
            case "list":
                return list(request);
            case "off", "stop":
                if (words.length > 1) return bad("`daily off` takes nothing after it.");
                return off(request);
            default:
                return set(request, words);
        }
    }

    private Reply set(Request request, String[] words) {
        if (!request.admin()) return forbidden();
        if (request.channel() == null) return bad("Daily posts belong to a channel: use this command in Slack or Discord.");
        LocalTime at = ConfigLoader.parseTime(words[0]);
        if (at == null) {
            return bad("'" + shown(words[0]) + "' is not a time: use 24-hour HH:MM, like 09:00 or 17:30. " + USAGE);
        }
        if (words.length < 2) return bad("Which time zone? Add an IANA name after the time, like `daily " + at + " Europe/Berlin`.");
        Optional<ZoneId> zone = zone(words[1]);
        if (zone.isEmpty()) {
            return bad("'" + shown(words[1]) + "' is not a time zone I know: use an IANA name like Europe/Berlin, America/New_York or UTC.");
        }
        DailyPost post;
        try {
            post = DailyPost.parse(words.length > 2 ? words[2] : "advice");
        } catch (IllegalArgumentException e) {
            return bad(capitalise(e.getMessage()) + ".");
        }
        if (post instanceof DailyPost.TopicQuote q && !content.hasQuotes(q.topic())) {
            return bad("I have no quotes about '" + q.topic() + "', so there would be nothing to post. Try another topic.");
        }
        Optional<Target> previous = chatTarget(request);
        Target t;
        try {
            t = scheduler.setChatSchedule(request.platform(), request.channel(), at, zone.get(), post, request.user());
        } catch (IOException e) {
            log.error("cannot save the daily schedule for {}:{}: {}", request.platform(), request.channel(), e.toString());
            return new Reply.Error("daily", Reply.Error.Kind.INTERNAL, "I couldn't save that schedule. Please try again.");
        }
        StringBuilder msg = new StringBuilder("Done: ").append(post.describe()).append(" will be posted here every day at ")
                .append(at).append(' ').append(zone.get().getId()).append('.');
        scheduler.nextPost(t, clock.instant()).ifPresent(n -> msg.append(" Next: ").append(WHEN.format(n.atZone(t.zone()))).append('.'));
        previous.ifPresent(p -> msg.append(" (This replaces ").append(p.post().describe()).append(" at ").append(p.at()).append(' ')
                .append(p.zone().getId()).append(".)"));
        if (!scheduler.canPost(request.platform())) {
            msg.append(" Note: this bot cannot post to ").append(request.platform()).append(" on its own right now, so the post is skipped until it can.");
        }
        return new Reply.Info("daily", msg.toString());
    }

    private Reply off(Request request) {
        if (!request.admin()) return forbidden();
        if (request.channel() == null) return bad("Daily posts belong to a channel: use this command in Slack or Discord.");
        Optional<Target> removed;
        try {
            removed = scheduler.removeChatSchedule(request.platform(), request.channel());
        } catch (IOException e) {
            log.error("cannot save the daily schedules after removing {}:{}: {}", request.platform(), request.channel(), e.toString());
            return new Reply.Error("daily", Reply.Error.Kind.INTERNAL, "I couldn't save that change. Please try again.");
        }
        StringBuilder msg = new StringBuilder(removed.map(t -> "Stopped: no more " + t.post().describe() + " here (it was at " + t.at()
                + " " + t.zone().getId() + ").").orElse("There is no daily post set from chat in this channel."));
        for (Target c : inChannel(request)) {
            if (c.origin() == Target.Origin.CONFIG) {
                msg.append(" The daily post at ").append(c.at()).append(' ').append(c.zone().getId())
                        .append(" comes from the bot's configuration and stays; whoever runs the bot can change it there.");
            }
        }
        return new Reply.Info("daily", msg.toString());
    }

    private Reply list(Request request) {
        Instant now = clock.instant();
        List<Target> shown = request.channel() == null ? scheduler.targets() : inChannel(request);
        if (shown.isEmpty()) {
            return new Reply.Info("daily", request.channel() == null ? "There are no daily posts." : "There are no daily posts in this channel. " + USAGE);
        }
        StringBuilder msg = new StringBuilder(request.channel() == null ? "Daily posts:" : "Daily posts in this channel:");
        for (Target t : shown) {
            msg.append("\n• ").append(t.at()).append(' ').append(t.zone().getId()).append(": ").append(t.post().describe());
            if (request.channel() == null) msg.append(" in ").append(t.platform()).append(' ').append(t.channel());
            msg.append(t.origin() == Target.Origin.CONFIG ? " (from the configuration)" : " (set in chat)");
            scheduler.nextPost(t, now).ifPresent(n -> msg.append(", next ").append(WHEN.format(n.atZone(t.zone()))));
        }
        return new Reply.Info("daily", msg.toString());
    }

    private List<Target> inChannel(Request request) {
        List<Target> out = new ArrayList<>();
        for (Target t : scheduler.targets()) {
            if (t.platform().equals(request.platform()) && t.channel().equals(request.channel())) out.add(t);
        }
        return out;
    }

    private Optional<Target> chatTarget(Request request) {
        return inChannel(request).stream().filter(t -> t.origin() == Target.Origin.CHAT).findFirst();
    }

    static Optional<ZoneId> zone(String text) {
        ZoneId z = ConfigLoader.parseZone(text);
        if (z != null) return Optional.of(z);
        String id = ZONES.get(text.trim().toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
    }

    private static Map<String, String> zonesByLowerCase() {
        Map<String, String> m = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) m.put(id.toLowerCase(Locale.ROOT), id);
        return Map.copyOf(m);
    }

    private static Reply forbidden() {
        return new Reply.Error("daily", Reply.Error.Kind.FORBIDDEN, "Only people who manage this channel can change its daily posts "
                + "(Discord: Manage Channels; Slack: workspace admins and the bot's configured admins). `daily list` works for everyone.");
    }

    private static Reply bad(String message) {
        return new Reply.Error("daily", Reply.Error.Kind.BAD_REQUEST, message);
    }

    /** User text echoed back: short, and with nothing that could form a mention or markup. */
    static String shown(String s) {
        String t = s.replaceAll("[<>@&`*_~|\\[\\]\\\\]", ""); // [ ] too: "[x](url)" is a link on Discord
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
