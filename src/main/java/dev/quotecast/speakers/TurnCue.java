package dev.quotecast.speakers;

import dev.quotecast.learn.FeatureNames;
import dev.quotecast.transcript.Episode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one sentence shows about its speaker, in a few values each, for the turn decoder
 * ({@link HostTurns}): counted per speaker on the labeled sentences, so that every value needs
 * enough examples to be counted at all (the labels are 630 training sentences). Separate from
 * {@link SpeakerFeature}, whose values the shipped quote and advice classifiers read and must not
 * change.
 */
public enum TurnCue {
    /** 0: a statement; 1: a question; 2: a statement with a question tag ("…, right?"), which the guest says as often. */
    QUESTION(3),
    /** 1 when a short sentence (six words at most) opens with a reaction ("Yeah.", "Right.", "Beautiful."): an interjection. */
    SHORT_REACTION(2),
    /** "I", "me", "my" in it: 0, 1, or 2 and more; the guest speaks of himself. */
    FIRST_PERSON(3),
    /** 1 when it has one of the host's habitual words ("fascinating", "beautiful", "let me ask", "do you think", "sort of"). */
    HOST_PHRASE(2),
    /**
     * 1 when it speaks of the other's life, work or words ("you mentioned", "you've written",
     * "your book"): the host telling the guest about himself. In the training sentences 10 of 183
     * of the host's and 2 of 447 of the guest's.
     */
    ADDRESS(2);

    private final int range;

    TurnCue(int range) {
        this.range = range;
    }

    /** How many values the cue takes (0 to range - 1). */
    public int range() {
        return range;
    }

    private static final Pattern TAG = Pattern.compile("(right|you know|no|correct|isn't it|don't you think|huh|yeah|okay)\\?$");
    private static final Pattern REACTION = Pattern.compile("^(yeah|yes|yep|right|sure|exactly|wow|okay|ok|oh|absolutely|totally|true|"
            + "mm|hmm|i see|got it|great|nice|beautiful|interesting|brilliant|fascinating|cool|that's)\\b");
    private static final Pattern FIRST = Pattern.compile("\\b(i|me|my|i'm|i've)\\b");
    private static final Pattern HOST_WORDS = Pattern.compile("\\b(fascinating|beautiful|beautifully|let me ask|do you think|"
            + "what do you think|sort of|kind of)\\b");

    private static final Pattern ADDRESSES = Pattern.compile("\\b(you said|you mentioned|you wrote|you've written|you have written|"
            + "you describe|you described|you talk about|you talked about|you've talked|you've said|you have said|you've been|you were|"
            + "you've done|you've had|your (book|books|work|paper|papers|company|career|life|team|research|mission|podcast|channel|lab|"
            + "students|father|mother|wife|kids|journey|story|view|views|thoughts))\\b");

    public static List<String> names() {
        return FeatureNames.of(TurnCue.class);
    }

    /** The value of this cue for sentence {@code i} of {@code e}. */
    public int of(Episode e, int i) {
        String text = e.sentence(i).text();
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (this) {
            case QUESTION -> !text.endsWith("?") ? 0 : TAG.matcher(lower).find() ? 2 : 1;
            case SHORT_REACTION -> e.sentence(i).wordCount() <= 6 && REACTION.matcher(lower).find() ? 1 : 0;
            case FIRST_PERSON -> {
                int k = 0;
                var m = FIRST.matcher(lower);
                while (m.find() && k < 2) k++;
                yield k;
            }
            case HOST_PHRASE -> HOST_WORDS.matcher(lower).find() ? 1 : 0;
            case ADDRESS -> ADDRESSES.matcher(lower).find() ? 1 : 0;
        };
    }

    /**
     * True when the sentence before {@code i} is a real question (not a tag): the turn is then
     * likelier to pass to the other speaker at {@code i}.
     */
    public static boolean afterQuestion(Episode e, int i) {
        return i > 0 && QUESTION.of(e, i - 1) == 1;
    }
}
