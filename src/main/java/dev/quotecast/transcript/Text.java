package dev.quotecast.transcript;

/** Small text helpers shared by the parser and the content layer. */
public final class Text {
    private Text() {}

    /** Counts whitespace-separated words. */
    public static int wordCount(String s) {
        // without a branch per character: the word starts in running text are too irregular to
        // predict, and the branchy loop was a tenth of parsing in a 1,000-episode build (issue 20)
        int n = 0;
        int before = 0; // 1 when the previous character is part of a word
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int word = c < 0x80 ? ASCII_WORD[c] : Character.isWhitespace(c) ? 0 : 1;
            n += word & ~before;
            before = word;
        }
        return n;
    }

    /** What {@code \s} matches in a Java regex without {@code UNICODE_CHARACTER_CLASS}: the six ASCII spaces. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** 1 for each ASCII character that is part of a word, 0 for those {@link Character#isWhitespace} calls space. */
    private static final byte[] ASCII_WORD = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) ASCII_WORD[c] = (byte) (Character.isWhitespace(c) ? 0 : 1);
    }

    /**
     * Removes control characters other than line breaks and tabs (ESC, BEL, DEL, C1 codes...): they
     * are never words, and a transcript carrying {@code ESC[2J} must not be able to drive the
     * terminal of whoever runs {@code quotecast quote} on it.
     */
    public static String withoutControls(String s) {
        int i = 0, n = s.length();
        while (i < n && !isStrayControl(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!isStrayControl(c)) out.append(c);
        }
        return out.toString();
    }

    /**
     * Text made safe for one line of a log or a terminal: control characters (line breaks and ESC
     * included), and the Unicode line separators and direction overrides, are written as
     * {@code \\n}, {@code \\u001b} and the like. A file named with a newline and an ANSI colour
     * code must not be able to forge a log line or repaint the operator's terminal.
     */
    public static String escape(String s) {
        if (s == null) return "null";
        int i = 0, n = s.length();
        while (i < n && !needsEscape(s.charAt(i)) && s.charAt(i) != '\\') i++;
        if (i == n) return s;
        StringBuilder out = new StringBuilder(n + 16);
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean isStrayControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t';
    }

    /**
     * Splits text into lines at {@code \n}, {@code \r\n} or a lone {@code \r}, keeping empty lines
     * (like {@code split("\r\n|\r|\n", -1)}, without a regex over the whole file).
     */
    public static String[] lines(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    /** Collapses runs of whitespace to one space and trims. */
    public static String collapse(String s) {
        // most text is already collapsed (the parser joins trimmed lines with one space): keep it as it is
        if (collapsed(s)) return s;
        // word by word, each appended whole: appending a character at a time was most of this
        // method in a profile of a 1,000-episode build (issue 20)
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length(), i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
            if (i > start) {
                if (out.length() > 0) out.append(' ');
                out.append(s, start, i);
            }
        }
        return out.toString();
    }

    /** True when {@link #collapse} would give {@code s} back: no whitespace but single spaces between words. */
    static boolean collapsed(String s) {
        int n = s.length();
        if (n == 0) return true;
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (s.charAt(i + 1) == ' ') return false;
            } else if (c <= ' ' || c >= 0x80 && Character.isWhitespace(c)) {
                return false; // tabs, line breaks and other controls, Unicode spaces: the long way
            }
        }
        return true;
    }

    /** Formats seconds as {@code m:ss} or {@code h:mm:ss}. */
    public static String clock(int seconds) {
        int h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
