package dev.quotecast.bot;

import java.time.LocalDate;

/**
 * A parsed request, independent of the platform it came from. {@link CommandParser} turns
 * mention, console and slash-command text into one of these.
 */
public sealed interface Command {

    /** Name for metrics, logs and JSON ({@code quote}, {@code ask}, ...). */
    String name();

    /** Normalised form used as the cache key: equal commands give equal keys. */
    String cacheKey();

    /** Best quote for a topic; {@code page} pages through distinct results ("Another"). */
    record Quote(String topic, int page) implements Command {
        public String name() { return "quote"; }
        public String cacheKey() { return "quote:" + CommandParser.normalise(topic) + ":" + page; }
    }

    /** Advice of the day for {@code date} (null: today in the bot's zone), or a random one. */
    record Advice(LocalDate date, boolean random) implements Command {
        public String name() { return "advice"; }
        public String cacheKey() { return random ? null : "advice:" + date; }
    }

    /** An episode card, by number, id or words. */
    record Episode(String query) implements Command {
        public String name() { return "episode"; }
        public String cacheKey() { return "episode:" + CommandParser.normalise(query); }
    }

    /** A question to answer from the transcripts. */
    record Ask(String question) implements Command {
        public String name() { return "ask"; }
        public String cacheKey() { return "ask:" + CommandParser.normalise(question); }
    }

    /** The sentences around a moment, identified by {@code Moment.key()}. */
    record Context(String momentKey) implements Command {
        public String name() { return "context"; }
        public String cacheKey() { return "context:" + momentKey; }
    }

    /** Usage. */
    record Help() implements Command {
        public String name() { return "help"; }
        public String cacheKey() { return "help"; }
    }

    /**
     * Daily-post management ({@code daily 09:00 Europe/Berlin advice}, {@code daily off},
     * {@code daily list}); {@code args} is the text after {@code daily}.
     */
    record Daily(String args) implements Command {
        public String name() { return "daily"; }
        public String cacheKey() { return null; }
    }

    /** Input that could not be understood, with a message saying why. */
    record Invalid(String reason) implements Command {
        public String name() { return "invalid"; }
        public String cacheKey() { return null; }
    }

    /** Input longer than the configured limit. */
    record TooLong(int length, int limit) implements Command {
        public String name() { return "too-long"; }
        public String cacheKey() { return null; }
    }
}
