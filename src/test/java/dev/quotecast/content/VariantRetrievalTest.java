package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.TestEngines;
import dev.quotecast.search.Searcher;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Questions worded unlike the transcript: a derived form ("atheist" for "atheism"), a compound the
 * transcript splits ("starshade" for "star shade"), a one-letter misspelling; and the no-answer rule
 * for a word no transcript contains.
 */
class VariantRetrievalTest {

    @TempDir
    static Path dir;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngines.ofTranscript(dir, """
                # Ada Example: Telescopes and Doubt | Test Show #1

                Date: 01/02/2021

                We talked about many things today. The weather was fine and the coffee was good.

                For years atheism was where I had been, and then I found it was the least supportable position. \
                That is how my view of religion changed over a long time.

                The star shade is shaped like a giant flower with petals, so it blocks the glare of the star. \
                Then a telescope can photograph the planet beside it.

                My favourite instrument is the spectrograf, which splits light into its colours. \
                It tells us what the atmosphere of a planet is made of.

                Every star is bright at night, and the shade of the old tree is cool in the day. A star in shade is hard to see.

                Gardening is relaxing. I grow tomatoes and beans in the summer and read books in the winter.
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) engine.close();
    }

    private Searcher searcher() {
        return engine.content().snapshot().searcher();
    }

    @Test
    void derivedFormsCompoundsAndMisspellingsAreVariantsOfTheQueryTerm() {
        Searcher.ParsedQuery q = searcher().parse("atheist starshade spectrograph");
        assertThat(q.variantsOf("atheist")).extracting(Searcher.Variant::key).contains("atheism");
        assertThat(q.variantsOf("starshad")).extracting(Searcher.Variant::key).contains("star shade");
        assertThat(q.variantsOf("spectrograph")).extracting(Searcher.Variant::key).contains("spectrograf");
        assertThat(q.variantsOf("atheist")).allSatisfy(v -> assertThat(v.factor()).isLessThan(1f));
        assertThat(q.unseen()).contains("atheist", "starshad", "spectrograph");
        assertThat(searcher().parse("atheist", false).variants()).as("quotes use the topic's own words").isEmpty();
    }

    @Test
    void aQuestionWordedUnlikeTheTranscriptFindsThePassage() {
        assertThat(engine.content().answers("Why was the atheist position the least supportable?", 1))
                .singleElement().satisfies(a -> assertThat(a.passage().text()).contains("atheism was where I had been"));
        assertThat(engine.content().answers("What shape is the starshade?", 1))
                .singleElement().satisfies(a -> assertThat(a.passage().text()).contains("giant flower with petals"));
    }

    @Test
    void aSplitCompoundCountsOnlyWhereItsHalvesAreAdjacent() {
        Searcher.ParsedQuery q = searcher().parse("starshade");
        var e = engine.content().corpus().episodes().get(0);
        TermCoverage c = new TermCoverage(searcher().indexAnalyzer(), q, java.util.Set.of());
        int adjacent = -1, apart = -1, acrossAStopWord = -1;
        for (int i = 0; i < e.sentences().size(); i++) {
            String s = e.sentence(i).text();
            if (s.contains("star shade")) adjacent = i;
            if (s.contains("the shade of the old tree")) apart = i;
            if (s.contains("star in shade")) acrossAStopWord = i;
        }
        assertThat(c.of(e, adjacent, adjacent)).isGreaterThan(0.5);
        assertThat(c.of(e, apart, apart)).as("'star' and 'shade' apart are not 'star shade'").isZero();
        assertThat(c.of(e, acrossAStopWord, acrossAStopWord)).as("nor with a stop word between them").isZero();
    }

    @Test
    void sentenceTermsKeptBetweenQuestionsGiveTheCoverageAFreshAnalysisGives() {
        Corpus corpus = engine.content().corpus();
        var e = corpus.episodes().get(0);
        SentenceTerms kept = corpus.sentenceTerms(searcher().indexAnalyzer());
        assertThat(corpus.sentenceTerms(searcher().indexAnalyzer())).as("one per corpus").isSameAs(kept);
        int n = e.sentences().size();
        // each question finds the sentences the ones before it analysed; the compound's halves stand
        // next to each other in one sentence and apart, across a stop word, in another
        for (String question : java.util.List.of("What shape is the starshade?", "Why was the atheist position the least supportable?",
                "Is the starshade like the shade of a tree?", "What does the spectrograph tell us about a planet's atmosphere?")) {
            Searcher.ParsedQuery q = searcher().parse(question);
            TermCoverage shared = new TermCoverage(kept, q, java.util.Set.of());
            TermCoverage fresh = new TermCoverage(searcher().indexAnalyzer(), q, java.util.Set.of());
            for (int first = 0; first < n; first++) {
                for (int last = first; last < Math.min(n, first + 3); last++) {
                    assertThat(shared.of(e, first, last)).as(question + " " + first + ".." + last).isEqualTo(fresh.of(e, first, last));
                    assertThat(shared.matched(e, first, last)).isEqualTo(fresh.matched(e, first, last));
                }
            }
        }
    }

    @Test
    void aQuestionAboutAWordNoTranscriptHoldsNeedsMoreCoverage() {
        // "kombucha" is in no transcript; the rest of the question is, but it is not what is asked
        assertThat(engine.content().answers("How do you brew kombucha in the summer garden?", 1)).isEmpty();
    }
}
