package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Spread;
import dev.quotecast.transcript.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            assertSameHits(churned, fresh);
        }
        // b changed: its old documents are deleted from the segment it shares with a
        byte[] seed = Files.readAllBytes(SearcherTiesTest.SEED);
        byte[] more = (new String(seed, StandardCharsets.UTF_8) + "\nHabits of online learning are what I think about most.\n").getBytes(StandardCharsets.UTF_8);
        Episode changed = ((TranscriptParser.Parsed) new TranscriptParser().parse(Path.of("b.txt"), more)).episode();
        try (TranscriptIndex churned = TranscriptIndex.open(null, new Analyzers(), new Spread(Runnable::run, 0));
             TranscriptIndex fresh = TranscriptIndex.open(null, new Analyzers())) {
            churned.sync(episodes.subList(0, 2));
            assertThat(churned.sync(List.of(episodes.get(0), changed)).updated()).isEqualTo(1);
            fresh.sync(List.of(episodes.get(0), changed));
            assertSameHits(churned, fresh);
        }
    }

    static void assertSameHits(TranscriptIndex churned, TranscriptIndex fresh) {
        for (String question : List.of("habits", "What does Andrew Ng think about deep learning?", "online courses")) {
            assertThat(SearcherTiesTest.search(churned, question, 5)).as(question).isEqualTo(SearcherTiesTest.search(fresh, question, 5));
        }
    }
}
