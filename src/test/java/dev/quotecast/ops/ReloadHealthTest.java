package dev.quotecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.TranscriptProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@code /healthz} says about files whose episodes are served as they were before they went bad. */
class ReloadHealthTest {

    static TranscriptProblem bad(String name) {
        return new TranscriptProblem(Path.of("tr", name), 1, "not a transcript (still serving the last good version)");
    }

    @Test
    void namesEachFileUpToThreeThenCountsTheRest() {
        assertThat(ReloadHealth.servedAsBefore(List.of())).isEmpty();
        assertThat(ReloadHealth.servedAsBefore(List.of(bad("a.txt"))))
                .containsExactly("transcripts: tr/a.txt:1: not a transcript (still serving the last good version)");
        List<TranscriptProblem> five = IntStream.range(0, 5).mapToObj(i -> bad("e" + i + ".txt")).toList();
        List<String> lines = ReloadHealth.servedAsBefore(five);
        assertThat(lines).hasSize(ReloadHealth.NAMED_FILES + 1);
        assertThat(lines.get(2)).contains("e2.txt");
        assertThat(lines.get(3)).isEqualTo("transcripts: 2 more files served as they were before they went bad (see the log)");
    }

    @Test
    void aFileNameCannotForgeALine() {
        assertThat(ReloadHealth.servedAsBefore(List.of(bad("x\n{\"status\":\"ok\"}.txt")))).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("\n"));
    }
}
