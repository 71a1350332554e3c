package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.TestEpisodes;
import dev.quotecast.transcript.Episode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector index with the real bge-small model: paraphrases found, incremental by checksum
 * across restarts, rebuilt for another model or when torn, stopped between chunks on shutdown.
 */
class PassageVectorsTest {

    static ExecutorService threads;
    static BgeSmallEmbedder bge;

    @TempDir
    Path dir;

    @BeforeAll
    static void model() {
        threads = Executors.newFixedThreadPool(2);
        bge = new BgeSmallEmbedder(threads);
    }

    @AfterAll
    static void stop() {
        bge.close();
        threads.shutdownNow();
    }

    @Test
    void findsAPassageThatSaysTheSameThingInOtherWords() {
        try (PassageVectors v = PassageVectors.open(null, bge)) {
            PassageVectors.Progress p = v.sync(List.of(TestEpisodes.MONEY, TestEpisodes.SPACE), () -> false);
            assertThat(p.embedded()).isEqualTo(2);
            assertThat(p.passages()).isEqualTo(Passages.of(TestEpisodes.MONEY).size() + Passages.of(TestEpisodes.SPACE).size());
            assertThat(v.passageCount()).isEqualTo(p.passages());

            // shares only "bad" with the passage, which says "so broke" and "borrow ... from my dad"
            List<PassageVectors.Similar> hits = v.nearest(bge.query("How bad did his money troubles get after the failed prediction?"), 3, Set.of());
            assertThat(hits.get(0).episodeId()).isEqualTo("money");
            assertThat(hits.get(0).first()).isLessThanOrEqualTo(1);
            assertThat(hits.get(0).last()).isGreaterThanOrEqualTo(1);
            assertThat(hits.get(0).checksum()).isEqualTo(TestEpisodes.MONEY.checksum());
            assertThat(hits.get(0).similarity()).isBetween(0.5f, 1.0f);

            List<PassageVectors.Similar> space = v.nearest(bge.query("How could we photograph a planet next to a bright star?"), 1, Set.of());
            assertThat(space.get(0).episodeId()).isEqualTo("space");
            // a filter keeps the search to the named episodes
            assertThat(v.nearest(bge.query("How could we photograph a planet next to a bright star?"), 5, Set.of("money")))
                    .isNotEmpty().allMatch(h -> h.episodeId().equals("money"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mergingIntoOneSegmentKeepsEveryVectorAndItsPlace() throws Exception {
        Path idx = dir.resolve("index.vectors");
        Episode third = TestEpisodes.episode("third", "Sleep is when the brain files the day away.", "Nobody has found a way around it.");
        List<Episode> all = List.of(TestEpisodes.MONEY, TestEpisodes.SPACE, third);
        float[] q = bge.query("How could we photograph a planet next to a bright star?");
        java.util.Map<String, float[]> before;
        List<PassageVectors.Similar> nearestBefore;
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            v.sync(List.of(TestEpisodes.MONEY), () -> false);
            v.sync(List.of(TestEpisodes.MONEY, TestEpisodes.SPACE), () -> false);
            v.sync(all, () -> false); // three commits: three segments
            before = v.cosines(q, all);
            nearestBefore = v.nearestExact(q, 10, Set.of());

            assertThat(v.compact()).isEqualTo(3);
            assertThat(v.compact()).as("one segment: nothing left to merge").isZero();
            // the passages of an episode stay the block before its record, which is how cosines reads them
            java.util.Map<String, float[]> after = v.cosines(q, all);
            assertThat(after.keySet()).isEqualTo(before.keySet()).hasSize(3);
            for (String id : before.keySet()) assertThat(after.get(id)).isEqualTo(before.get(id));
            assertThat(v.nearestExact(q, 10, Set.of())).isEqualTo(nearestBefore);
            assertThat(v.nearest(q, 1, Set.of()).get(0).episodeId()).isEqualTo("space");
        }
        PassageVectors v = PassageVectors.open(idx, bge);
        try {
            assertThat(v.sync(all, () -> false).embedded()).as("the merge was committed: a restart embeds nothing").isZero();
            assertThat(v.compact()).isZero();
        } finally {
            v.close();
        }
        assertThat(v.compact()).as("closed: no merge starts").isZero();
    }

    @Test
    void aRestartEmbedsOnlyWhatChangedAndAnotherModelStartsOver() throws Exception {
        Path idx = dir.resolve("index.vectors");
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            assertThat(v.sync(List.of(TestEpisodes.MONEY, TestEpisodes.SPACE), () -> false).embedded()).isEqualTo(2);
        }
        Episode changed = TestEpisodes.episode("space", "Rockets are getting cheaper every year.", "Starships may land on Mars soon.");
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            PassageVectors.Progress p = v.sync(List.of(changed), () -> false);
            assertThat(p).isEqualTo(new PassageVectors.Progress(1, 1, 0, 1, false));
            assertThat(v.storedChecksums()).containsOnlyKeys("space").containsEntry("space", changed.checksum());
            assertThat(v.nearest(bge.query("landing on Mars"), 10, Set.of())).extracting(PassageVectors.Similar::checksum)
                    .containsOnly(changed.checksum());
        }
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            assertThat(v.sync(List.of(changed), () -> false)).isEqualTo(new PassageVectors.Progress(0, 0, 1, 0, false));
        }
        try (PassageVectors v = PassageVectors.open(idx, new Renamed(bge))) {
            assertThat(v.storedChecksums()).as("vectors of another model are not kept").isEmpty();
            assertThat(v.sync(List.of(changed), () -> false).embedded()).isEqualTo(1);
        }
    }

    /** The count feeds eval's "N passage embeddings ready" and the dev-set test: a changed episode must not count twice. */
    @Test
    void aChangedEpisodeIsCountedOnceThoughItsOldVectorsWaitForAMerge() throws Exception {
        // ten episodes, one changed: too few deletions for Lucene to merge them away at once
        List<Episode> episodes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            episodes.add(TestEpisodes.episode("ep" + i, "Episode " + i + " is about habits.", "It has a second sentence too."));
        }
        try (PassageVectors v = PassageVectors.open(dir.resolve("count.vectors"), bge)) {
            v.sync(episodes, () -> false);
            episodes.set(3, TestEpisodes.episode("ep3", "Episode three changed its mind.", "It is about sleep now.", "And a third sentence."));
            assertThat(v.sync(episodes, () -> false).embedded()).isEqualTo(1);
            int passages = 0;
            for (Episode e : episodes) passages += Passages.of(e).size();
            assertThat(v.passageCount()).isEqualTo(passages);
        }
    }

    /**
     * A library that grew while its vectors were persisted: the episode the index never held is
     * embedded before the changed one, though the changed one comes first in id order, so answers
     * on new episodes reach full quality first (issue 20).
     */
    @Test
    void whenTheLibraryGrowsTheNewEpisodesAreEmbeddedFirst() throws Exception {
        Path idx = dir.resolve("grown.vectors");
        Episode a = TestEpisodes.episode("a-first", "Episode a is about habits.", "It has a second sentence.");
        Episode m = TestEpisodes.episode("m-middle", "Episode m is about sleep.", "It has a second sentence.");
        List<String> order = new java.util.ArrayList<>();
        Embedder recording = new Renamed(bge) {
            @Override
            public List<float[]> passages(List<String> texts) {
                order.addAll(texts);
                return super.passages(texts);
            }
        };
        try (PassageVectors v = PassageVectors.open(idx, recording)) {
            v.sync(List.of(a, m), () -> false);
        }
        order.clear();
        Episode changedA = TestEpisodes.episode("a-first", "Episode a now talks about money.", "And a second sentence.");
        Episode newZ = TestEpisodes.episode("z-new", "Episode z is new and about rockets.", "It has a second sentence.");
        try (PassageVectors v = PassageVectors.open(idx, recording)) {
            PassageVectors.Progress p = v.sync(List.of(changedA, m, newZ), () -> false);
            assertThat(p.embedded()).isEqualTo(2);
        }
        List<String> expected = new java.util.ArrayList<>();
        for (Passages.Window w : Passages.of(newZ)) expected.add(w.text());
        for (Passages.Window w : Passages.of(changedA)) expected.add(w.text());
        assertThat(order).isEqualTo(expected);
    }

    @Test
    void aTornVectorIndexIsEmbeddedAgain() throws Exception {
        Path idx = dir.resolve("index.vectors");
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            v.sync(List.of(TestEpisodes.MONEY), () -> false);
        }
        try (Stream<Path> files = Files.list(idx)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(raf.length() / 2);
                }
            }
        }
        try (PassageVectors v = PassageVectors.open(idx, bge)) {
            assertThat(v.sync(List.of(TestEpisodes.MONEY), () -> false).embedded()).isEqualTo(1);
            assertThat(v.nearest(bge.query("borrowing money from his father"), 1, Set.of())).hasSize(1);
        }
    }

    @Test
    void shutdownStopsBetweenChunksAndKeepsWhatWasCommitted() throws Exception {
        String[] many = new String[PassageVectors.CHUNK * 3 * 3];
        for (int i = 0; i < many.length; i++) many[i] = "Sentence number " + i + " talks about topic " + (i % 17) + ".";
        Episode big = TestEpisodes.episode("big", many);
        AtomicInteger chunks = new AtomicInteger();
        Embedder counting = new Renamed(bge) {
            @Override
            public List<float[]> passages(List<String> texts) {
                chunks.incrementAndGet();
                return super.passages(texts);
            }

            @Override
            public String name() {
                return bge.name();
            }
        };
        Path idx = dir.resolve("index.vectors");
        try (PassageVectors v = PassageVectors.open(idx, counting)) {
            assertThat(v.sync(List.of(TestEpisodes.MONEY), () -> false).embedded()).isEqualTo(1);
            PassageVectors.Progress p = v.sync(List.of(TestEpisodes.MONEY, big), () -> chunks.get() >= 3);
            assertThat(p.stopped()).isTrue();
            assertThat(p.embedded()).isZero();
            assertThat(chunks.get()).as("stopped after the chunk it was in, not at the end of the episode").isEqualTo(3);
            assertThat(v.storedChecksums()).as("a half-embedded episode is not recorded").containsOnlyKeys("money");
        }
    }

    /** The real model under another name, as a model upgrade would look. */
    static class Renamed implements Embedder {
        private final Embedder real;

        Renamed(Embedder real) {
            this.real = real;
        }

        @Override
        public String name() {
            return "another-model";
        }


        @Override
        public List<float[]> passages(List<String> texts) {
            return real.passages(texts);
        }

        @Override
        public float[] query(String text) {
            return real.query(text);
        }
    }
}
