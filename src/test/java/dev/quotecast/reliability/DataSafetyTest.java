package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Engine;
import dev.quotecast.Main;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.ops.OpsTesting;
import dev.quotecast.search.IndexUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotecast never deletes what it did not write, and tells a damaged index (rebuilt) from a disk
 * that refuses (left alone, one clear error). Each case reproduces a finding of issue 18 that lost
 * user files or wiped a good index before.
 */
@Timeout(120)
class DataSafetyTest {

    static final Path SEED = Path.of("transcripts", "lex-fridman-073-andrew-ng.txt");

    @TempDir
    Path dir;

    static Engine start(Path transcripts, Path index) {
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(transcripts)).withIndexDir(index));
    }

    /** Every file under {@code root} with its bytes' hash: what must be unchanged after a refused start. */
    static Map<String, Integer> snapshot(Path root) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
        }
        return out;
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIndexDirThatIsTheTranscriptsFolderIsRefusedAndNoTranscriptIsTouched() throws Exception {
        // before: the first check deleted _intro.txt (Lucene takes _* files for its own); a rebuild after a torn .cfs wiped the folder
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.copy(SEED, tr.resolve("_intro.txt"));
        Files.copy(SEED, tr.resolve("episode.txt"));
        Path cfg = dir.resolve("bot.yml");
        Files.writeString(cfg, "transcripts: { dir: tr }\nindex: { dir: tr }\n");
        Map<String, Integer> before = snapshot(tr);
        Run r = cli("index", "--check", "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("index.dir").contains("transcripts.dir").doesNotContain("\tat ");
        assertThat(snapshot(tr)).isEqualTo(before);
        // the same through a command-line override of the folders
        Run override = cli("index", "--check", "--config", cfg.toString(), "--transcripts", tr.toString());
        assertThat(override.code()).isEqualTo(2);
        assertThat(snapshot(tr)).isEqualTo(before);
    }

    @Test
    void anIndexDirHoldingTheStateFolderIsRefused() throws Exception {
        // before: with index { dir: data } and state { dir: data/state }, a rebuild deleted daily-schedules.json
        Files.createDirectories(dir.resolve("data/state"));
        Files.writeString(dir.resolve("data/state/daily-schedules.json"), "{\"version\":1,\"schedules\":[]}");
        Path cfg = dir.resolve("bot.yml");
        Files.writeString(cfg, "transcripts: { dir: " + Path.of("transcripts").toAbsolutePath() + " }\nindex: { dir: data }\nstate: { dir: data/state }\n");
        assertThatThrownBy(() -> dev.quotecast.config.ConfigLoader.fromEnvironment().load(cfg))
                .isInstanceOf(ConfigException.class).hasMessageContaining("state.dir").hasMessageContaining("bot.yml:2");
        assertThat(dir.resolve("data/state/daily-schedules.json")).exists();
    }

    @Test
    void aFolderWithFilesQuotecastDidNotWriteIsNeverUsedAsAnIndex() throws Exception {
        Path notes = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(notes.resolve("_todo.txt"), "mine");
        Files.writeString(notes.resolve("plan.md"), "mine too");
        Map<String, Integer> before = snapshot(notes);
        assertThatThrownBy(() -> start(SEED.getParent(), notes)).isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("did not write").hasMessageContaining("_todo.txt");
        assertThat(snapshot(notes)).isEqualTo(before);
    }

    @Test
    void aRebuildDeletesOnlyLuceneFilesInAFolderMarkedAsQuotecasts() throws Exception {
        Path index = dir.resolve("index");
        try (Engine e = start(SEED.getParent(), index)) {
            assertThat(e.content().corpus().size()).isEqualTo(1);
        }
        assertThat(index.resolve(".quotecast-index")).exists();
        // someone puts files into the index folder; then the index is torn
        Files.writeString(index.resolve("README-mine.txt"), "keep me");
        Files.createDirectory(index.resolve("backup"));
        Files.writeString(index.resolve("backup/_0.cfs"), "keep me too");
        try (Stream<Path> s = Files.list(index)) {
            for (Path cfs : s.filter(p -> p.getFileName().toString().endsWith(".cfs")).toList()) {
                try (RandomAccessFile raf = new RandomAccessFile(cfs.toFile(), "rw")) {
                    raf.setLength(raf.length() / 2);
                }
            }
        }
        // a folder with foreign files and no marker would be refused; this one is marked, so it is rebuilt, sparing the rest
        try (Engine e = start(SEED.getParent(), index)) {
            assertThat(e.lastSync().added()).as("rebuilt from the transcripts").isEqualTo(1);
            Reply r = e.commands().handle(Request.of("test", null, e.parser().parse("quote habits")));
            assertThat(r).isInstanceOf(Reply.QuoteReply.class);
        }
        assertThat(index.resolve("README-mine.txt")).hasContent("keep me");
        assertThat(index.resolve("backup/_0.cfs")).hasContent("keep me too");
    }

    @Test
    void aReadOnlyIndexFolderIsReportedNotWiped() throws Exception {
        // before: "index … cannot be read; rebuilding it from the transcripts", and the wipe began
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("mnt"), 8192)) {
            Path index = fs.dir().resolve("index");
            try (Engine e = start(SEED.getParent(), index)) {
                assertThat(e.content().corpus().size()).isEqualTo(1);
            }
            Map<String, Integer> before = snapshot(fs.dir());
            fs.readOnly();
            Run r = cli("run", "--transcripts", SEED.getParent().toString(), "--config", writeConfig(index).toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: the index folder").contains("left as it is").doesNotContain("\tat ");
            assertThat(snapshot(fs.dir())).isEqualTo(before);
            fs.readWrite();
        }
    }

    @Test
    void aFullDiskAtStartIsReportedNotWiped() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("mnt"), 2048)) {
            Path index = fs.dir().resolve("index");
            try (Engine e = start(SEED.getParent(), index)) {
                assertThat(e.content().corpus().size()).isEqualTo(1);
            }
            // a second transcript must be indexed, and there is no room for it
            Path tr = Files.createDirectory(dir.resolve("tr"));
            Files.copy(SEED, tr.resolve("a.txt"));
            Files.copy(SEED, tr.resolve("b.txt"));
            fs.fill();
            Map<String, Integer> before = snapshot(index);
            assertThatThrownBy(() -> start(tr, index)).hasMessageContaining("no space left");
            assertThat(snapshot(index)).as("the index as it was").isEqualTo(before);
        }
    }

    @Test
    void aHotReloadThatFillsTheDiskRecoversOnceThereIsRoomAgain() throws Exception {
        // before: "this IndexWriter is closed" on every later reload, for good
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("mnt"), 2048)) {
            Path tr = Files.createDirectory(dir.resolve("tr"));
            Files.copy(SEED, tr.resolve("first.txt"));
            try (Engine e = start(tr, fs.dir().resolve("index"))) {
                Files.copy(SEED, tr.resolve("second.txt"));
                Path filler = fs.fill();
                assertThatThrownBy(e::reload).isNotNull();
                assertThat(e.content().corpus().size()).as("still serving what it had").isEqualTo(1);
                Files.delete(filler);
                e.reload();
                assertThat(e.content().corpus().size()).isEqualTo(2);
                Reply r = e.commands().handle(Request.of("test", null, e.parser().parse("episode second")));
                assertThat(r).isInstanceOf(Reply.EpisodeReply.class);
            }
        }
    }

    @Test
    void aFailingReloadShowsOnHealthAndIsRetriedWithoutAFileEvent() throws Exception {
        // before: /healthz stayed "ok" while new episodes were never served
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("mnt"), 2048)) {
            Path tr = Files.createDirectory(dir.resolve("tr"));
            Files.copy(SEED, tr.resolve("first.txt"));
            Engine e = start(tr, fs.dir().resolve("index"));
            dev.quotecast.ops.HttpEndpoint http = new dev.quotecast.ops.HttpEndpoint("127.0.0.1", 0);
            dev.quotecast.ops.BotRuntime bot = withHealth(e, http);
            try {
                assertThat(health(http.port()).statusCode()).isEqualTo(200);
                Path filler = fs.fill();
                Files.copy(SEED, tr.resolve("second.txt"));
                awaitTrue("/healthz to report the failing reload", () -> health(http.port()).body().contains("reload failing"));
                assertThat(health(http.port()).statusCode()).isEqualTo(503);
                Files.delete(filler); // no transcript changes from here on: the retry alone must bring it in
                awaitTrue("the second episode, served after a retry", () -> e.content().corpus().size() == 2);
                awaitTrue("/healthz ready again", () -> health(http.port()).statusCode() == 200);
            } finally {
                bot.stop();
            }
        }
    }

    @Test
    void aFileThatTurnsBadShowsOnHealthWhileItsLastGoodVersionIsServed() throws Exception {
        // before: /healthz stayed "ok" while the bot served an episode whose file on disk no longer read
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Path file = tr.resolve("first.txt");
        Files.copy(SEED, file);
        byte[] good = Files.readAllBytes(file);
        Engine e = start(tr, dir.resolve("index"));
        dev.quotecast.ops.HttpEndpoint http = new dev.quotecast.ops.HttpEndpoint("127.0.0.1", 0);
        dev.quotecast.ops.BotRuntime bot = withHealth(e, http);
        try {
            assertThat(health(http.port()).statusCode()).isEqualTo(200);
            Files.writeString(file, "this is not a transcript\n");
            awaitTrue("/healthz to name the file gone bad", () -> health(http.port()).body().contains("first.txt"));
            java.net.http.HttpResponse<String> stale = health(http.port());
            assertThat(stale.statusCode()).isEqualTo(503);
            assertThat(stale.body()).contains("still serving the last good version");
            assertThat(e.content().corpus().size()).as("the episode is still served").isEqualTo(1);
            assertThat(OpsTesting.get(http.port(), "/metrics").body()).contains("quotecast_transcripts_stale 1.0");

            Files.write(file, good); // fixed: what is served is the file again
            awaitTrue("/healthz ready again", () -> health(http.port()).statusCode() == 200);
            assertThat(e.servingLastGood()).isEmpty();
            assertThat(OpsTesting.get(http.port(), "/metrics").body()).contains("quotecast_transcripts_stale 0.0");
        } finally {
            bot.stop();
        }
    }

    @Test
    void aFolderMissingAtStartLeavesItsEpisodesAndVectorsInTheIndex() throws Exception {
        // before: started while a volume was not mounted, the bot dropped the folder's episodes from the
        // index and deleted their passage vectors, all embedded again once the folder was back
        Path tr = Files.createDirectory(dir.resolve("tr")), other = Files.createDirectory(dir.resolve("other"));
        Files.copy(SEED, tr.resolve("first.txt"));
        Files.writeString(other.resolve("second.txt"), Files.readString(SEED).replace("Andrew Ng", "Andrea Ng"));
        BotConfig config = BotConfig.defaults().withTranscripts(List.of(tr, other)).withIndexDir(dir.resolve("index"));
        Map<String, String> vectorsBefore;
        try (Engine first = Engine.start(config)) {
            first.awaitEmbeddings();
            vectorsBefore = first.vectors().storedChecksums();
        }
        assertThat(vectorsBefore).containsKeys("first", "second");

        Files.move(tr, dir.resolve("tr.unmounted"));
        Engine e = Engine.start(config);
        dev.quotecast.ops.HttpEndpoint http = new dev.quotecast.ops.HttpEndpoint("127.0.0.1", 0);
        dev.quotecast.ops.BotRuntime bot = withHealth(e, http);
        try {
            e.awaitEmbeddings();
            assertThat(e.content().corpus().episodes()).extracting(ep -> ep.id()).as("served: what could be read").containsExactly("second");
            assertThat(e.index().storedChecksums()).as("kept in the index").containsKeys("first", "second");
            assertThat(e.vectors().storedChecksums()).as("no vector deleted").isEqualTo(vectorsBefore);
            java.net.http.HttpResponse<String> h = health(http.port());
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(h.body()).contains("does not exist").contains("not served");

            Files.move(dir.resolve("tr.unmounted"), tr);
            TranscriptIndexSync back = TranscriptIndexSync.of(e.reload());
            assertThat(back).as("back: nothing to index or embed again").isEqualTo(new TranscriptIndexSync(0, 0, 0, 2));
            assertThat(e.content().corpus().size()).isEqualTo(2);
            awaitTrue("/healthz ready again", () -> health(http.port()).statusCode() == 200);
            e.awaitEmbeddings();
            assertThat(e.vectors().storedChecksums()).isEqualTo(vectorsBefore);
        } finally {
            bot.stop();
        }
    }

    /** A sync's counts, to compare in one assertion. */
    record TranscriptIndexSync(int added, int updated, int removed, int unchanged) {
        static TranscriptIndexSync of(dev.quotecast.search.TranscriptIndex.SyncReport r) {
            return new TranscriptIndexSync(r.added(), r.updated(), r.removed(), r.unchanged());
        }
    }

    /** The bot around {@code e} with no chat platform, {@code /healthz} on {@code http}, retrying failed reloads every 100 ms. */
    static dev.quotecast.ops.BotRuntime withHealth(Engine e, dev.quotecast.ops.HttpEndpoint http) {
        return dev.quotecast.ops.BotRuntime.start(e, http, List.of(), List.of(),
                new dev.quotecast.ops.BotRuntime.Options(java.time.Duration.ofMillis(100), dev.quotecast.ops.BotRuntime.SHUTDOWN_DEADLINE,
                        dev.quotecast.ops.BotRuntime.DRAIN));
    }

    static java.net.http.HttpResponse<String> health(int port) throws Exception {
        return OpsTesting.get(port, "/healthz");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitTrue(String what, Check check) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private Path writeConfig(Path index) throws IOException {
        Path cfg = dir.resolve("bot.yml");
        Files.writeString(cfg, "index: { dir: " + index + ", embeddings: false }\nhttp: { port: 0 }\n");
        return cfg;
    }
}
