package dev.quotecast.bot;

import dev.quotecast.content.Answer;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import java.time.LocalDate;
import java.util.List;

/**
 * What the bot says, as data. Each platform adapter renders it in its own way (Block Kit, embeds,
 * plain text, JSON); none of the text here is pre-formatted for a platform.
 */
public sealed interface Reply {

    /** The command that produced this reply, for rendering and metrics ({@code quote}, {@code ask}, ...). */
    String command();

    /**
     * A quote for a topic. {@code page} is its position among the distinct results (0 = best), so
     * "Another" asks for {@code page + 1}; {@code hasMore} says whether there is one.
     */
    record QuoteReply(String topic, Quote quote, int page, boolean hasMore) implements Reply {
        public String command() { return "quote"; }
    }

    /** The advice of the day for {@code date}, or a random one when {@code random}. */
    record AdviceReply(LocalDate date, Quote advice, boolean random) implements Reply {
        public String command() { return "advice"; }
    }

    /** The answer to a question, with its citation. */
    record AnswerReply(String question, Answer answer) implements Reply {
        public String command() { return "ask"; }
    }

    /** An episode card. */
    record EpisodeReply(String query, EpisodeCard card) implements Reply {
        public String command() { return "episode"; }
    }

    /** The sentences around a moment, for "Show context". */
    record ContextReply(Moment focus, Moment context) implements Reply {
        public String command() { return "context"; }
    }

    /**
     * Nothing found: for {@code ask} this is the honest "the transcripts do not answer that".
     *
     * @param command the command that found nothing
     * @param query what was asked
     * @param message a friendly explanation
     */
    record NotFound(String command, String query, String message) implements Reply {}

    /** Usage. */
    record Help(List<Usage> entries) implements Reply {
        public String command() { return "help"; }

        /** One line of usage: the syntax and what it does. */
        public record Usage(String syntax, String description) {}
    }

    /** A plain informational message (schedule confirmations and the like). */
    record Info(String command, String message) implements Reply {}

    /**
     * The request could not be served: too long, rate limited, malformed. {@code message} is safe to
     * show to the user and never contains internals.
     */
    record Error(String command, Kind kind, String message) implements Reply {
        /** Why, for metrics and rendering. */
        public enum Kind { TOO_LONG, RATE_LIMITED, BAD_REQUEST, FORBIDDEN, INTERNAL }
    }
}
