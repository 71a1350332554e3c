package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quotecast.content.Corpus;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every labeled row of {@code eval/labels/} names a known episode of a known split, a known label,
 * and text that is really there at the sentence it names (so a change in how the parser numbers
 * sentences shows here, not as silently wrong training data). Needs {@code ../shared/corpus/lex}.
 */
class LabelFilesTest {

    static final Path CORPUS = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus", "lex");
    static Corpus corpus;

    @BeforeAll
    static void load() {
        if (Files.isDirectory(CORPUS)) corpus = new Corpus(new TranscriptLibrary().load(List.of(Path.of("transcripts"), CORPUS)).episodes());
    }

    static LabelFiles files() {
        assumeTrue(corpus != null, "../shared/corpus/lex is absent: the labels' transcripts are needed");
        return new LabelFiles(Path.of("eval"));
    }

    @Test
    void adviceRowsAreWhereTheySayAndLabelled() {
        List<LabelFiles.Labeled> rows = files().advice(corpus);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(1500);
        assertThat(rows).extracting(LabelFiles.Labeled::label).containsOnly("advice", "not");
        assertThat(rows).extracting(LabelFiles.Labeled::split).containsOnly("train", "dev", "test");
    }

    @Test
    void quoteRowsAreWhereTheySayAndCoverEnoughTopics() {
        List<LabelFiles.Labeled> rows = files().quotes(corpus);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(1500);
        assertThat(rows).extracting(LabelFiles.Labeled::label).containsOnly("post", "skip");
        assertThat(rows.stream().map(LabelFiles.Labeled::topic).distinct().count()).isGreaterThanOrEqualTo(150);
        // the everyday topics people judge are kept out of the labels, so that judging them tests unseen topics
        Set<String> everyday = Set.copyOf(dev.quotecast.eval.ContentReport.EVERYDAY);
        assertThat(rows).noneMatch(r -> everyday.contains(r.topic()));
    }

    @Test
    void speakerRowsAreWhereTheySay() {
        List<LabelFiles.Labeled> rows = files().speakers(corpus);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(800);
        assertThat(rows).extracting(LabelFiles.Labeled::label).containsOnly("host", "guest");
        assertThat(rows.stream().map(LabelFiles.Labeled::file).distinct().count()).isGreaterThanOrEqualTo(11);
    }

    @Test
    void theSecondRoundOfSpeakerRowsIsWhereItSaysAndInEpisodesTheModelsNeverSaw() {
        List<LabelFiles.Labeled> rows = files().speakersScoredOnly(corpus);
        assertThat(rows).hasSize(840);
        assertThat(rows).extracting(LabelFiles.Labeled::label).containsOnly("host", "guest");
        Set<String> fitted = new java.util.HashSet<>();
        for (LabelFiles.Labeled r : files().speakers(corpus)) fitted.add(r.file());
        assertThat(rows).noneMatch(r -> fitted.contains(r.file()));
        assertThat(rows.stream().filter(r -> r.split().equals("dev")).map(LabelFiles.Labeled::file).distinct().count()).isEqualTo(3);
        assertThat(rows.stream().filter(r -> r.split().equals("test")).map(LabelFiles.Labeled::file).distinct().count()).isEqualTo(3);
    }
}
