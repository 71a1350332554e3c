package dev.quotecast.speakers;

import dev.quotecast.learn.FeatureNames;
import dev.quotecast.transcript.Episode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the text shows about whether the turn passes to the other speaker at a sentence: the turn
 * decoder ({@link HostTurns}) counts the turn changes of the labeled runs separately for each, one
 * per sentence, the first that applies in this order.
 */
public enum TurnChange {
    /**
     * The sentence opens with a reply word ("Yeah, I think…", "Well, …", "Exactly."): the start of
     * an answer or a reaction, so mostly the other speaker's. In the training runs the turn changed
     * at 45 of 53 such sentences, against 138 of 621 in all.
     */
    OPENS_WITH_REPLY,
    /** The sentence before is a real question (not a tag such as "…, right?"). */
    AFTER_QUESTION,
    /** Neither. */
    OTHERWISE;

    private static final Pattern REPLY = Pattern.compile(
            "^(yeah|yes|yep|yup|well|exactly|absolutely|right|sure|no|nope|totally|definitely|correct)\\b");

    /** Which applies at sentence {@code i} of {@code e}. */
    public static TurnChange at(Episode e, int i) {
        if (i > 0 && REPLY.matcher(e.sentence(i).text().toLowerCase(Locale.ROOT)).find()) return OPENS_WITH_REPLY;
        return TurnCue.afterQuestion(e, i) ? AFTER_QUESTION : OTHERWISE;
    }

    /** The names in the order the counts file keeps them. */
    public static List<String> names() {
        return FeatureNames.of(TurnChange.class);
    }
}
