package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the persisted index, one at a time, on every file Lucene wrote: truncated to half, to
 * nothing, overwritten with garbage of the same length, one bit flipped, deleted; plus a half-written newer commit
 * and a stray file. After each the bot starts, serves, and the next start finds a healthy index.
 * ({@code search/TranscriptIndexTest} covers truncating several files at once and a foreign format.)
 */
@Timeout(120)
class BrokenIndexTest {

    enum Fault { TRUNCATE_HALF, TRUNCATE_EMPTY, GARBAGE, BIT_FLIP, DELETE }

    @TempDir
    Path dir;

    Engine start(Path index) {
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))).withIndexDir(index));
    }

    static List<Path> files(Path index) throws IOException {
        try (Stream<Path> s = Files.list(index)) {
            // Lucene's files: the lock is held by no one between runs, the marker is Quotecast's own
            return s.filter(p -> !p.getFileName().toString().equals("write.lock") && !p.getFileName().toString().equals(".quotecast-index"))
                    .sorted().toList();
        }
    }

    static void inject(Path f, Fault fault, Random random) throws IOException {
        switch (fault) {
            case TRUNCATE_HALF, TRUNCATE_EMPTY -> {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(fault == Fault.TRUNCATE_HALF ? raf.length() / 2 : 0);
                }
            }
            case GARBAGE -> {
                // keep Lucene's 4-byte magic, trash the middle: found only if someone verifies checksums
                byte[] b = Files.readAllBytes(f);
                for (int i = Math.min(b.length, 64); i < b.length - 16; i++) b[i] = (byte) random.nextInt(256);
                Files.write(f, b);
            }
            case BIT_FLIP -> {
                // one flipped bit in the middle: headers and footers intact (disk rot, a bad copy)
                byte[] b = Files.readAllBytes(f);
                if (b.length > 0) b[b.length / 2] ^= 0x10;
                Files.write(f, b);
            }
            case DELETE -> Files.delete(f);
        }
    }

    /** The engine over the index serves the seed, and the index is healthy for the next start. */
    void assertServesAndHeals(Path index, String what) {
        assertServesAndHeals(index, what, true);
    }

    void assertServesAndHeals(Path index, String what, boolean damaged) {
        try (Engine e = start(index)) {
            if (damaged) assertThat(e.lastSync().added()).as(what + ": detected at start-up and re-indexed from the transcripts").isEqualTo(1);
            else assertThat(e.lastSync().unchanged()).as(what + ": a whole index is kept").isEqualTo(1);
            Reply r = e.commands().handle(Request.of("test", null, e.parser().parse("quote habits")));
            assertThat(r).as(what + ": quote after restart").isInstanceOf(Reply.QuoteReply.class);
            Reply a = e.commands().handle(Request.of("test", null, e.parser().parse("how do I build a habit?")));
            assertThat(a).as(what + ": answer after restart").isInstanceOfAny(Reply.AnswerReply.class, Reply.NotFound.class);
            Reply ep = e.commands().handle(Request.of("test", null, e.parser().parse("episode andrew ng")));
            assertThat(ep).as(what + ": episode card after restart").isInstanceOf(Reply.EpisodeReply.class);
        } catch (IOException ex) {
            throw new AssertionError(what + ": close failed", ex);
        }
        try (Engine e = start(index)) {
            assertThat(e.lastSync().unchanged()).as(what + ": the index written after the fault is whole").isEqualTo(1);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void everyFaultOnEveryIndexFileIsDetectedAndRebuilt() throws Exception {
        Random random = new Random(42);
        int injected = 0;
        Path template = dir.resolve("template");
        try (Engine e = start(template)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
        List<String> names = files(template).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).anyMatch(n -> n.startsWith("segments_"));
        for (String name : names) {
            for (Fault fault : Fault.values()) {
                Path index = dir.resolve(name + "-" + fault);
                copy(template, index);
                inject(index.resolve(name), fault, random);
                injected++;
                assertServesAndHeals(index, fault + " " + name);
            }
        }
        System.out.printf("BrokenIndexTest: %d faults injected on %d index files %s%n", injected, names.size(), names);
    }

    @Test
    void aHalfWrittenNewerCommitAndStrayFilesAreSurvived() throws Exception {
        Path index = dir.resolve("index");
        try (Engine e = start(index)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
        String seg = files(index).stream().map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segments_")).findFirst().orElseThrow();
        long gen = Long.parseLong(seg.substring("segments_".length()), Character.MAX_RADIX);
        // a crash in the middle of writing the next commit: its segments file is there, cut short
        byte[] current = Files.readAllBytes(index.resolve(seg));
        Files.write(index.resolve("segments_" + Long.toString(gen + 1, Character.MAX_RADIX)), java.util.Arrays.copyOf(current, current.length / 2));
        Files.write(index.resolve("pending_segments_" + Long.toString(gen + 2, Character.MAX_RADIX)), new byte[] {1, 2, 3});
        Files.write(index.resolve("_zz.cfs"), new byte[1000]);
        Files.writeString(index.resolve("write.lock"), "garbage in the lock file");
        assertServesAndHeals(index, "half-written commit");
    }

    @Test
    void allSegmentsFilesDeletedIsAFreshIndex() throws Exception {
        Path index = dir.resolve("index");
        try (Engine e = start(index)) {
            assertThat(e.lastSync().added()).isEqualTo(1);
        }
        for (Path p : files(index)) if (p.getFileName().toString().startsWith("segments")) Files.delete(p);
        assertServesAndHeals(index, "no segments_N");
    }

    /**
     * A second bot pointed at the index of a running one must not take it for corrupt and wipe it:
     * it stops with a message, and the first keeps serving.
     */
    @Test
    void anIndexInUseByAnotherEngineIsNotWiped() throws Exception {
        Path index = dir.resolve("index");
        try (Engine first = start(index)) {
            List<String> before = files(index).stream().map(p -> p.getFileName().toString()).toList();
            assertThatThrownBy(() -> start(index).close()).hasMessageContaining("in use");
            assertThat(files(index).stream().map(p -> p.getFileName().toString()).toList()).isEqualTo(before);
            Reply r = first.commands().handle(Request.of("test", null, first.parser().parse("quote habits")));
            assertThat(r).isInstanceOf(Reply.QuoteReply.class);
            first.reload();
            assertThat(first.content().quotes("habits", 1)).isNotEmpty();
        }
        assertServesAndHeals(index, "after the second engine gave up", false);
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> fs = new ArrayList<>();
        try (Stream<Path> s = Files.list(from)) {
            s.forEach(fs::add);
        }
        for (Path f : fs) Files.copy(f, to.resolve(f.getFileName()));
    }
}
