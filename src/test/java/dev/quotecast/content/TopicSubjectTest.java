package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.TestEngines;
import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuoteFeature#TOPIC_SUBJECT}: a span that speaks of the topic ("Failure usually makes
 * us…") against one that only uses its word ("the marriage between the two").
 */
class TopicSubjectTest {

    @TempDir
    static Path dir;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngines.ofTranscript(dir, """
                # Ada Example: Work and Failure | Test Show #1

                Date: 01/02/2021

                Work is sacrifice of the present to the future. Failure usually makes us more careful than we were.

                We were successful in images, although it took years. The marriage between the two ideas is hard to build.

                Happiness, in the end, is a cookie. Work hard and you will see. Success can't be planned.
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) engine.close();
    }

    private boolean speaksOf(String topic, String sentenceStart) {
        Searcher s = engine.content().snapshot().searcher();
        TermCoverage c = new TermCoverage(s.indexAnalyzer(), s.parse(topic, false), Set.of());
        Episode e = engine.content().corpus().episodes().get(0);
        for (int i = 0; i < e.sentences().size(); i++) {
            if (e.sentence(i).text().startsWith(sentenceStart)) return c.speaksOf(e, i, i);
        }
        throw new AssertionError("no sentence starts with " + sentenceStart);
    }

    @Test
    void theTopicFollowedByItsVerbIsWhatTheSentenceSpeaksOf() {
        assertThat(speaksOf("work", "Work is sacrifice")).isTrue();
        assertThat(speaksOf("failure", "Failure usually makes")).as("an adverb may stand between").isTrue();
        assertThat(speaksOf("success", "Success can't")).isTrue();
    }

    @Test
    void theTopicsWordUsedOnTheWayToSomethingElseIsNot() {
        assertThat(speaksOf("success", "We were successful")).isFalse();
        assertThat(speaksOf("marriage", "The marriage between")).isFalse();
        assertThat(speaksOf("happiness", "Happiness, in the end")).as("not across a comma").isFalse();
        assertThat(speaksOf("work", "Work hard")).isFalse();
        assertThat(speaksOf("failure", "Work is sacrifice")).as("a sentence without the topic").isFalse();
    }
}
