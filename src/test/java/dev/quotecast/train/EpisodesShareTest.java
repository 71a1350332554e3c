package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.eval.EvalSet;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code train --episodes-share}: a learning curve over episodes, so whole episodes go, the same ones every run. */
class EpisodesShareTest {

    static Set<String> episodes(EvalSet set) {
        return set.rows().stream().filter(r -> !r.expectsNone()).map(EvalSet.Row::episodeFile).collect(Collectors.toSet());
    }

    @Test
    void aShareKeepsWholeEpisodesAboutThatShareOfThemAndTheSameOnesTwice() throws Exception {
        EvalSet all = EvalSet.read(Path.of("eval/questions/train.tsv"));
        TrainCommand half = new TrainCommand();
        half.episodesShare = 0.5;
        EvalSet kept = half.share(all);

        Set<String> keptEpisodes = episodes(kept);
        assertThat(keptEpisodes.size()).isBetween(episodes(all).size() * 3 / 10, episodes(all).size() * 7 / 10);
        assertThat(all.rows().stream().filter(r -> keptEpisodes.contains(r.episodeFile())))
                .as("every question of a kept episode stays").containsExactlyElementsOf(kept.rows().stream().filter(r -> !r.expectsNone()).toList());
        long none = all.rows().stream().filter(EvalSet.Row::expectsNone).count();
        assertThat(kept.rows().stream().filter(EvalSet.Row::expectsNone).count()).isBetween(none * 3 / 10, none * 7 / 10);
        assertThat(half.share(all)).isEqualTo(kept);

        TrainCommand whole = new TrainCommand();
        assertThat(whole.share(all)).isSameAs(all);
    }
}
