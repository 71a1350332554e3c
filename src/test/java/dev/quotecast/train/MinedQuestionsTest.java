package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.content.Corpus;
import dev.quotecast.eval.EvalSet;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Questions mined from the interview: third person, the reply that follows as the expected text, train episodes only. */
class MinedQuestionsTest {

    static final Path SEED = Path.of("transcripts/lex-fridman-073-andrew-ng.txt");

    static Episode seed() throws Exception {
        return ((TranscriptParser.Parsed) new TranscriptParser().parse(SEED, Files.readAllBytes(SEED))).episode();
    }

    @Test
    void aQuestionToTheGuestIsAskedAboutTheGuest() {
        assertThat(MinedQuestions.thirdPerson("So what do you think of your first job?", "Ada Lovelace"))
                .isEqualTo("What do Ada Lovelace think of Ada Lovelace's first job?");
        assertThat(MinedQuestions.thirdPerson("And, well, can you describe yourself at twenty?", "Ada"))
                .isEqualTo("Can Ada describe Ada at twenty?");
        assertThat(MinedQuestions.thirdPerson("Youth is wasted on the young, do you agree?", "Ada"))
                .as("only the word you").isEqualTo("Youth is wasted on the young, do Ada agree?");
        assertThat(MinedQuestions.thirdPerson("Let me ask, why you're so sure you've seen it?", "Ada"))
                .isEqualTo("Why Ada is so sure Ada has seen it?");
    }

    @Test
    void eachPairExpectsTheOpeningOfTheReplyThatFollowsTheQuestionAndNothingElse() throws Exception {
        Episode e = seed();
        List<EvalSet.Row> pairs = MinedQuestions.pairs(e, "lex-fridman-073-andrew-ng.txt");
        assertThat(pairs).hasSizeGreaterThan(10);
        String whole = EvalSet.normalise(e.text(0, e.sentences().size() - 1));
        for (EvalSet.Row r : pairs) {
            int reply = r.line();
            assertThat(e.sentence(reply - 1).text()).endsWith("?");
            assertThat(r.query()).matches("(?i)^(what|why|how|when|where|who|which|do|does|did|is|are|was|were|can|could|would|should|will|have|has)\\b.*");
            assertThat(r.query()).contains("Andrew Ng").doesNotContainPattern("(?i)\\byou\\b");
            String expected = EvalSet.normalise(r.expected().get(0));
            assertThat(EvalSet.normalise(e.sentence(reply).text())).startsWith(expected);
            assertThat(whole.indexOf(expected)).as("found once: %s", expected).isEqualTo(whole.lastIndexOf(expected));
        }
    }

    @Test
    void onlyTrainEpisodesAreMinedAndAtMostNEach() throws Exception {
        Corpus corpus = new Corpus(List.of(seed()));
        String file = SEED.getFileName().toString();
        assertThat(MinedQuestions.from(corpus, Map.of(file, "train"), 4)).hasSize(4);
        assertThat(MinedQuestions.from(corpus, Map.of(file, "dev"), 4)).isEmpty();
        assertThat(MinedQuestions.from(corpus, Map.of(file, "test"), 4)).isEmpty();
        assertThat(MinedQuestions.from(corpus, Map.of(file, "train"), 0)).isEmpty();
    }
}
