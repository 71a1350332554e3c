package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.TestEpisodes;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.BgeSmallEmbedder;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers found by meaning, among the seed episode's 900 sentences, with the real bge-small model:
 * a question worded unlike its answer is answered (the same index without vectors misses it), what
 * keywords found is kept, and a question the transcripts do not answer still gets "not found".
 */
class MeaningAnswersTest {

    static ExecutorService threads;
    static TranscriptIndex index;
    static PassageVectors vectors;
    static Answerer withMeaning;
    static Answerer keywordsOnly;

    @BeforeAll
    static void build() {
        List<Episode> episodes = new ArrayList<>(new TranscriptLibrary().load(List.of(Path.of("transcripts"))).episodes());
        episodes.add(TestEpisodes.MONEY);
        episodes.add(TestEpisodes.SPACE);
        Corpus corpus = new Corpus(episodes);
        index = TranscriptIndex.open(null, new Analyzers());
        index.sync(episodes);
        threads = Executors.newFixedThreadPool(2);
        vectors = PassageVectors.open(null, new BgeSmallEmbedder(threads));
        vectors.sync(episodes, () -> false);
        Searcher both = new Searcher(index, vectors), words = new Searcher(index);
        withMeaning = new Answerer(() -> both, () -> corpus, AnswerModel.shipped());
        keywordsOnly = new Answerer(() -> words, () -> corpus, AnswerModel.shipped());
    }

    @AfterAll
    static void close() throws Exception {
        vectors.close();
        index.close();
        threads.shutdownNow();
    }

    static String text(Optional<Answer> a) {
        return a.map(x -> x.passage().text()).orElse("(not found)");
    }

    @Test
    void aParaphrasedQuestionFindsItsAnswer() {
        String q = "How bad did his finances get after the forecast went wrong?";
        // no word of the question is in the answer; the learned ranker may find it from keywords too, the embeddings must
        assertThat(text(withMeaning.answer(q))).contains("so broke");
    }

    @Test
    void meaningDoesNotInventAnswers() {
        assertThat(withMeaning.answer("What is the capital of Mongolia?")).isEmpty();
        assertThat(withMeaning.answer("Which smartphone has the best battery life?")).isEmpty();
        assertThat(withMeaning.answer("How do I brew kombucha at home?")).isEmpty();
    }

    @Test
    void keepsTheAnswersKeywordsFind() {
        assertThat(text(withMeaning.answer("How could we photograph a planet that sits right beside a bright star?"))).contains("starshade");
        assertThat(text(withMeaning.answer("How long does he play guitar every day?"))).contains("five minutes");
        assertThat(text(withMeaning.answer("Who was Andrew Ng's first PhD student?"))).contains("first PhD student");
    }

    @Test
    void aNamedGuestIsLeftOutOfTheQuestionTheModelSees() {
        Episode ng = new TranscriptLibrary().load(List.of(Path.of("transcripts"))).episodes().get(0);
        Corpus corpus = new Corpus(List.of(ng));
        Answerer.Focus focus = new Answerer.Focus(java.util.Map.of(ng.id(), 1.0), java.util.Set.of(), true);
        assertThat(ng.title().guest()).isEqualTo("Andrew Ng");
        assertThat(Answerer.withoutGuestNames("What did Andrew Ng's team build?", corpus, focus)).isEqualTo("What did team build?");
        assertThat(Answerer.withoutGuestNames("How does Ng learn?", corpus, focus)).isEqualTo("How does learn?");
        assertThat(Answerer.withoutGuestNames("Andrew Ng", corpus, focus)).as("nothing left: the question as asked").isEqualTo("Andrew Ng");
    }
}
