package dev.quotecast.bot;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words people put around a topic when they talk to a bot in chat: "hey, habits", "what about
 * habits?", "anything on habits?", "tell me about habits". Taken literally, "what about habits?"
 * ends in a question mark and went to {@code ask}, which found no passage answering it, while
 * {@code habits} alone finds quotes. So the wrapper is taken off, and when what is left is a topic
 * (a few words, no question word, no pronoun) it is quoted; a real question in a wrapper ("what
 * about when you fail?") is left whole and still goes to {@code ask}.
 *
 * <p>Works on text already {@linkplain CommandParser#clean cleaned}: single spaces, no markup.
 */
final class ChatWrappers {

    /** A greeting before the request; never stripped when nothing follows it. */
    private static final Pattern GREETING = Pattern.compile(
            "^(?:(?:hey|hi|hello|yo|ok|okay|so|please)\\b[\\s,!.:;-]*)+(?=\\S)", Pattern.CASE_INSENSITIVE);

    /** A request for something about a topic; group 1 is the topic-to-be. */
    private static final Pattern ABOUT = Pattern.compile(
            "^(?:(?:can|could|would) you\\s+)?(?:please\\s+)?"
                    + "(?:what about|how about|anything (?:on|about|regarding)|something (?:on|about)"
                    + "|got anything (?:on|about)|(?:do you have|have you got) anything (?:on|about)"
                    + "|any (?:quotes?|thoughts) (?:on|about)|tell me (?:something )?about|talk (?:to me )?about"
                    + "|give me (?:a quote|something) (?:on|about)|(?:a )?quotes? (?:on|about))"
                    + "\\s+(.+?)(?:[\\s,]+please)?[\\s?!.]*$",
            Pattern.CASE_INSENSITIVE);

    /** The most words a topic has; longer is a sentence, and sentences are for {@code ask}. */
    static final int MAX_TOPIC_WORDS = 5;

    /** Words that make what is left a question or a sentence about someone, not a topic. */
    private static final Set<String> NOT_TOPIC = Set.of(
            "what", "why", "how", "when", "where", "who", "whom", "whose", "which",
            "is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should", "would", "will",
            "shall", "may", "might", "must", "has", "have", "had",
            "i", "you", "he", "she", "we", "they", "it", "me", "him", "her", "us", "them", "that", "this");

    private ChatWrappers() {}

    /** The text without a leading greeting ("hey, episode 73" is "episode 73"); unchanged when only a greeting is there. */
    static String withoutGreeting(String text) {
        return GREETING.matcher(text).replaceFirst("");
    }

    /** The topic inside a wrapper ("what about habits?" gives "habits"); empty when there is no wrapper or what it wraps is not a topic. */
    static Optional<String> topic(String text) {
        Matcher m = ABOUT.matcher(text);
        if (!m.matches()) return Optional.empty();
        String inner = m.group(1).strip();
        return isTopic(inner) ? Optional.of(inner) : Optional.empty();
    }

    /** A few words, none of them a question word, an auxiliary verb or a pronoun. */
    static boolean isTopic(String words) {
        if (words.isBlank()) return false;
        String[] parts = words.toLowerCase(Locale.ROOT).split(" ");
        if (parts.length > MAX_TOPIC_WORDS) return false;
        for (String w : parts) {
            if (NOT_TOPIC.contains(w.replaceAll("[^\\p{L}\\p{N}']", ""))) return false;
        }
        return true;
    }
}
