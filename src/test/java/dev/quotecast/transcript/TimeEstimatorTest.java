package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeEstimatorTest {

    private final List<String> texts = List.of("Hello there.", "In 1978 he argued the neocortex runs one algorithm everywhere.", "Yes.");
    private final List<Integer> paragraphs = List.of(0, 0, 1);

    @Test
    void everyEstimatorStartsAtZeroAndStaysInOrderWithinTheDuration() {
        for (TimeEstimator t : TimeEstimator.values()) {
            int[] s = t.starts(texts, paragraphs, 100, 2.6);
            assertThat(s[0]).isZero();
            assertThat(s).isSorted();
            assertThat(s[2]).isLessThan(100);
        }
    }

    @Test
    void syllablesCountDigitsAsSpokenWords() {
        assertThat(TimeEstimator.syllables("1978")).isGreaterThan(TimeEstimator.syllables("year"));
        assertThat(TimeEstimator.syllables("algorithm")).isGreaterThan(TimeEstimator.syllables("run"));
    }

    @Test
    void withoutADurationTheSpeakingRateDecides() {
        int[] s = TimeEstimator.DEFAULT.starts(List.of("one two three four five six seven eight nine ten eleven twelve thirteen.", "next"),
                List.of(0, 0), -1, 2.6);
        assertThat(s[1]).isEqualTo(5); // 13 words at 2.6 words per second
    }
    /** Every character, ASCII or not, counts as Character's own lower case and digit tests say (U+0130 lower-cases to 'i'). */
    @Test
    void syllablesReadEveryCharacterAsCharacterDoes() {
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) continue;
            String s = "b" + (char) c + "b" + (char) c;
            assertThat(TimeEstimator.syllables(s)).as("U+%04X", c).isEqualTo(slowSyllables(s));
        }
    }

    /** Long mixed text sums to the same double as the branch per kind did, in the same order. */
    @Test
    void syllablesOfLongMixedTextAreTheSameDouble() {
        RandomText random = new RandomText(7, "aeiouyAEIOUYbcdfgxz 0123456789,.?\u00e9\u00c9\u0130\u0660\u00a0\t");
        for (int k = 0; k < 2_000; k++) {
            String s = random.next(400);
            assertThat(TimeEstimator.syllables(s)).as(s).isEqualTo(slowSyllables(s));
        }
    }

    /** {@link TimeEstimator#syllables} as it was written before the ASCII shortcut. */
    private static double slowSyllables(String s) {
        double n = 0;
        boolean vowel = false;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            boolean v = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
            if (v && !vowel) n++;
            if (Character.isDigit(c)) n += 1.5;
            if (c == ' ') n += 0.2;
            vowel = v;
        }
        return Math.max(1, n);
    }
}
