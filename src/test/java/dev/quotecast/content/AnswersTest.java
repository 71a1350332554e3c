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

class AnswersTest {

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
    void topThreeComeFromDifferentPassagesAndTheFirstIsTheAnswer() {
        ContentService c = engine.content();
        String q = "How long does he play guitar every day?";
        List<Answer> three = c.answers(q, 3);
        assertThat(three).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(three.get(0).passage().key()).isEqualTo(c.answer(q).orElseThrow().passage().key());
        assertThat(three.get(0).passage().text()).contains("five minutes");
        for (int i = 0; i < three.size(); i++) {
            for (int j = i + 1; j < three.size(); j++) {
                Moment a = three.get(i).passage(), b = three.get(j).passage();
                assertThat(a.lastSentence() < b.firstSentence() || b.lastSentence() < a.firstSentence()).isTrue();
            }
            assertThat(three.get(i).passage().firstSentence()).isLessThanOrEqualTo(three.get(i).highlight().firstSentence());
            assertThat(three.get(i).passage().lastSentence()).isGreaterThanOrEqualTo(three.get(i).highlight().lastSentence());
        }
    }

    @Test
    void aMatchingQuestionInTheConversationPointsAtWhatFollows() {
        // the host asks about the first PhD student; the answer is the sentence after
        Answer a = engine.content().answer("Who was Andrew Ng's first PhD student?").orElseThrow();
        assertThat(a.passage().text()).containsIgnoringCase("first PhD student");
    }

    @Test
    void anAnswerNeverHighlightsAQuestionWhenItsReplyFollows() {
        // a question ranked on its own (here the host's question about study tips) points at its reply
        var e = engine.content().corpus().episodes().get(0);
        int question = -1;
        for (int i = 0; i < e.sentences().size() && question < 0; i++) {
            if (e.sentence(i).text().startsWith("Do you have general other study tips")) question = i;
        }
        Answer asked = new Answer(Answerer.shown(e, question - 1, question), new Moment(e, question, question), 1.0);
        Answer shown = Answerer.answering(asked);
        assertThat(shown.highlight().text()).contains("take handwritten notes");
        assertThat(shown.passage().firstSentence()).isEqualTo(asked.passage().firstSentence());
        assertThat(shown.passage().lastSentence()).isGreaterThanOrEqualTo(shown.highlight().lastSentence());
        // a sentence that does not ask stays the highlight
        Answer reply = new Answer(asked.passage(), new Moment(e, question + 1, question + 1), 1.0);
        assertThat(Answerer.answering(reply)).isSameAs(reply);
        // and no answer served highlights a question whose reply follows
        for (String q : QUESTIONS) {
            for (Answer any : engine.content().answers(q, 3)) {
                Moment h = any.highlight();
                boolean asks = h.text().endsWith("?");
                assertThat(!asks || Answerer.answerAfter(h.episode(), h.firstSentence()) < 0).as(q + " -> " + h.text()).isTrue();
                assertThat(any.passage().firstSentence()).isLessThanOrEqualTo(h.firstSentence());
                assertThat(any.passage().lastSentence()).isGreaterThanOrEqualTo(h.lastSentence());
            }
        }
    }

    @Test
    void somethingNoTranscriptDiscussesIsNotAnswered() {
        assertThat(engine.content().answers("Which kombucha brand has the least sugar?", 3)).isEmpty();
        assertThat(engine.content().answer("What is the capital of Mongolia?")).isEmpty();
    }

    /** What evaluation reads to tell a ranking miss from a retrieval miss: the ranking before the threshold. */
    @Test
    void candidatesAreTheRankingWithoutTheThreshold() {
        ContentService c = engine.content();
        String q = "How long does he play guitar every day?";
        List<Answer> answers = c.answers(q, 3), candidates = c.candidates(q, 20);
        assertThat(candidates.size()).isGreaterThan(answers.size()).isLessThanOrEqualTo(20);
        // the best candidate is the answer (the threshold may drop weaker ones between the others)
        assertThat(candidates.get(0).passage().key()).isEqualTo(answers.get(0).passage().key());
        for (int i = 0; i < candidates.size(); i++) {
            for (int j = i + 1; j < candidates.size(); j++) {
                Moment a = candidates.get(i).passage(), b = candidates.get(j).passage();
                assertThat(a.lastSentence() < b.firstSentence() || b.lastSentence() < a.firstSentence()).isTrue();
            }
        }
        // below the bar: no answer, but the passages it was chosen among are still listed
        assertThat(c.answers("Which kombucha brand has the least sugar?", 3)).isEmpty();
        assertThat(c.candidates("Which kombucha brand has the least sugar?", 3)).isNotEmpty();
    }

    // the highlight moves within the window, never out of it and never onto a question, to the sentence the model scores best

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
