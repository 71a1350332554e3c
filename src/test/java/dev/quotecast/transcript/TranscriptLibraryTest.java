package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void badFilesAreReportedAndTheOthersLoad() throws Exception {
        Files.copy(TranscriptParserTest.SEED, dir.resolve("good.txt"));
        Files.writeString(dir.resolve("no-title.txt"), "Just text.\n");
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.writeString(dir.resolve("notes.md"), "# not a transcript");
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.episodes()).extracting(Episode::id).containsExactly("good");
        assertThat(loaded.problems()).extracting(p -> p.file().getFileName().toString())
                .containsExactlyInAnyOrder("no-title.txt", "empty.txt");
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.toString()).contains(p.file().toString()));
    }

    @Test
    void duplicateIdsAcrossFoldersAreReported() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Files.copy(TranscriptParserTest.SEED, a.resolve("same.txt"));
        Files.copy(TranscriptParserTest.SEED, b.resolve("same.txt"));
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(a, b));
        assertThat(loaded.episodes()).hasSize(1);
        assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("duplicate episode id 'same'"));
    }

    @Test
    void aMissingFolderIsAProblemNotACrash() {
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir.resolve("nope")));
        assertThat(loaded.episodes()).isEmpty();
        assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("does not exist"));
    }
}
