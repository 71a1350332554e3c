package dev.quotecast.ops;

/**
 * Keeps log text on its line. A message may carry what someone sent (a request body, a topic, a
 * header, an exception message quoting either); a raw line break in it lets the sender append a
 * line of their own that reads like ours ({@code 2026-… ERROR [main] … FORGED}), and terminal
 * escapes can rewrite what an operator sees. Every such character is written as an escape instead:
 * {@code \n}, {@code \r}, {@code \t}, or {@code \}{@code uXXXX} for the other control characters
 * (C0, DEL, C1 with NEL), the Unicode line and paragraph separators and the bidi overrides.
 *
 * <p>A backslash is left as it is, so Windows paths and regexes read normally; a literal
 * {@code \n} in a message is therefore ambiguous, but it can never start a line.
 */
public final class LogText {

    private LogText() {}

    /** {@code text} with every character that could break or disguise a log line escaped; the same string when there is none. */
    public static String oneLine(String text) {
        if (text == null) return null;
        int first = firstUnsafe(text);
        if (first < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) if (unsafe(text.charAt(i))) return i;
        return -1;
    }

    /** Control characters, line and paragraph separators, and the bidi embeddings, overrides and isolates. */
    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
