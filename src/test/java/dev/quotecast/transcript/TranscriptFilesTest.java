package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Only regular files inside the transcript folders are read, up to a size; everything else is
 * listed as skipped with the reason. Before: a link to a secret file put its first line into the
 * log, a link to a device hung the start, and folders, dangling links and pipes vanished silently.
 */
@Timeout(30)
class TranscriptFilesTest {

    static final Path SEED = TranscriptParserTest.SEED;

    @TempDir
    Path dir;

    @Test
    void linksOutOfTheFolderPipesFoldersAndOversizedFilesAreSkippedWithTheReason() throws Exception {
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.copy(SEED, tr.resolve("good.txt"));
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$secrethash:19000:0:99999:7:::\n");
        Files.createSymbolicLink(tr.resolve("shadow.txt"), secret);
        Files.createSymbolicLink(tr.resolve("inside.txt"), tr.resolve("good.txt")); // a link within the folder is fine
        Files.createSymbolicLink(tr.resolve("dangling.txt"), dir.resolve("nothing-here"));
        Files.createSymbolicLink(tr.resolve("loop-a.txt"), tr.resolve("loop-b.txt"));
        Files.createSymbolicLink(tr.resolve("loop-b.txt"), tr.resolve("loop-a.txt"));
        Files.createDirectory(tr.resolve("folder.txt"));
        Process mkfifo = new ProcessBuilder("mkfifo", tr.resolve("pipe.txt").toString()).start();
        assertThat(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        Files.write(tr.resolve("huge.txt"), new byte[2 << 20]);

        TranscriptFiles files = new TranscriptFiles(1L << 20);
        TranscriptFiles.Listing listing = files.list(List.of(tr));
        assertThat(listing.files()).extracting(p -> p.getFileName().toString()).containsExactly("good.txt", "inside.txt");
        assertThat(listing.skipped()).extracting(p -> p.file().getFileName() + ": " + p.reason()).containsExactlyInAnyOrder(
                "dangling.txt: skipped: a symbolic link to nothing (dangling)",
                "folder.txt: skipped: a folder, not a transcript file",
                "huge.txt: skipped: 2 MB is over transcripts.maxFileMB (1 MB)",
                "loop-a.txt: skipped: a symbolic link that loops",
                "loop-b.txt: skipped: a symbolic link that loops",
                "pipe.txt: skipped: not a regular file (a named pipe, socket or device is never read)",
                "shadow.txt: skipped: a symbolic link to " + secret.toRealPath() + ", outside the transcripts folders");

        // the library loads the good file (twice: the link inside is its own episode id) and reports the rest, none of the secret
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary(ParseCache.none(), files).load(List.of(tr));
        assertThat(loaded.episodes()).extracting(Episode::id).containsExactly("good", "inside");
        assertThat(loaded.problems()).hasSize(7);
        assertThat(loaded.problems().toString()).doesNotContain("secrethash").doesNotContain("root:");
    }

    @Test
    void aFileNameWithControlCharactersCannotForgeALogLine() throws Exception {
        Path tr = Files.createDirectory(dir.resolve("tr"));
        String name = "evil\n2026-01-01T00:00:00.000Z ERROR [main] d.q.Admin - FORGED\u001b[31m.txt";
        Files.writeString(tr.resolve(name), "not a transcript\n");
        Logger logger = (Logger) LoggerFactory.getLogger("test-forged-names");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(tr));
            assertThat(loaded.problems()).hasSize(1);
            logger.warn("skipped transcript {}", loaded.problems().get(0));
            String line = appender.list.get(0).getFormattedMessage();
            assertThat(line).doesNotContain("\n").doesNotContain("\u001b").contains("evil\\n2026-01-01").contains("\\u001b[31m");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aParseErrorQuotesAtMostAShortEscapedExcerpt() throws Exception {
        Path tr = Files.createDirectory(dir.resolve("tr"));
        Files.writeString(tr.resolve("x.txt"), "root:$6$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::\n");
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(tr));
        String problem = loaded.problems().get(0).toString();
        assertThat(problem).contains("expected the title line").doesNotContain("0123456789");
    }
}
