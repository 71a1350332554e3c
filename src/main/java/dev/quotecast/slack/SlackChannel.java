package dev.quotecast.slack;

import java.util.Optional;

/**
 * A Slack channel as daily posts name it. An app installed in one workspace names a channel by its
 * id ({@code C0123ABCD}); a distributed app must also say whose channel it is, since each workspace
 * is posted to with its own token: {@code T0123:C0123ABCD}, or {@code E0123:T0123:C0123ABCD} in an
 * Enterprise Grid organisation ({@code E0123::C0123ABCD} for an app installed organisation-wide).
 *
 * @param enterpriseId null outside an organisation
 * @param teamId null for a plain channel id, and for organisation-wide installs
 */
public record SlackChannel(String enterpriseId, String teamId, String channelId) {

    public static SlackChannel plain(String channelId) {
        return new SlackChannel(null, null, channelId);
    }

    /** Reads what {@link #toString()} writes; a plain channel id is one of a single-workspace app. */
    public static SlackChannel parse(String text) {
        String[] p = text.split(":", -1);
        return switch (p.length) {
            case 1 -> plain(text);
            case 2 -> new SlackChannel(null, blankToNull(p[0]), p[1]);
            case 3 -> new SlackChannel(blankToNull(p[0]), blankToNull(p[1]), p[2]);
            default -> throw new IllegalArgumentException("not a Slack channel: " + text);
        };
    }

    /** The channel of a request in a distributed app, qualified by the workspace it came from. */
    public static String qualified(String enterpriseId, String teamId, String channelId) {
        return new SlackChannel(enterpriseId, teamId, channelId).toString();
    }

    /** Whether it names the workspace (a distributed app's channel). */
    public boolean qualified() {
        return enterpriseId != null || teamId != null;
    }

    public Optional<String> enterprise() {
        return Optional.ofNullable(enterpriseId);
    }

    @Override
    public String toString() {
        if (!qualified()) return channelId;
        return (enterpriseId == null ? "" : enterpriseId + ":") + (teamId == null ? "" : teamId) + ":" + channelId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
