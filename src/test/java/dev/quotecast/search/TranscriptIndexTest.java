package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persisted index: incremental by checksum across restarts, and rebuilt when torn. */
class TranscriptIndexTest {

    @TempDir
    Path dir;

    Engine start(Path transcripts, Path index) {
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(transcripts)).withIndexDir(index));
    }

    @Test
    void onlyAddedChangedOrRemovedFilesAreReindexed() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t")), idx = dir.resolve("index");
        Path seed = Path.of("transcripts/lex-fridman-073-andrew-ng.txt");
        Files.copy(seed, t.resolve("a.txt"));
        Files.copy(seed, t.resolve("b.txt"));
        try (Engine e = start(t, idx)) {
            assertThat(e.lastSync()).isEqualTo(new TranscriptIndex.SyncReport(2, 0, 0, 0, false));
        }
        try (Engine e = start(t, idx)) {
            assertThat(e.lastSync()).as("restart with nothing changed").isEqualTo(new TranscriptIndex.SyncReport(0, 0, 0, 2, false));
            assertThat(e.content().quotes("habits", 1)).isNotEmpty();
        }
        Files.writeString(t.resolve("b.txt"), Files.readString(seed) + "\nA brand new closing sentence about zebras and habits.\n");
        Files.copy(seed, t.resolve("c.txt"));
        Files.delete(t.resolve("a.txt"));
        try (Engine e = start(t, idx)) {
            assertThat(e.lastSync()).isEqualTo(new TranscriptIndex.SyncReport(1, 1, 1, 0, false));
            Searcher searcher = e.content().snapshot().searcher();
            assertThat(searcher.docFreq("zebra")).isEqualTo(1);
            // over segments added, updated and deleted from: many terms at once, the numbers of one at a time
            List<String> terms = List.of("zebra", "habit", "learn", "machin", "no-such-term", "habit");
            java.util.Map<String, Long> one = new java.util.HashMap<>();
            for (String term : terms) one.put(term, searcher.docFreq(term));
            assertThat(searcher.docFreqs(terms)).isEqualTo(one);
            assertThat(one.get("habit")).isPositive();
            assertThat(e.content().corpus().episodes()).extracting(x -> x.id()).containsExactly("b", "c");
        }
    }

    @Test
    void aTornIndexIsRebuiltFromTheTranscripts() throws Exception {
        Path idx = dir.resolve("index");
        try (Engine e = start(Path.of("transcripts"), idx)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(idx)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches(".*\\.(cfs|si|fdt|tim|doc)$")).toList()) {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(raf.length() / 2);
                }
            }
        }
        try (Engine e = start(Path.of("transcripts"), idx)) {
            assertThat(e.lastSync().added()).as("rebuilt").isEqualTo(1);
            assertThat(e.content().quotes("habits", 1)).isNotEmpty();
        }
    }

    @Test
    void anIndexOfAnotherFormatIsRebuilt() throws Exception {
        Path idx = dir.resolve("index");
        try (Engine e = start(Path.of("transcripts"), idx)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
        try (var d = org.apache.lucene.store.FSDirectory.open(idx);
             var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig())) {
            w.setLiveCommitData(java.util.Map.of("format", "old").entrySet());
            w.commit();
        }
        try (Engine e = start(Path.of("transcripts"), idx)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
    }
}
