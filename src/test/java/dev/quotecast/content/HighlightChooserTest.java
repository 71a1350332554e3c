package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.learn.Dataset;
import dev.quotecast.learn.Xgb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The highlight moves within the window, never out of it and never onto a question, to the sentence the model scores best. */
class HighlightChooserTest {

    private static final List<String> QUESTIONS = List.of("How long does he play guitar every day?", "Who was Andrew Ng's first PhD student?",
            "What is deep learning?", "how should I learn machine learning?", "What does Andrew Ng think about PhDs?", "What is Coursera?");

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void choicesAreTheWindowsSentencesThatDoNotAskTheRankersFirst() {
        for (String q : QUESTIONS) {
            Answerer.Ranking r = engine.content().ranking(q, AnswerModel.none());
            for (Answer a : Answerer.distinct(r, 3)) {
                List<Integer> choices = HighlightChooser.choices(a);
                assertThat(choices.get(0)).isEqualTo(a.highlight().firstSentence());
                for (int s : choices.subList(1, choices.size())) {
                    assertThat(s).isBetween(a.passage().firstSentence(), a.passage().lastSentence());
                    assertThat(a.passage().episode().sentence(s).text()).doesNotEndWith("?");
                }
                List<float[]> features = HighlightChooser.features(a, r);
                assertThat(features).hasSameSizeAs(choices);
                assertThat(features.get(0)[HighlightFeature.OFFSET.ordinal()]).isZero();
                assertThat(features.get(0)[HighlightFeature.COVER_GAIN.ordinal()]).isZero();
            }
        }
    }

    @Test
    void theHighlightMovesToTheSentenceTheModelPrefersAndTheWindowStays() {
        // a model taught, by XGBoost itself, that the sentence after the ranker's is the one
        Dataset data = new Dataset(HighlightFeature.values().length);
        for (String q : QUESTIONS) {
            Answerer.Ranking r = engine.content().ranking(q, AnswerModel.none());
            for (Answer a : Answerer.distinct(r, 3)) {
                List<Float> labels = new ArrayList<>();
                for (float[] f : HighlightChooser.features(a, r)) labels.add(f[HighlightFeature.OFFSET.ordinal()] == 1 ? 1f : 0f);
                if (labels.contains(1f)) data.addGroup(HighlightChooser.features(a, r), labels);
            }
        }
        assertThat(data.groups()).isNotEmpty();
        HighlightChooser nextOne = new HighlightChooser(Xgb.fit(data, new Xgb.Params("rank:pairwise", 20, 2, 0.3, 0, 1)).trees(), 0);

        int moved = 0;
        for (String q : QUESTIONS) {
            Answerer.Ranking r = engine.content().ranking(q, AnswerModel.none());
            for (Answer a : Answerer.distinct(r, 3)) {
                Answer chosen = nextOne.choose(a, r);
                assertThat(chosen.passage()).isEqualTo(a.passage());
                int h = a.highlight().firstSentence();
                if (HighlightChooser.choices(a).contains(h + 1)) {
                    assertThat(chosen.highlight().firstSentence()).as(q).isEqualTo(h + 1);
                    moved++;
                }
            }
            // served answers go through the same chooser
            Answerer.Ranking withModel = r.with(AnswerModel.none().withHighlight(nextOne));
            for (Answer a : Answerer.distinct(withModel, 3)) {
                assertThat(a.highlight().firstSentence()).isBetween(a.passage().firstSentence(), a.passage().lastSentence());
            }
        }
        assertThat(moved).isPositive();
        // no model: the ranker's sentence stays
        Answerer.Ranking r = engine.content().ranking(QUESTIONS.get(0), AnswerModel.none());
        Answer a = Answerer.distinct(r, 1).get(0);
        assertThat(HighlightChooser.NONE.choose(a, r)).isSameAs(a);
        // a margin no score reaches: the ranker's sentence stays
        HighlightChooser demanding = new HighlightChooser(nextOne.model(), 1e9);
        assertThat(demanding.choose(a, r)).isSameAs(a);
    }
}
