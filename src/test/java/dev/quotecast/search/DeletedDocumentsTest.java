package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Spread;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A library that lost episodes, or had them changed, ranks as a fresh index of the same episodes
 * would: BM25 weighs terms by collection statistics, and Lucene counts a deleted document in them
 * until its segment is merged, so without purging them the scores depended on the index's history.
 */
class DeletedDocumentsTest {

    @Test
    void afterEpisodesAreRemovedOrChangedScoresAreThoseOfAFreshIndex() throws Exception {
        List<Episode> episodes = SearcherTiesTest.copies();
        // one worker: all four episodes in one segment, so removing two leaves deleted documents in it
        try (TranscriptIndex churned = TranscriptIndex.open(null, new Analyzers(), new Spread(Runnable::run, 0));
             TranscriptIndex fresh = TranscriptIndex.open(null, new Analyzers())) {
            churned.sync(episodes);
            churned.sync(episodes.subList(0, 2));
            fresh.sync(episodes.subList(0, 2));
            for (String question : List.of("habits", "What does Andrew Ng think about deep learning?", "online courses")) {
                assertThat(SearcherTiesTest.search(churned, question, 5)).as(question).isEqualTo(SearcherTiesTest.search(fresh, question, 5));
            }
        }
    }
}
