package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A served answer runs on past the guest's own question, and stops where the host asks again. */
class AnswerRunsOnTest {

    @TempDir
    Path dir;

    private Episode episode() throws Exception {
        Files.writeString(dir.resolve("bread.txt"), """
                Lex Fridman: Why did you start baking bread at home?
                Ada Palmer: I started during the long winter of my second year in Chicago. Why bread? Because the smell of a rising loaf filled the whole flat with warmth.
                Ada Palmer: It was the only thing that made that winter bearable.
                Lex Fridman: What did you bake next?
                Ada Palmer: Pastries, mostly croissants, and they were a disaster for months.
                Ada Palmer: The butter kept melting into the dough, right?
                Lex Fridman: Did you ever get them right?
                Ada Palmer: Eventually, after a summer of cold mornings.
                """);
        Files.writeString(dir.resolve("bread.meta.yml"), "title: 'Ada Palmer: Bread'\nhost: Lex Fridman\n");
        List<Episode> loaded = new TranscriptLibrary().load(List.of(dir)).episodes();
        assertThat(loaded).hasSize(1);
        return loaded.get(0);
    }

    private static int index(Episode e, String start) {
        for (int i = 0; i < e.sentences().size(); i++) if (e.sentence(i).text().startsWith(start)) return i;
        throw new AssertionError("no sentence starts with " + start);
    }

    /** The answer the ranker's window gives for the sentence starting {@code start}, shown from the sentence before it. */
    private static Answer ranked(Episode e, String start) {
        int i = index(e, start);
        return new Answer(Answerer.shown(e, i - 1, i), new Moment(e, i, i), 1.0);
    }

    @Test
    void theGuestsOwnQuestionNoLongerCutsHisAnswerShort() throws Exception {
        Episode e = episode();
        Answer a = ranked(e, "I started during");
        assertThat(a.passage().lastSentence()).as("the ranker's window stops at any question").isEqualTo(index(e, "I started during"));

        Answer served = Answerer.runOn(List.of(a), HostModel.shipped()).get(0);
        assertThat(served.passage().firstSentence()).isEqualTo(a.passage().firstSentence());
        assertThat(served.passage().lastSentence()).as("through 'Why bread?' and the rest of the answer, to the host's next question")
                .isEqualTo(index(e, "It was the only thing"));
        assertThat(served.highlight()).isEqualTo(a.highlight());
        assertThat(served.score()).isEqualTo(a.score());
    }

    @Test
    void aWindowNeverEndsOnTheGuestsQuestionNorRunsIntoAnotherAnswer() throws Exception {
        Episode e = episode();
        // "…right?" is followed by the host's question: nothing of the guest's follows it to show
        Answer pastries = ranked(e, "Pastries");
        assertThat(Answerer.runOn(List.of(pastries), HostModel.shipped()).get(0)).isSameAs(pastries);

        Answer first = ranked(e, "I started during");
        Answer second = new Answer(new Moment(e, index(e, "It was the only thing"), index(e, "It was the only thing")),
                new Moment(e, index(e, "It was the only thing"), index(e, "It was the only thing")), 0.5);
        List<Answer> served = Answerer.runOn(List.of(first, second), HostModel.shipped());
        assertThat(served.get(0).passage().lastSentence()).isLessThan(second.passage().firstSentence());
        assertThat(served.get(1)).isSameAs(second);
    }

    @Test
    void whereNothingTellsWhoAsksEveryQuestionStopsTheWindowAsBefore() throws Exception {
        Episode e = episode();
        Answer a = ranked(e, "I started during");
        assertThat(Answerer.runOn(List.of(a), null).get(0)).isSameAs(a);
        // no learned model, and a transcript whose labels name no host: the seed's case with no model
        Files.writeString(dir.resolve("bread.meta.yml"), "title: 'Ada Palmer: Bread'\n");
        Episode unnamed = new TranscriptLibrary().load(List.of(dir)).episodes().get(0);
        Answer b = ranked(unnamed, "I started during");
        assertThat(Answerer.runOn(List.of(b), HostModel.none()).get(0)).isSameAs(b);
    }
}
