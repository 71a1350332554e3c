package dev.quotecast.reliability;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators for text a hostile or careless chat user (or a mangled transcript) can produce: every
 * kind of Unicode, invisible and direction-changing marks, emoji, query and regex syntax, and the
 * mention and link markup of both platforms. Mixed with words the seed transcript really contains,
 * so that searches hit and replies quote real passages, not just "nothing found".
 */
final class HostileText {

    private HostileText() {}

    static final List<String> MARKUP = List.of(
            "<!channel>", "<!here>", "<!everyone>", "<@U1>", "<@U123ABC|bob>", "<#C1>", "<#C1|general>", "<!subteam^S1>",
            "<https://x|y>", "<https://evil.example|click me>", "<mailto:a@b.c|mail>", "&lt;", "&amp;", "&", "<", ">", "<<>>",
            "@channel", "@here", "@everyone", "@Everyone", "@heresy", "@everyone1", "@here!", "x@here",
            "<@&1>", "<@!123456789012345678>", "<@123456789012345678>", "<#123456789012345678>", "<t:1700000000:R>", "<:emoji:123>",
            "||spoiler||", "~~strike~~", "**bold**", "__under__", "*it*", "_it_", "`code`", "```block```", "> quote", ">>> all",
            "# Header", "-# sub", "[free nitro](https://evil.example)", "[x](<https://evil.example>)", "\\", "\\\\", "\\*",
            "*", "_", "~", "|", "`");
    static final List<String> QUERY_SYNTAX = List.of(
            "title:foo", "AND", "OR", "NOT", "&&", "||", "!", "+must", "-not", "\"phrase query\"", "\"unclosed", "habits~2", "hab*",
            "?abit", "*", "(a OR (b", ")", "{a TO z}", "[1 TO 5]", "text:[* TO *]", "field:", "^2", "habit^1000", "/reg.*ex/",
            "/unclosed", "\\", ".*", "(a+)+$", "[^]", "[[:alpha:]]", "\\p{L}", "$1", "\\Q", "(?i)", "{1,", "a{99999}", "%s", "%n",
            "${jndi:ldap://x}", "'; DROP TABLE quotes; --", "#73", "#", "73", "-1", "99999999999999999999", "0x1F", "NaN");
    static final List<String> INVISIBLE = List.of(
            "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
            "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C", "\u180E", "\u034F", "\u3000", "\u00A0", "\u2028", "\u2029");
    static final List<String> EMOJI = List.of(
            "😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇩🇪", "❤️", "🧑🏿‍🚀", "🫠", "1️⃣", "©️", "\uD83D", "\uDE00", "\uDE00\uD83D",
            "é", "e\u0301", "ﬁ", "Ω", "ǅ", "İ", "ß", "𝕳𝖆𝖇𝖎𝖙", "Z̷̢̛͔̞̫͎̥͌̈́̐̓a̸̢̙̳l̶g̵o̶", "العادات", "עברית", "習慣", "привычки");
    static final List<String> WORDS = List.of(
            "habits", "habit", "learning", "deep", "learning", "education", "AI", "machine", "data", "Andrew", "Ng", "work",
            "build", "career", "how", "do", "I", "build", "a", "habit?", "what", "is", "the", "best", "way", "to", "learn?", "73");
    static final List<String> VERBS = List.of(
            "", "", "", "quote ", "ask ", "episode ", "ep ", "advice ", "advice another", "advice 2026-02-30 ", "advice 2020-02-20",
            "daily ", "daily 09:00 Europe/Berlin ", "daily 09:00 UTC quote:", "daily 25:99 ", "daily list", "daily off",
            "help ", "usage", "?", "/quote ", "@Quotecast ", "<@U0BOT> ");

    static final List<String> CONTROL = List.of("\u0000", "\u0001", "\u0007", "\u0008", "\t", "\n", "\r", "\u000B", "\u000C",
            "\u001B[2J", "\u001B]0;title\u0007", "\u001B[31m", "\u007F", "\u0085", "\u009B31m", "\r\n");

    /** One piece of hostile text. */
    static Arbitrary<String> fragment() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(WORDS)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(MARKUP)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(QUERY_SYNTAX)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(INVISIBLE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(EMOJI)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(CONTROL)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(8)));
    }

    /** A run of fragments, joined by nothing, a space, or an invisible mark. */
    static Arbitrary<String> body() {
        Arbitrary<String> glue = Arbitraries.of(" ", " ", " ", "", "\u200B", "\n", "\t");
        return net.jqwik.api.Combinators.combine(fragment().list().ofMinSize(1).ofMaxSize(14), glue).as((parts, g) -> String.join(g, parts));
    }

    /** What someone types: an optional verb, a hostile body, perhaps a question mark. */
    static Arbitrary<String> chatInput() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(VERBS), body(), Arbitraries.of("", "", "?", " ?", "?!"))
                .as((verb, body, end) -> verb + body + end);
    }

    /** Exactly {@code length} characters of hostile text (repeating one generated body). */
    static String ofLength(String seed, int length) {
        String s = seed.isEmpty() ? "<!channel> @everyone " : seed;
        StringBuilder sb = new StringBuilder(length + s.length());
        while (sb.length() < length) sb.append(s).append(' ');
        sb.setLength(length);
        if (Character.isHighSurrogate(sb.charAt(length - 1))) sb.setCharAt(length - 1, 'x');
        return sb.toString();
    }
}
