package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quotecast.content.Corpus;
import dev.quotecast.speakers.HostTurns;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turn decoder the jar ships ({@code speaker-turns.json}) is what {@code quotecast train}
 * counts from {@code eval/labels/speakers.tsv}: the speaker part of training alone, in seconds,
 * where {@link ShippedModelsTest} trains everything. Needs the transcripts the labels refer to.
 */
class SpeakerTurnsShippedTest {

    @Test
    void theShippedTurnCountsAreWhatTrainingCountsFromTheLabels() throws Exception {
        assumeTrue(Files.isDirectory(ShippedModelsTest.CORPUS), "../shared/corpus/lex is absent: the labels' transcripts are needed");
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(Path.of("transcripts"), ShippedModelsTest.CORPUS));
        List<LabelFiles.Labeled> rows = new LabelFiles(Path.of("eval")).speakers(new Corpus(loaded.episodes()));
        byte[] made = SpeakerTraining.turns(rows, "train").json();
        assertThat(new String(made, java.nio.charset.StandardCharsets.UTF_8))
                .as(HostTurns.FILE + " differs from what train counts now: run quotecast train (README: Quality) and commit its output")
                .isEqualTo(Files.readString(ShippedModelsTest.SHIPPED.resolve(HostTurns.FILE)));
        // and from the train split only: a dev or test label changes nothing
        List<LabelFiles.Labeled> flipped = rows.stream().map(r -> r.split().equals("train") ? r
                : new LabelFiles.Labeled(r.file(), r.line(), r.split(), r.label().equals("host") ? "guest" : "host", r.topic(), r.moment())).toList();
        assertThat(SpeakerTraining.turns(flipped, "train").json()).isEqualTo(made);
    }
}
