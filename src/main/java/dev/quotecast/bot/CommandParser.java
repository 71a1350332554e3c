package dev.quotecast.bot;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one command grammar shared by mentions, the console and slash-command text.
 *
 * <pre>
 *   quote TOPIC | TOPIC        best quote for TOPIC
 *   advice [another|DATE]      advice of the day, a random one, or a given date's
 *   episode NUMBER|WORDS       an episode card
 *   ask QUESTION | ...?        an answer from the transcripts
 *   daily ...                  daily posts (schedules)
 *   help
 * </pre>
 *
 * <p>Chat phrasing around a topic is understood ({@link ChatWrappers}): "hey, habits", "what about
 * habits?", "anything on habits?" and "tell me about habits" are all {@code quote habits}.
 *
 * <p>Text is cleaned before it is read: control and format characters (zero-width, bidi marks)
 * are dropped, whitespace collapsed and platform mention markup removed. The result is plain
 * words; it is never handed to a query syntax.
 */
public final class CommandParser {

    private static final Pattern MENTION_MARKUP = Pattern.compile("<[@#!][^>]{0,80}>");
    private static final Pattern LEADING_PUNCT = Pattern.compile("^[\\s,:;.!-]+");
    private final int maxChars;

    public CommandParser(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Parses free text: a mention (markup already present is stripped), a console line, or {@code /quote} text. */
    public Command parse(String raw) {
        if (raw == null) return new Command.Help();
        if (raw.length() > maxChars * 4L + 1000) return new Command.TooLong(raw.length(), maxChars);
        String text = clean(raw);
        if (text.length() > maxChars) return new Command.TooLong(text.length(), maxChars);
        if (text.isEmpty()) return new Command.Help();
        text = ChatWrappers.withoutGreeting(text);
        String[] parts = text.split(" ", 2);
        String verb = parts[0].toLowerCase(Locale.ROOT).replaceFirst("^/", "");
        String rest = parts.length > 1 ? parts[1].trim() : "";
        switch (verb) {
            case "help", "usage", "?":
                return new Command.Help();
            case "quote":
                return rest.isEmpty() ? new Command.Invalid("Tell me a topic, for example `quote habits`.")
                        : new Command.Quote(ChatWrappers.topic(rest).orElse(rest), 0);
            case "advice":
                return advice(rest);
            case "episode", "ep":
                return rest.isEmpty() ? new Command.Invalid("Tell me an episode number or some words from its title, for example `episode 73`.") : new Command.Episode(rest);
            case "ask":
                return rest.isEmpty() ? new Command.Invalid("Ask me a question, for example `ask how do I build a habit?`") : new Command.Ask(rest);
            case "daily":
                return new Command.Daily(rest);
            default:
                Optional<String> topic = ChatWrappers.topic(text);
                if (topic.isPresent()) return new Command.Quote(topic.get(), 0);
                return text.endsWith("?") ? new Command.Ask(text) : new Command.Quote(text, 0);
        }
    }

    /** Parses a slash command: {@code /quote habits} is {@code parse("quote habits")}, {@code /quote help} is help. */
    public Command parseSlash(String commandName, String text) {
        String name = commandName.replaceFirst("^/", "").toLowerCase(Locale.ROOT);
        String body = text == null ? "" : text;
        if (name.equals("quote")) {
            String cleaned = clean(body);
            String first = cleaned.split(" ", 2)[0].toLowerCase(Locale.ROOT);
            if (cleaned.isEmpty() || first.equals("help") || first.equals("daily")) return parse(cleaned.isEmpty() ? "help" : cleaned);
            return parse("quote " + body);
        }
        return parse(name + " " + body);
    }

    private static Command advice(String rest) {
        String r = rest.toLowerCase(Locale.ROOT);
        if (r.isEmpty() || r.equals("today")) return new Command.Advice(null, false);
        if (r.equals("another") || r.equals("random") || r.equals("more")) return new Command.Advice(null, true);
        try {
            return new Command.Advice(LocalDate.parse(r), false);
        } catch (DateTimeParseException e) {
            return new Command.Invalid("`advice` takes nothing, `another`, or a date like 2026-11-26.");
        }
    }

    /**
     * Removes what is not words: control and format characters (zero-width, bidi), chat mention
     * markup, leading punctuation left after a mention; collapses whitespace; NFC-normalises.
     */
    public static String clean(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 1 << 16));
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                sb.append(' ');
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                // dropped: invisible or meaningless in a query
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String noMarkup = MENTION_MARKUP.matcher(sb).replaceAll(" ");
        return LEADING_PUNCT.matcher(noMarkup.replaceAll("\\s+", " ").trim()).replaceFirst("").trim();
    }

    /** Cache-key form: lower case, letters and digits only, single spaces. */
    public static String normalise(String s) {
        return clean(s).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
