package dev.quotecast.speakers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.TestEpisodes;
import dev.quotecast.transcript.Episode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading who speaks ahead of the requests: the bot's background read fills the same cache a request reads. */
class HostModelReadTest {

    @Test
    void readKeepsWhatARequestWouldComputeAndStopsWhenAsked() {
        List<Episode> episodes = List.of(TestEpisodes.MONEY, TestEpisodes.SPACE);
        HostModel model = HostModel.shipped();
        assertThat(model.read(episodes, () -> true)).as("stopped before the first episode").isZero();

        assertThat(model.read(episodes, () -> false)).isEqualTo(2);
        float[] read = model.hostProbabilities(TestEpisodes.MONEY);
        assertThat(model.hostProbabilities(TestEpisodes.MONEY)).as("kept, not computed again").isSameAs(read);
        assertThat(model.turnProbabilities(TestEpisodes.SPACE)).isSameAs(model.turnProbabilities(TestEpisodes.SPACE));

        HostModel fresh = HostModel.shipped();
        assertThat(read).as("what a request computes itself").containsExactly(fresh.hostProbabilities(TestEpisodes.MONEY));
        assertThat(model.turnProbabilities(TestEpisodes.SPACE)).containsExactly(fresh.turnProbabilities(TestEpisodes.SPACE));
    }
}
