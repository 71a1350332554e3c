package dev.quotecast.content;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of answer a question wants, read off its words, and whether a sentence has that kind
 * of thing in it: a question asking "how many" is answered by a sentence with a number, "who" by
 * one with a name, "why" by one that gives a reason. Cheap signals that words and meaning alone
 * miss: the host's question repeats the user's words but rarely holds the number.
 */
record QuestionKind(boolean number, boolean person, boolean reason) {

    private static final Pattern NUMBER_Q = Pattern.compile(
            "\\b(how (many|much|long|old|far|often|big|tall|fast|early|late)|what (year|age|percentage|percent|number|date)|when|which year)\\b");
    private static final Pattern PERSON_Q = Pattern.compile("\\b(who|whom|whose)\\b");
    private static final Pattern REASON_Q = Pattern.compile("\\b(why|what (made|led|caused|convinced|drove|pushed)|for what reason|how come)\\b");

    private static final Pattern NUMBER = Pattern.compile("(?i)\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|"
            + "twice|double|first|second|third|percent)\\b");
    private static final Pattern REASON = Pattern.compile("(?i)\\b(because|the reason|that's why|that is why|so that|due to|in order to|caused by)\\b");
    /** A capitalised word after the first word: a name, a place, a title. */
    private static final Pattern NAME = Pattern.compile("(?<=[\\s,;:(\"])(?!I\\b|I'[a-z]+\\b)[A-Z][a-z]+");

    static QuestionKind of(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        return new QuestionKind(NUMBER_Q.matcher(q).find(), PERSON_Q.matcher(q).find(), REASON_Q.matcher(q).find());
    }

    /** Bits of {@link #kindsIn}. */
    static final int HAS_NUMBER = 1, HAS_NAME = 2, HAS_REASON = 4;

    /** What kinds of answer {@code text} holds: {@link #HAS_NUMBER}, {@link #HAS_NAME}, {@link #HAS_REASON} or'ed. */
    static int kindsIn(String text) {
        return (hasNumber(text) ? HAS_NUMBER : 0) | (hasName(text) ? HAS_NAME : 0) | (hasReason(text) ? HAS_REASON : 0);
    }

    static boolean hasNumber(String text) {
        return NUMBER.matcher(text).find();
    }

    static boolean hasName(String text) {
        return NAME.matcher(text).find();
    }

    static boolean hasReason(String text) {
        return REASON.matcher(text).find();
    }
}
