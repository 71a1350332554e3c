package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped OpenNLP tagger tells an answer's fragment from a statement, as quotes need it to. */
class PartsOfSpeechTest {

    private static PartsOfSpeech fragments;

    @BeforeAll
    static void load() {
        fragments = PartsOfSpeech.shipped();
    }

    @Test
    void answersThatLeanOnTheQuestionAreFragments() {
        assertThat(fragments.isFragment("Courage.")).isTrue();
        assertThat(fragments.isFragment("The childhood memories of a God.")).isTrue();
        assertThat(fragments.isFragment("I think consciousness.")).isTrue();
        assertThat(fragments.isFragment("Radical freedom.")).isTrue();
        assertThat(fragments.isFragment("Presumably a good mentor.")).isTrue();
    }

    @Test
    void statementsAreNot() {
        assertThat(fragments.isFragment("Work is sacrifice.")).isFalse();
        assertThat(fragments.isFragment("Make your bed.")).isFalse();
        assertThat(fragments.isFragment("I'm too tense.")).isFalse();
        assertThat(fragments.isFragment("You don't get to a position of leadership lacking confidence.")).isFalse();
        assertThat(fragments.isFragment("I think about dangers.")).isFalse();
        assertThat(fragments.isFragment("Money is information and it does not have power in and of itself.")).isFalse();
    }

    @Test
    void withoutATaggerNothingIsAFragment() {
        assertThat(PartsOfSpeech.none().isFragment("Courage.")).isFalse();
    }

    @Test
    void tokensFollowTheTreebank() {
        assertThat(PartsOfSpeech.tokens("I don't know, it's \u201cfine.\u201d")).containsExactly("I", "do", "n't", "know", ",", "it", "'s", "\u201c", "fine", ".", "\u201d");
        assertThat(PartsOfSpeech.tokens("You're right!")).containsExactly("You", "'re", "right", "!");
    }
}
