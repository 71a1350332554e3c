package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.TestEpisodes;
import dev.quotecast.search.BgeSmallEmbedder;
import dev.quotecast.transcript.Episode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The second look at the ranker's first windows, with the real bge-small model's word pieces. */
class LateInteractionTest {

    static ExecutorService threads;
    static BgeSmallEmbedder model;

    @BeforeAll
    static void load() {
        threads = Executors.newFixedThreadPool(2);
        model = new BgeSmallEmbedder(threads);
    }

    @AfterAll
    static void close() {
        model.close();
        threads.shutdownNow();
    }

    static final Episode TALK = TestEpisodes.episode("talk",
            "Some say the best researchers are born, not made.",
            "Yann LeCun grew up near Paris, in France, where he was born in 1960.",
            "The weather was nice that summer in Boston.");

    static Answer window(int sentence) {
        Moment m = new Moment(TALK, sentence, sentence);
        return new Answer(m, m, 0);
    }

    @Test
    void aQuestionsWordsAllMetInOneWindowPutItFirst() {
        List<Answer> ranked = List.of(window(0), window(2), window(1));
        List<Answer> reread = new LateInteraction(model::pieces).reorder("Where was Yann LeCun born?", ranked);
        assertThat(reread.get(0).passage().text()).startsWith("Yann LeCun grew up");
        assertThat(reread).as("the same answers, reordered").containsExactlyInAnyOrderElementsOf(ranked);
    }

    @Test
    void aTextReadAgainstItselfMatchesEveryPiece() {
        List<float[]> pieces = model.pieces("Where was Yann LeCun born?");
        assertThat(pieces).as("markers and the question mark left out").hasSizeBetween(5, 9);
        assertThat(LateInteraction.score(pieces, pieces)).isGreaterThan(0.999);
        assertThat(LateInteraction.score(pieces, model.pieces("The weather was nice that summer in Boston."))).isLessThan(0.6);
        assertThat(model.pieces("Where was Yann LeCun born?")).as("the same vectors every time")
                .zipSatisfy(pieces, (a, b) -> assertThat(a).containsExactly(b));
        assertThat(model.pieces("and then we talked ".repeat(400))).as("read up to the model's 512 positions, not refused")
                .hasSizeBetween(500, 512);
        assertThat(model.pieces(List.of("Where was Yann LeCun born?", " ", "Born in Paris.")))
                .as("several texts at once, in order; a blank one has none")
                .satisfies(all -> assertThat(all.get(0)).hasSameSizeAs(pieces), all -> assertThat(all.get(1)).isEmpty(),
                        all -> assertThat(all.get(2)).hasSize(3));
    }

    @Test
    void withoutWordPiecesOrBelowTheFirstWindowsTheRankersOrderStands() {
        List<Answer> ranked = List.of(window(0), window(2), window(1));
        assertThat(new LateInteraction(texts -> texts.stream().map(t -> List.<float[]>of()).toList()).reorder("Where was Yann LeCun born?", ranked))
                .as("keywords only: no model, no second look").containsExactlyElementsOf(ranked);

        // one-dimensional pieces: the question's is 1, LeCun's sentence reads 1, every other text 0.2
        LateInteraction oneWord = new LateInteraction(texts -> texts.stream()
                .map(t -> List.of(new float[] {t.equals("q") || t.startsWith("Yann") ? 1f : 0.2f})).toList());
        List<Answer> level = List.of(window(0), window(2), window(0), window(2));
        assertThat(oneWord.reorder("q", level)).as("equal readings: the ranker's order").containsExactlyElementsOf(level);

        List<Answer> within = new java.util.ArrayList<>(java.util.Collections.nCopies(LateInteraction.WINDOWS, window(0)));
        within.set(LateInteraction.WINDOWS - 1, window(1));
        assertThat(oneWord.reorder("q", within).get(0)).as("read again: last of the first windows comes first").isEqualTo(window(1));

        List<Answer> below = new java.util.ArrayList<>(java.util.Collections.nCopies(LateInteraction.WINDOWS, window(0)));
        below.add(window(1));
        assertThat(oneWord.reorder("q", below)).as("past the windows read again, nothing moves").containsExactlyElementsOf(below);
    }
}
