package dev.quotecast.ops;

import static dev.quotecast.ops.OpsTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcripts folder replaced as deploy scripts do it, while the bot runs. Before: after
 * {@code rm -rf tr; cp -r new tr} the bot served 0 episodes for good (it watched the deleted
 * folder); after {@code mv tr tr.old; mv tr.new tr} hot reload silently stopped.
 */
@Timeout(60)
class FolderReplacementTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    Engine engine;
    BotRuntime bot;

    void start(Path folder) {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(folder)).withIndexDir(tmp.resolve("index")));
        bot = BotRuntime.start(engine, null, List.of(), List.of(),
                new BotRuntime.Options(Duration.ofMillis(100), BotRuntime.SHUTDOWN_DEADLINE, BotRuntime.DRAIN));
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.stop();
    }

    static Path folderWith(Path dir, String... names) throws Exception {
        Files.createDirectories(dir);
        for (String n : names) Files.copy(OpsTesting.SEED, dir.resolve(n + ".txt"));
        return dir;
    }

    static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    int episodes() {
        return engine.content().corpus().size();
    }

    @Test
    void removedAndCopiedBackTheFolderIsServedAndStillWatched() throws Exception {
        Path tr = folderWith(tmp.resolve("tr"), "one");
        start(tr);
        assertThat(episodes()).isEqualTo(1);
        deleteTree(tr);
        // gone is not empty: served as it was, and reported until the folder is back
        await("the missing folder to be noticed", WAIT, () -> engine.servingLastGood().stream().anyMatch(p -> p.reason().contains("does not exist")));
        assertThat(episodes()).isEqualTo(1);
        folderWith(tr, "one", "two", "three");
        await("the new folder's three episodes", WAIT, () -> episodes() == 3);
        // and it is watched: a file added later is served
        Files.copy(OpsTesting.SEED, tr.resolve("four.txt"));
        await("a file added to the new folder", WAIT, () -> episodes() == 4);
        assertThat(engine.servingLastGood()).isEmpty();
    }

    @Test
    void swappedByRenameTheNewFolderIsServedAndWatched() throws Exception {
        Path tr = folderWith(tmp.resolve("tr"), "one");
        start(tr);
        Path next = folderWith(tmp.resolve("tr.new"), "one", "two");
        Files.move(tr, tmp.resolve("tr.old"));
        Files.move(next, tr);
        await("the swapped-in folder", WAIT, () -> episodes() == 2);
        Files.copy(OpsTesting.SEED, tr.resolve("three.txt"));
        await("a file added after the swap", WAIT, () -> episodes() == 3);
        // the old folder, now elsewhere, is no longer what is served
        Files.copy(OpsTesting.SEED, tmp.resolve("tr.old").resolve("elsewhere.txt"));
        Thread.sleep(1500);
        assertThat(episodes()).isEqualTo(3);
    }
}
