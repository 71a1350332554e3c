package dev.quotecast.slack;

/**
 * Slack's mrkdwn rules for text we did not write. Transcript and user text may contain
 * {@code <!channel>}, {@code <@U123>} or {@code <https://evil|link>}: Slack would read those as
 * control sequences (pings, links) unless {@code &}, {@code <} and {@code >} are escaped. Every
 * piece of outside text goes through {@link #escape} or {@link #fit} before it reaches a block.
 */
public final class Mrkdwn {
    /** Appended where text was cut to fit a limit. */
    public static final String ELLIPSIS = "…";

    private Mrkdwn() {}

    /**
     * Escapes the three characters Slack reserves for control sequences, and puts an invisible word
     * joiner after the {@code @} of a bare {@code @channel}, {@code @here} or {@code @everyone}, so
     * that no parsing mode can turn quoted words into a ping.
     */
    public static String escape(String raw) {
        if (raw == null) return "";
        String s = neutralise(raw);
        StringBuilder out = new StringBuilder(s.length() + 16);
        appendEscaped(out, s, 0, s.length());
        return out.toString();
    }

    private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&(amp|lt|gt);");

    /**
     * What someone typed, from the text Slack sends for it: Slack escapes {@code &}, {@code <} and
     * {@code >} in slash-command text and messages as {@code &amp;}, {@code &lt;} and {@code &gt;}.
     * Read as they come, {@code /quote Q&A} searched for {@code Q&amp;A} and echoed it escaped a
     * second time. Decoded in one pass, so {@code &amp;lt;} (someone typing {@code &lt;}) becomes
     * {@code &lt;}, not {@code <}. Button values are not Slack-escaped and never pass through here.
     */
    public static String unescape(String slackText) {
        if (slackText == null || slackText.indexOf('&') < 0) return slackText;
        return ENTITY.matcher(slackText).replaceAll(m -> switch (m.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            default -> ">";
        });
    }

    private static final java.util.regex.Pattern BROADCAST =
            java.util.regex.Pattern.compile("@(?=(?i:channel|here|everyone)\\b)");

    static String neutralise(String raw) {
        return raw.indexOf('@') < 0 ? raw : BROADCAST.matcher(raw).replaceAll("@\u2060");
    }

    /**
     * Escapes {@code raw} and cuts it so that the escaped result, ellipsis included, is at most
     * {@code max} characters. The cut never splits an entity ({@code &amp;}) or a surrogate pair,
     * and falls back to the last space when one is near, so words stay whole.
     */
    public static String fit(String raw, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be positive");
        raw = neutralise(raw == null ? "" : raw);
        String escaped = escape(raw);
        if (escaped.length() <= max) return escaped;
        int budget = max - ELLIPSIS.length();
        StringBuilder out = new StringBuilder(max);
        int lastSpace = -1;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            int n = Character.charCount(cp);
            int before = out.length();
            appendEscaped(out, raw, i, i + n);
            if (out.length() > budget) {
                out.setLength(before);
                break;
            }
            if (Character.isWhitespace(cp)) lastSpace = before;
            i += n;
        }
        if (lastSpace > 0 && out.length() - lastSpace < 40) out.setLength(lastSpace);
        while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) out.setLength(out.length() - 1);
        return out.append(ELLIPSIS).toString();
    }

    private static void appendEscaped(StringBuilder out, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
    }

    /** Plain text (buttons, headers) is not parsed by Slack, so it is only cut, never escaped. */
    public static String plain(String raw, int max) {
        if (raw == null) return "";
        if (raw.length() <= max) return raw;
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(raw.charAt(end - 1))) end--;
        return raw.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
