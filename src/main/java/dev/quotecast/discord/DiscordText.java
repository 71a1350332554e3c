package dev.quotecast.discord;

import java.util.regex.Pattern;

/**
 * Makes transcript and user text safe to show on Discord. Allowed mentions are already empty on
 * every message the bot sends (so nothing pings); this also keeps the text from <em>looking</em> like
 * a mention or from being read as markdown, and cuts it to Discord's limits without splitting a
 * surrogate pair.
 */
final class DiscordText {

    /** {@code <@id>}, {@code <@!id>}, {@code <@&role>}, {@code <#channel>}: rendered as pills otherwise. */
    private static final Pattern MENTION_MARKUP = Pattern.compile("<([@#])");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)");
    private static final char ZWSP = '\u200B';

    private DiscordText() {}

    /**
     * Escapes markdown and breaks mention syntax: for any text that came from a transcript or a user.
     *
     * <p>Every markdown character is escaped on its own, not only complete pairs: the bot joins
     * several pieces of outside text into one description, and two harmless halves ({@code a || b}
     * in one sentence, {@code c || d} in the next) would otherwise make a spoiler across the join.
     * Brackets are escaped so no {@code [text](url)} becomes a masked link, and a piece that starts
     * like a header, a block quote or a list item is escaped there. Discord drops a backslash before any
     * punctuation, so people see the text as it was.
     */
    static String safe(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKDOWN.indexOf(c) >= 0 || (lineStart && LINE_START.indexOf(c) >= 0) || (c == '.' && orderedListMark(text, i))) {
                sb.append('\\');
            }
            sb.append(c);
            if (c == '\n') lineStart = true;
            else if (c != ' ' && c != '\t') lineStart = false;
        }
        return defuse(sb.toString());
    }

    /** Characters that are markdown wherever they stand. */
    private static final String MARKDOWN = "\\*_~|`[]";
    /** Characters that are markdown at the start of a line (headers, quotes, lists). */
    private static final String LINE_START = "#>-+";

    /** The dot of {@code 12. } at the start of a line: an ordered list item. */
    private static boolean orderedListMark(String text, int dot) {
        int i = dot - 1;
        while (i >= 0 && Character.isDigit(text.charAt(i))) i--;
        if (i == dot - 1) return false;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i--;
        return (i < 0 || text.charAt(i) == '\n') && dot + 1 < text.length() && text.charAt(dot + 1) == ' ';
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
