package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WebVttTest {

    private static final Path FILE = Path.of("x.vtt");

    @Test
    void readsWhispersShortAndOneDigitHourTimes() throws Exception {
        WebVtt.Track t = WebVtt.parse(FILE, """
                WEBVTT

                00:03.640 --> 00:06.600
                 I've gotten the chance

                59:59.000 --> 1:00:01.500
                 to sit down

                1:28:51.160 --> 01:28:53.000 align:start
                 with <v Max>Max</v> &amp; friends.
                """);
        assertThat(t.cues()).hasSize(3);
        assertThat(t.cues().get(0).start()).isEqualTo(3.64, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.cues().get(1).end()).isEqualTo(3601.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.cues().get(2).start()).isEqualTo(5331.16, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.cues().get(2).text()).isEqualTo("with Max & friends.");
        assertThat(t.cues().get(2).line()).isEqualTo(9);
        assertThat(t.repairs()).isEmpty();
    }

    @Test
    void skipsCueIdsNotesAndHeaderLines() throws Exception {
        WebVtt.Track t = WebVtt.parse(FILE, "\uFEFFWEBVTT - a title\nKind: captions\n\nNOTE a comment\nspanning lines\n\n"
                + "intro\n00:00:01.000 --> 00:00:02.000\nHello there.\n");
        assertThat(t.cues()).extracting(WebVtt.Cue::text).containsExactly("Hello there.");
    }

    @Test
    void repairsReversedAndOutOfOrderCuesAndSaysWhere() throws Exception {
        WebVtt.Track t = WebVtt.parse(FILE, """
                WEBVTT

                00:10.000 --> 00:08.000
                reversed

                00:05.000 --> 00:12.000
                earlier than the one before
                """);
        assertThat(t.cues().get(0).end()).isEqualTo(10.0);
        assertThat(t.cues().get(1).start()).isEqualTo(10.0);
        assertThat(t.repairs()).extracting(TranscriptProblem::line).containsExactly(3, 6);
        assertThat(t.repairs().get(0).toString()).contains("x.vtt:3").contains("ends before it starts");
    }

    @Test
    void overlappingCuesAreCutNotReported() throws Exception {
        WebVtt.Track t = WebVtt.parse(FILE, "WEBVTT\n\n00:01.000 --> 00:05.000\na\n\n00:03.000 --> 00:06.000\nb\n");
        assertThat(t.cues().get(0).end()).isEqualTo(3.0);
        assertThat(t.repairs()).isEmpty();
    }

    @Test
    void anUnreadableTimeFailsWithItsLine() {
        assertThatThrownBy(() -> WebVtt.parse(FILE, "WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\n00:0x.000 --> 00:03.000\nbad\n"))
                .isInstanceOfSatisfying(WebVtt.Malformed.class, m -> {
                    assertThat(m.problem().line()).isEqualTo(6);
                    assertThat(m.problem().reason()).contains("unreadable cue time");
                });
        assertThatThrownBy(() -> WebVtt.parse(FILE, "00:01.000 --> 00:02.000\nno header\n"))
                .isInstanceOfSatisfying(WebVtt.Malformed.class, m -> assertThat(m.problem().line()).isEqualTo(1));
    }

    @Test
    void timesRejectImpossibleClockValues() {
        assertThat(WebVtt.seconds("00:61.000")).isNegative();
        assertThat(WebVtt.seconds("1:75:00.000")).isNegative();
        assertThat(WebVtt.seconds("00:03,5")).isEqualTo(3.5);
    }
}
