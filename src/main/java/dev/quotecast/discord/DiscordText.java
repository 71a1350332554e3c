package dev.quotecast.discord;

import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

/**
 * Makes transcript and user text safe to show on Discord. Allowed mentions are already empty on
 * every message the bot sends (so nothing pings); this also keeps the text from <em>looking</em> like
 * a mention or from being read as markdown, and cuts it to Discord's limits without splitting a
 * surrogate pair.
 */
final class DiscordText {

    /** {@code <@id>}, {@code <@!id>}, {@code <@&role>}, {@code <#channel>}: rendered as pills otherwise. */
    private static final Pattern MENTION_MARKUP = Pattern.compile("<([@#])");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)\\b");
    private static final char ZWSP = '\u200B';

    private DiscordText() {}

    /** Escapes markdown and breaks mention syntax: for any text that came from a transcript or a user. */
    static String safe(String text) {
        if (text == null) return "";
        return defuse(MarkdownSanitizer.escape(text));
    }

    /**
     * Breaks mention syntax only, keeping markdown: for the bot's own messages, which use markdown
     * but may quote what a user typed.
     */
    static String defuse(String text) {
        if (text == null) return "";
        String s = MASS_MENTION.matcher(text).replaceAll("@" + ZWSP + "$1");
        return MENTION_MARKUP.matcher(s).replaceAll("<" + ZWSP + "$1");
    }

    /** At most {@code max} characters, ending in an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text == null) return "";
        if (text.length() <= max) return text;
        if (max <= 1) return text.substring(0, Math.max(0, max));
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        // do not leave a dangling escape backslash at the cut
        while (end > 0 && text.charAt(end - 1) == '\\') end--;
        return text.substring(0, end) + "…";
    }

    /** {@link #safe} then {@link #cut}. */
    static String safe(String text, int max) {
        return cut(safe(text), max);
    }
}
