package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passage embeddings as the engine runs them: beside the index, in the background, off when asked. */
class EngineEmbeddingsTest {

    @TempDir
    Path dir;

    BotConfig config(Path transcripts) {
        return BotConfig.defaults().withTranscripts(List.of(transcripts)).withIndexDir(dir.resolve("index"));
    }

    @Test
    void vectorsPersistBesideTheIndexAndARestartEmbedsNothing() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"), t.resolve("a.txt"));
        long passages;
        try (Engine e = Engine.start(config(t))) {
            e.awaitEmbeddings();
            passages = e.content().passageCount();
            assertThat((long) e.embeddedPassages()).isEqualTo(passages).isPositive();
        }
        assertThat(dir.resolve("index.vectors")).isDirectory();
        try (PassageVectors v = PassageVectors.open(dir.resolve("index.vectors"), new Unused())) {
            assertThat(v.storedChecksums()).containsOnlyKeys("a");
            assertThat(v.sync(new dev.quotecast.transcript.TranscriptLibrary().load(List.of(t)).episodes(), () -> false))
                    .as("nothing left to embed: the model is never asked").isEqualTo(new PassageVectors.Progress(0, 0, 1, 0, false));
        }
    }

    /**
     * A library that grew holds a segment per sync; the bot then merges them so that a question
     * searches one graph, and the merge is committed: what a restart or a one-shot reads.
     */
    @Test
    void theBotMergesItsVectorsIntoOneSegmentOnceEmbedded() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"), t.resolve("a.txt"));
        try (Engine e = Engine.start(config(t))) {
            e.awaitCompactedVectors();
        }
        Files.writeString(t.resolve("b.txt"), Files.readString(t.resolve("a.txt")).replace("Andrew Ng", "Andrew Ng himself"));
        try (Engine e = Engine.start(config(t))) {
            e.awaitCompactedVectors();
            assertThat(e.embeddedPassages()).isEqualTo(e.content().passageCount());
            assertThat(e.content().answer("How long does he play guitar every day?")).isPresent();
        }
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir.resolve("index.vectors"));
             org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(d)) {
            assertThat(r.leaves()).as("two syncs, merged into one segment").hasSize(1);
            assertThat(r.numDocs()).isEqualTo(r.maxDoc());
        }
    }

    /**
     * `quotecast ask` beside a bot (issue 20): it must read the bot's vectors, not embed the
     * library again, which would take minutes at 101 episodes instead of the seconds it may take.
     */
    @Test
    void aOneShotReadsTheBotsVectorsAndEmbedsNothing() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"), t.resolve("a.txt"));
        long passages;
        try (Engine bot = Engine.start(config(t))) {
            bot.awaitEmbeddings();
            passages = bot.embeddedPassages();
        }
        Map<Path, Long> before = sizes(dir.resolve("index.vectors"));
        try (Engine oneShot = Engine.startOneShot(config(t))) {
            assertThat((long) oneShot.embeddedPassages()).as("every passage is there at start: read, not embedded").isEqualTo(passages).isPositive();
            assertThat(oneShot.content().answer("How long does he play guitar every day?")).isPresent();
        }
        assertThat(sizes(dir.resolve("index.vectors"))).as("the bot's vectors are not written").isEqualTo(before);
    }

    private static Map<Path, Long> sizes(Path folder) throws java.io.IOException {
        Map<Path, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) if (!f.getFileName().toString().equals("write.lock")) out.put(f.getFileName(), Files.size(f));
        }
        return out;
    }

    @Test
    void turnedOffNoVectorsAreMadeAndQuestionsAreStillAnswered() throws Exception {
        try (Engine e = Engine.start(config(Path.of("transcripts")).withEmbeddings(false))) {
            e.awaitEmbeddings();
            assertThat(e.embeddedPassages()).isZero();
            assertThat(e.content().answer("How long does he play guitar every day?")).isPresent();
        }
        assertThat(dir.resolve("index.vectors")).doesNotExist();
    }

    @Test
    void closingWhileEmbeddingReturnsPromptly() throws Exception {
        long t0;
        try (Engine e = Engine.start(config(Path.of("transcripts")))) {
            t0 = System.nanoTime();
        }
        // the seed takes seconds to embed; shutdown waits for one chunk of passages at most
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }

    /** An embedder that fails if used: proves a sync with nothing to embed never calls the model. */
    static final class Unused implements Embedder {
        @Override
        public String name() {
            return BgeSmallEmbedder.NAME;
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            throw new AssertionError("asked to embed " + texts.size() + " passages");
        }

        @Override
        public float[] query(String text) {
            throw new AssertionError("asked to embed a query");
        }
    }
}
