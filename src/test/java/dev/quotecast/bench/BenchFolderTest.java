package dev.quotecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bench deletes what is in its work folder, so it works only in a folder it made. */
class BenchFolderTest {

    @TempDir
    Path dir;

    @Test
    void aNewOrEmptyFolderBecomesBenchs() throws Exception {
        Path fresh = dir.resolve("new/work");
        BenchFolder.claim(fresh);
        assertThat(fresh.resolve(BenchFolder.MARKER)).isRegularFile();

        Path empty = Files.createDirectory(dir.resolve("empty"));
        BenchFolder.claim(empty);
        assertThat(empty.resolve(BenchFolder.MARKER)).isRegularFile();
    }

    @Test
    void aFolderHoldingOnlyWhatBenchWritesIsBenchsAndKeepsItsFiles() throws Exception {
        Path old = Files.createDirectory(dir.resolve("quotecast-bench"));
        Files.createDirectories(old.resolve("index-quotecast-101.vectors"));
        Files.createDirectories(old.resolve("generated-1000"));
        Files.writeString(old.resolve("inputs-101.txt"), "x");
        Files.writeString(old.resolve("children.log"), "x");
        BenchFolder.claim(old);
        assertThat(old.resolve(BenchFolder.MARKER)).isRegularFile();
        assertThat(old.resolve("inputs-101.txt")).hasContent("x");
        assertThat(old.resolve("generated-1000")).isDirectory();
    }

    @Test
    void aFolderWithAnythingElseIsRefusedAndLeftAsItWas() throws Exception {
        Path mine = Files.createDirectory(dir.resolve("projects"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Files.createDirectories(mine.resolve("index-plain-1"));
        Files.writeString(mine.resolve("index-plain-1/thesis.tex"), "keep me too");
        assertThatThrownBy(() -> BenchFolder.claim(mine)).isInstanceOf(BenchFolder.NotBenchs.class).hasMessageContaining("notes.txt");
        assertThat(mine.resolve(BenchFolder.MARKER)).doesNotExist();

        // the command itself, as a user would run it: refused before anything is written or wiped
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"bench", "--work", mine.toString(), "--sizes", "1", "--queries", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to work in").contains("--work");
        assertThat(mine.resolve("notes.txt")).hasContent("keep me");
        assertThat(mine.resolve("index-plain-1/thesis.tex")).hasContent("keep me too");
        try (var s = Files.list(mine)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", "index-plain-1");
        }
    }

    @Test
    void aFileNameThatWouldForgeALogLineIsEscapedInTheRefusal() throws Exception {
        Path mine = Files.createDirectory(dir.resolve("tricky"));
        Files.writeString(mine.resolve("a\nerror: forged"), "x");
        assertThatThrownBy(() -> BenchFolder.claim(mine)).isInstanceOf(BenchFolder.NotBenchs.class)
                .hasMessageContaining("a\\nerror: forged").hasMessageNotContaining("\n");
    }

    @Test
    void aFolderBenchMarkedIsBenchsWhateverItHolds() throws Exception {
        Path marked = Files.createDirectory(dir.resolve("marked"));
        Files.writeString(marked.resolve(BenchFolder.MARKER), "");
        Files.writeString(marked.resolve("anything.txt"), "x");
        assertThat(BenchFolder.claim(marked)).isEqualTo(marked);
    }

    @Test
    void aFileIsNoWorkFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> BenchFolder.claim(file)).isInstanceOf(BenchFolder.NotBenchs.class);
        assertThat(file).hasContent("x");
    }
}
