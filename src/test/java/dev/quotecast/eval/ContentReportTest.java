package dev.quotecast.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.content.EpisodeCard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The card figure of {@code eval --content}: what issue 15 asks of a card's key topics, counted. */
class ContentReportTest {

    private static EpisodeCard card(String... topics) {
        return new EpisodeCard(dev.quotecast.TestEpisodes.MONEY, List.of(), List.of(topics), List.of());
    }

    @Test
    void aCardCountsWhenFourOfItsTopicsArePhrasesOrNames() {
        EpisodeCard enough = card("machine learning", "deep learning", "Coursera", "data set", "helicopter", "cars");
        EpisodeCard tooFew = card("machine learning", "Coursera", "data set", "helicopter", "cars", "reciprocate");
        ContentReport.CardFigures f = ContentReport.CardFigures.of(List.of(enough, tooFew));
        assertThat(f).isEqualTo(new ContentReport.CardFigures(2, 1, 12, 7));
        assertThat(f.describe()).isEqualTo("episode cards: 1 of 2 name at least 4 of their key topics as phrases or names (7 of 12 topics)");
        assertThat(ContentReport.CardFigures.phraseOrName("iPod")).as("a name by a capital, wherever it is").isTrue();
        assertThat(ContentReport.CardFigures.phraseOrName("Karpov")).isTrue();
        assertThat(ContentReport.CardFigures.phraseOrName("helicopter")).isFalse();
    }
}
