package dev.quotecast.transcript;

import java.util.List;

/**
 * Estimates when each sentence starts when the transcript has no timestamps: the Duration is
 * shared out over the text in proportion to how long each sentence takes to say. The estimators
 * are kept side by side so that {@code quotecast eval --times} measures each against real WebVTT
 * times; {@link #DEFAULT} is the one that measured best.
 *
 * <p>Measured on the 100-episode corpus (116,692 sentences), median / p90 absolute error:
 * words 30 s / 101 s, characters 30 s / 96 s, syllables 30 s / 93 s. Pauses added at sentence or
 * paragraph ends made it worse (p90 up to 145 s): the corpus paragraphs are cut by length, not at
 * pauses, and what remains is the speakers' changing pace, which text alone cannot see.
 */
public enum TimeEstimator {

    /** Time proportional to words before the sentence. */
    WORDS,

    /** Time proportional to characters before the sentence (the first estimator). */
    CHARS,

    /** Time proportional to syllables (vowel groups; a digit counts as spoken words). */
    SYLLABLES;

    /** The estimator the parser uses. */
    public static final TimeEstimator DEFAULT = SYLLABLES;

    /**
     * Start seconds for each sentence.
     *
     * @param paragraphOf paragraph number of each sentence (for estimators that model pauses)
     * @param seconds the episode's length, or a non-positive value when unknown
     * @param wordsPerSecond the speaking rate used when the length is unknown
     */
    public int[] starts(List<String> texts, List<Integer> paragraphOf, double seconds, double wordsPerSecond) {
        int n = texts.size();
        double[] cost = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            cost[i] = cost(texts.get(i));
            total += cost[i];
        }
        int[] out = new int[n];
        double before = 0;
        int words = 0;
        for (int i = 0; i < n; i++) {
            out[i] = seconds > 0 && total > 0 ? (int) Math.floor(before * seconds / total) : (int) Math.floor(words / wordsPerSecond);
            before += cost[i];
            if (seconds <= 0 || total <= 0) words += Text.wordCount(texts.get(i));
        }
        return out;
    }

    private double cost(String sentence) {
        return switch (this) {
            case WORDS -> Text.wordCount(sentence);
            case CHARS -> sentence.length() + 1;
            case SYLLABLES -> syllables(sentence);
        };
    }

    /** A cheap syllable count: vowel groups, 1.5 per digit ("1978" is said in six), a little per word gap. */
    static double syllables(String s) {
        double n = 0;
        int vowel = 0; // 1 when the previous character is a vowel
        for (int i = 0; i < s.length(); i++) {
            char raw = s.charAt(i);
            int kind;
            if (raw < 0x80) {
                // ASCII from a table (Character's lower case and digit tests were most of this loop, 4% of a cold build)
                kind = ASCII[raw];
            } else {
                // the rest through Character as before: U+0130's lower case is 'i', a vowel
                char c = Character.toLowerCase(raw);
                kind = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ? VOWEL : Character.isDigit(c) ? DIGIT : 0;
            }
            // one addition per character from a table instead of a branch for each kind: vowels and
            // consonants alternate too irregularly to predict (6 ns a character before, issue 20).
            // Adding 0.0 changes nothing, and no character is of two kinds, so the sum is the same
            // double, in the same order, as the branches gave.
            n += ADD[kind << 1 | vowel];
            vowel = kind & VOWEL;
        }
        return Math.max(1, n);
    }

    private static final int VOWEL = 1, DIGIT = 2, SPACE = 4;

    /** What each ASCII character is to {@link #syllables}, upper-case vowels included. */
    private static final byte[] ASCII = new byte[0x80];

    /**
     * What a character adds to the count, by its kind and whether the one before it was a vowel
     * (index {@code kind << 1 | previousWasVowel}): a vowel group's first vowel 1, a digit 1.5, a space 0.2.
     */
    private static final double[] ADD = new double[(SPACE << 1) + 2];

    static {
        ADD[VOWEL << 1] = 1;
        ADD[DIGIT << 1] = ADD[DIGIT << 1 | 1] = 1.5;
        ADD[SPACE << 1] = ADD[SPACE << 1 | 1] = 0.2;
        for (char c : "aeiouyAEIOUY".toCharArray()) ASCII[c] = VOWEL;
        for (char c = '0'; c <= '9'; c++) ASCII[c] = DIGIT;
        ASCII[' '] = SPACE;
    }
}
