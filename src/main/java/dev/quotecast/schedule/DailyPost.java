package dev.quotecast.schedule;

import java.util.Locale;

/**
 * What a daily post says: the advice of the day, or a quote about a topic. One closed set, so the
 * config loader, the chat command and the scheduler all agree on the spelling ({@code advice},
 * {@code quote:TOPIC}).
 */
public sealed interface DailyPost {

    /** Longest topic accepted; keeps state and chat confirmations small. */
    int MAX_TOPIC = 100;

    /** The canonical spelling, as written in {@code bot-config.yml} and the state file. */
    String spec();

    /** For confirmations in chat: "advice of the day", "a quote about habits". */
    String describe();

    /** The same advice of the day that {@code /advice} gives on that date. */
    record Advice() implements DailyPost {
        public String spec() { return "advice"; }
        public String describe() { return "the advice of the day"; }
    }

    /** A quote about {@code topic} not yet posted in the channel. */
    record TopicQuote(String topic) implements DailyPost {
        public TopicQuote {
            topic = topic.trim().replaceAll("\\s+", " ");
            if (topic.isEmpty()) throw new IllegalArgumentException("a quote post needs a topic, like quote:habits");
            if (topic.length() > MAX_TOPIC) throw new IllegalArgumentException("the topic is longer than " + MAX_TOPIC + " characters");
            // Words only: the topic is echoed in confirmations, so no markup or mention syntax may get in.
            if (!topic.matches("[\\p{L}\\p{N} '’+#.\\-]+")) {
                throw new IllegalArgumentException("a topic is plain words (letters, numbers, spaces, - ' + # .), like quote:habits");
            }
        }

        public String spec() { return "quote:" + topic; }
        public String describe() { return "a quote about " + topic; }
    }

    /**
     * Parses {@code advice}, {@code quote:TOPIC} or {@code quote TOPIC} (Discord's option may come
     * through either way).
     *
     * @throws IllegalArgumentException with a message fit to show a user
     */
    static DailyPost parse(String text) {
        String s = text == null ? "" : text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("advice")) return new Advice();
        if (lower.startsWith("quote:") || lower.startsWith("quote ")) return new TopicQuote(s.substring(6));
        if (lower.equals("quote")) throw new IllegalArgumentException("a quote post needs a topic, like quote:habits");
        // echoed to the user: only the cleaned, shortened form, never raw markup or mentions
        throw new IllegalArgumentException("'" + DailyCommands.shown(s) + "' is not something I can post daily: use advice or quote:TOPIC");
    }
}
