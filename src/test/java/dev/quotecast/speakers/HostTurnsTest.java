package dev.quotecast.speakers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.TestEpisodes;
import dev.quotecast.transcript.Episode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turn decoder: who speaks a sentence is decided with its neighbours, what it learns is the
 * counts of the labeled runs, and it changes the decisions without changing the per-sentence
 * probabilities the shipped classifiers read.
 */
class HostTurnsTest {

    static HostTurns shipped() throws IOException {
        try (InputStream in = HostTurns.class.getResourceAsStream(HostTurns.RESOURCE)) {
            assertThat(in).as("the build ships " + HostTurns.RESOURCE).isNotNull();
            return HostTurns.read(in);
        }
    }

    static final String NEUTRAL = "The lab was on the third floor of the old building.";

    @Test
    void aSentenceThatLooksLikeEitherSpeakersGoesWithTheTurnAroundIt() throws IOException {
        HostTurns turns = shipped();
        // the same sentence, once inside the host's lead-in to a question, once inside the guest's answer
        Episode asked = TestEpisodes.episode("asked",
                "I think my father taught me that, and I have tried to live by it since I was a kid.",
                "Yeah, that's beautiful.",
                NEUTRAL,
                "What do you think made that place so special?",
                "What was it like to work there?");
        Episode answered = TestEpisodes.episode("answered",
                "I remember my first week there, I was so nervous that I barely slept.",
                "I had my own desk and I thought I had made it.",
                NEUTRAL,
                "I spent my nights there and my weekends too, and I loved every hour of it.",
                "I still think about my time there.");
        float[] a = turns.posteriors(asked), b = turns.posteriors(answered);
        assertThat(a[2]).as("within the host's turn").isGreaterThan(0.5f);
        assertThat(b[2]).as("within the guest's answer").isLessThan(0.5f);
        assertThat(a[3]).as("the question").isGreaterThan(0.5f);
        assertThat(b[0]).as("the guest speaking of himself").isLessThan(0.5f);
    }

    @Test
    void theAnswerAfterAQuestionIsTheGuests() throws IOException {
        Episode e = TestEpisodes.episode("qa",
                "Why did you become a physicist?",
                "I was always curious about how things work, and my father gave me his old books.",
                "I read them all before I was twelve.");
        float[] p = shipped().posteriors(e);
        assertThat(p[0]).isGreaterThan(0.5f);
        assertThat(p[1]).isLessThan(0.5f);
        assertThat(p[2]).isLessThan(0.5f);
    }

    @Test
    void turnChangesAreCountedWithinARunOfConsecutiveSentencesOnly() {
        Episode one = TestEpisodes.episode("one", "How did it start?", "It started in a garage.", "We had no money.");
        Episode two = TestEpisodes.episode("two", "Nobody believed us.", "Not even our parents.", "That is a great story.");
        List<HostTurns.Example> x = List.of(
                new HostTurns.Example(one, 0, true), new HostTurns.Example(one, 1, false), new HostTurns.Example(one, 2, false),
                // a new episode: no turn change between one's last sentence and two's first
                new HostTurns.Example(two, 0, false),
                // a gap in the numbering: no turn counted either
                new HostTurns.Example(two, 2, true));
        HostTurns t = HostTurns.fit(x);
        // host -> guest after a question, once in one case: (1 + 0.5) / (1 + 1)
        assertThat(t.changeProbability(true, TurnChange.AFTER_QUESTION)).isEqualTo(0.75);
        // guest stayed guest once, not after a question: (0 + 0.5) / (1 + 1)
        assertThat(t.changeProbability(false, TurnChange.OTHERWISE)).isEqualTo(0.25);
        // never seen: even odds
        assertThat(t.changeProbability(true, TurnChange.OTHERWISE)).isEqualTo(0.5);
        assertThat(t.changeProbability(false, TurnChange.AFTER_QUESTION)).isEqualTo(0.5);
    }

    @Test
    void theCountsRoundTripThroughTheirFile() throws IOException {
        HostTurns t = shipped();
        HostTurns again = HostTurns.read(new ByteArrayInputStream(t.json()));
        assertThat(again.json()).isEqualTo(t.json());
        assertThat(again.fingerprint()).isEqualTo(t.fingerprint());
        Episode e = TestEpisodes.MONEY;
        assertThat(again.posteriors(e)).containsExactly(t.posteriors(e));
    }

    @Test
    void aFileCountedOverOtherCuesIsRefused() throws IOException {
        String other = new String(shipped().json(), StandardCharsets.UTF_8).replace("\"HOST_PHRASE\"", "\"SOMETHING_ELSE\"");
        assertThatThrownBy(() -> HostTurns.read(new ByteArrayInputStream(other.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("run quotecast train");
    }

    @Test
    void theDecisionsFollowTheTurnsAndTheClassifiersFeatureDoesNot() throws IOException {
        HostModel withTurns = HostModel.shipped();
        Episode e = TestEpisodes.episode("mixed",
                "So you started the company in a garage?",
                "I did, with two friends and no money at all.",
                "Right.",
                "We slept under our desks for a year.",
                "That's fascinating, I love that.",
                "Do you think that would still work today?",
                "I think it would, if you are willing to suffer.");
        List<Boolean> decided = new ArrayList<>();
        float[] turns = withTurns.turnProbabilities(e);
        for (int i = 0; i < turns.length; i++) {
            decided.add(withTurns.isHost(e, i));
            assertThat(withTurns.isHost(e, i)).isEqualTo(turns[i] > HostModel.HOST);
        }
        assertThat(turns).containsExactly(shipped().posteriors(e));
        assertThat(decided).contains(true, false);
        // hostProbabilities, which the quote and advice classifiers read, are the per-sentence model's alone
        HostModel sentenceOnly = new HostModel(treesOf(), null);
        assertThat(withTurns.hostProbabilities(e)).containsExactly(sentenceOnly.hostProbabilities(e));
        assertThat(withTurns.fingerprint()).startsWith(sentenceOnly.fingerprint()).isNotEqualTo(sentenceOnly.fingerprint());
    }

    private static dev.quotecast.learn.TreeEnsemble treesOf() {
        return dev.quotecast.learn.TreeEnsemble.resource("/models/speaker-host.json");
    }
}
