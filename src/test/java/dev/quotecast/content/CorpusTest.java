package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.TestEpisodes;
import dev.quotecast.transcript.Episode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reloaded corpus keeps of the one before: only what belongs to the very same episodes. */
class CorpusTest {

    @Test
    void aReloadKeepsTheAnswerKindsOfUnchangedEpisodesAndReadsChangedOnesAfresh() {
        Episode unchanged = TestEpisodes.episode("a", "He was born in 1961.", "Because the rent was cheap.");
        Episode before = TestEpisodes.episode("b", "Nothing much happened.", "We just talked.");
        Corpus old = new Corpus(List.of(unchanged, before));
        assertThat(old.readAnswerKinds(() -> false)).isEqualTo(2);
        assertThat(old.answerKindsFound(unchanged)).isEqualTo(2);

        // the same file for "a"; "b" was edited and parsed again: another object with the same id
        Episode after = TestEpisodes.episode("b", "She moved to Paris in 1990.", "Because of the job.");
        Corpus reloaded = new Corpus(List.of(unchanged, after), old);
        assertThat(reloaded.answerKindsFound(unchanged)).as("kept from the corpus before").isEqualTo(2);
        assertThat(reloaded.answerKindsFound(after)).as("an edited episode is read again, not given the old text's kinds").isZero();
        for (Episode e : List.of(unchanged, after)) {
            for (int i = 0; i < e.sentences().size(); i++) {
                assertThat(reloaded.answerKinds(e, i)).isEqualTo(QuestionKind.kindsIn(e.text(i, i + 1)));
            }
        }
        // the edited episode's kinds differ from the old text's: a number and a reason where there were none
        assertThat(reloaded.answerKinds(after, 0)).isNotEqualTo(old.answerKinds(before, 0));
    }
}
