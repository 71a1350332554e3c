package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Equal scores are ordered by episode and position, not by Lucene's document numbers, which
 * depend on the order the indexing threads happened to add episodes in: the same library must
 * give the same hits every start, or {@code quotecast train} makes a different model each run.
 */
class SearcherTiesTest {

    static final Path SEED = Path.of("transcripts/lex-fridman-073-andrew-ng.txt");

    /** Four copies of the seed under other names: every passage ties with its copies. */
    static List<Episode> copies() throws Exception {
        byte[] bytes = Files.readAllBytes(SEED);
        List<Episode> out = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            out.add(((TranscriptParser.Parsed) new TranscriptParser().parse(Path.of(name + ".txt"), bytes)).episode());
        }
        return out;
    }

    static List<Searcher.Hit> search(TranscriptIndex index, String question, int n) {
        Searcher s = new Searcher(index, null);
        return s.passages(s.parse(question), n, Map.of());
    }

    @Test
    void tiedPassagesComeInTheSameOrderWhateverOrderTheEpisodesWereIndexedIn() throws Exception {
        List<Episode> episodes = copies();
        try (TranscriptIndex together = TranscriptIndex.open(null, new Analyzers());
             TranscriptIndex oneByOneBackwards = TranscriptIndex.open(null, new Analyzers())) {
            together.sync(episodes);
            for (int i = episodes.size(); i >= 1; i--) oneByOneBackwards.sync(episodes.subList(i - 1, episodes.size()));
            for (String question : List.of("habits", "What does Andrew Ng think about deep learning?", "online courses")) {
                for (int n : new int[] {1, 2, 3, 6, 10}) {
                    List<Searcher.Hit> first = search(together, question, n), second = search(oneByOneBackwards, question, n);
                    assertThat(second).as("%s, %d hits", question, n).isEqualTo(first);
                    assertThat(first).hasSize(n);
                }
            }
            // the best passage is in every copy: the two places go to the first episodes by name
            assertThat(search(oneByOneBackwards, "habits", 2)).extracting(Searcher.Hit::episodeId).containsExactly("a", "b");
        }
    }
}
