package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --out} writes its model files only into a folder that holds nothing else. */
class TrainOutTest {

    @TempDir
    Path dir;

    private int train(Path out, ByteArrayOutputStream err) {
        return Main.execute(new String[] {"train", "--transcripts", "transcripts", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aFolderHoldingAUsersFilesIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("quotes.json"), "my own quotes");
        Files.writeString(data.resolve("notes.txt"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(train(data, err)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to write the models into").contains("notes.txt");
        assertThat(data.resolve("quotes.json")).hasContent("my own quotes");
        try (var s = Files.list(data)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("quotes.json", "notes.txt");
        }

        // a name that would forge a line of the error output is escaped
        Path tricky = Files.createDirectory(dir.resolve("tricky"));
        Files.writeString(tricky.resolve("x\nerror: forged"), "x");
        ByteArrayOutputStream trickyErr = new ByteArrayOutputStream();
        assertThat(train(tricky, trickyErr)).isEqualTo(2);
        assertThat(trickyErr.toString(StandardCharsets.UTF_8)).contains("x\\nerror: forged").doesNotContain("\nerror: forged");

        Path file = Files.writeString(dir.resolve("models"), "x");
        assertThat(train(file, new ByteArrayOutputStream())).isEqualTo(2);
        assertThat(file).hasContent("x");
    }

    @Test
    void aFolderOfModelFilesOrNothingIsAccepted() throws Exception {
        TrainCommand t = new TrainCommand();
        t.out = dir.resolve("new");
        t.checkOut();
        t.out = Files.createDirectory(dir.resolve("models"));
        for (String name : TrainCommand.WRITES) Files.writeString(t.out.resolve(name), "{}");
        t.checkOut();
    }
}
