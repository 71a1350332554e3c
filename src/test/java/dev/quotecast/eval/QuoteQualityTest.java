package dev.quotecast.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Moment;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.EpisodeTitle;
import dev.quotecast.transcript.Sentence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteQualityTest {

    private static Episode episode(String... sentences) {
        List<Sentence> ss = new java.util.ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            ss.add(new Sentence(i, sentences[i], 0, 0, i, i == sentences.length - 1 && sentences[i].contains("code LEX")
                    ? Sentence.Role.SPONSOR : Sentence.Role.CONVERSATION));
        }
        return new Episode("e", EpisodeTitle.parse("T"), null, Duration.ofMinutes(1), null, ss, true, Path.of("e.txt"), "c");
    }

    @Test
    void judgesEachRuleIndependently() {
        Episode e = episode(
                "The best way to learn anything is to teach it to someone else.",
                "and so the best way to learn anything is to teach it to someone.",
                "But the best way to learn anything is to teach it to someone else.",
                "Is the best way to learn anything to teach it to someone else?",
                "Too short to quote.",
                "Use the promo code LEX to get ten percent off your first order today.");
        assertThat(QuoteQuality.problems(new Moment(e, 0, 0))).isEmpty();
        assertThat(QuoteQuality.problems(new Moment(e, 1, 1))).contains("no capital start", "dangling start 'and'");
        assertThat(QuoteQuality.problems(new Moment(e, 2, 2))).containsExactly("dangling start 'but'");
        assertThat(QuoteQuality.problems(new Moment(e, 3, 3))).containsExactly("question");
        assertThat(QuoteQuality.problems(new Moment(e, 4, 4))).containsExactly("length 4 words");
        assertThat(QuoteQuality.problems(new Moment(e, 5, 5))).containsExactly("sponsor read");
    }

    @Test
    void repeatsAreSharedSentencesOrEqualTexts() {
        Episode e = episode("One sentence here that is long enough.", "Another sentence here that is long enough.");
        assertThat(QuoteQuality.repeats(List.of(new Moment(e, 0, 0), new Moment(e, 1, 1)))).isFalse();
        assertThat(QuoteQuality.repeats(List.of(new Moment(e, 0, 1), new Moment(e, 1, 1)))).isTrue();
    }

    @Test
    void seedTopicsGiveWellFormedQuotesThatNeverRepeatWithinFiveClicks() throws Exception {
        try (Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))))) {
            List<String> topics = QuoteQuality.topics(engine.content().corpus(), 40);
            assertThat(topics).hasSize(40).doesNotHaveDuplicates();
            QuoteQuality.Report r = QuoteQuality.run(engine.commands(), topics);
            System.out.printf("seed quote quality: %d/%d well formed, %d topics repeat; failures %s%n",
                    r.wellFormed(), r.quotes(), r.topicsWithRepeat(), r.failures());
            assertThat(r.topicsWithQuotes()).isGreaterThan(30);
            assertThat(r.wellFormedShare()).isGreaterThanOrEqualTo(0.97);
            assertThat(r.topicsWithRepeat()).isZero();
        }
    }
}
