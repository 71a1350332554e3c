package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.content.Moment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VttPairingTest {

    private static final String TXT = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Ada Lovelace: Engines | Test Show #7

            Date: 01/02/2020

            Duration: 0 hours, 10 minutes, 0 seconds

            Model: Whisper-large

            The engine weaves algebraic patterns. It is like a loom for numbers.

            I never thought it would
            """;

    private static final String VTT = """
            WEBVTT

            00:00.000 --> 00:04.000
             The engine weaves algebraic patterns.

            00:04.000 --> 00:07.500
             It is like a loom for numbers.

            9:30.000 --> 9:31.000
             I never thought it would
            """;

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aPairTakesMetadataFromTheTextAndExactTimesFromTheCues() throws Exception {
        write("ada.txt", TXT);
        write("ada.vtt", VTT);
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.episodes()).hasSize(1);
        Episode e = loaded.episodes().get(0);
        assertThat(e.title().guest()).isEqualTo("Ada Lovelace");
        assertThat(e.timesEstimated()).isFalse();
        assertThat(e.sentences()).extracting(Sentence::startSeconds).containsExactly(0, 4, 570);
        Moment m = new Moment(e, 2, 2);
        assertThat(m.clock()).isEqualTo("9:30");
        assertThat(m.link()).endsWith("&t=570s");
    }

    @Test
    void theChecksumCoversTheVttToo() throws Exception {
        write("ada.txt", TXT);
        write("ada.vtt", VTT);
        String before = new TranscriptLibrary().load(List.of(dir)).episodes().get(0).checksum();
        write("ada.vtt", VTT.replace("9:30.000", "9:20.000"));
        Episode after = new TranscriptLibrary().load(List.of(dir)).episodes().get(0);
        assertThat(after.checksum()).isNotEqualTo(before);
        assertThat(after.sentence(2).startSeconds()).isEqualTo(560);
    }

    @Test
    void aVttAloneIsAnEpisodeTitledFromItsName() throws Exception {
        write("episode-007-ada-lovelace.vtt", VTT);
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.problems()).isEmpty();
        Episode e = loaded.episodes().get(0);
        assertThat(e.id()).isEqualTo("episode-007-ada-lovelace");
        assertThat(e.title().full()).isEqualTo("Episode 007 Ada Lovelace");
        assertThat(e.timesEstimated()).isFalse();
        assertThat(e.sentences()).extracting(Sentence::text)
                .containsExactly("The engine weaves algebraic patterns.", "It is like a loom for numbers.", "I never thought it would");
        assertThat(e.sentence(1).startSeconds()).isEqualTo(4);
        assertThat(e.duration().toSeconds()).isEqualTo(571);
    }

    @Test
    void anUnreadableVttIsReportedAndTheTextKeepsEstimatedTimes() throws Exception {
        write("ada.txt", TXT);
        write("ada.vtt", VTT.replace("00:04.000 --> 00:07.500", "00:04.000 --> soon"));
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.episodes()).hasSize(1);
        assertThat(loaded.episodes().get(0).timesEstimated()).isTrue();
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file().getFileName().toString()).isEqualTo("ada.vtt");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.reason()).contains("times estimated from the .txt");
        });
        assertThat(new Moment(loaded.episodes().get(0), 0, 0).clock()).startsWith("≈");
    }

    @Test
    void wordsMissingFromTheCuesDoNotShiftLaterSentences() {
        WebVtt.Track track = new WebVtt.Track(List.of(
                new WebVtt.Cue(3, 0, 2, "One two three."),
                new WebVtt.Cue(6, 10, 12, "Four five six."),
                new WebVtt.Cue(9, 20, 22, "Seven eight.")), List.of());
        int[] starts = VttTimes.sentenceStarts(List.of("One two three.", "Four five extra six.", "Seven eight."), track);
        assertThat(starts).containsExactly(0, 10, 20);
    }
}
