package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WebVttTest {

    private static final Path FILE = Path.of("x.vtt");

    /** Reading cue times digit by digit ({@link CueTime}) gives what the regex gave, to WebVTT and to SubRip, on every shape near the valid ones. */
    @Test
    void cueTimesReadAsTheRegexReadThem() {
        RandomText random = new RandomText(3, "0123456789::.., \t-x\u0663");
        java.util.List<String> tokens = new java.util.ArrayList<>(java.util.List.of("", "00:03.640", "1:28:51.160", "01:28:53,000",
                "123:59:59.999", "1234:00:00.000", "59:60.000", "1:60:00.000", "60:00.000", "0:00.0", "00:00.0000", "00:00.",
                "00:00", ":00.000", "00:0.000", "000:00.000", " 00:01.000 ", "00:01.000\n", "1:2:03.4", "\u0661\u0662:00.000"));
        for (int k = 0; k < 20_000; k++) tokens.add(random.next(14));
        for (String t : tokens) {
            assertThat(WebVtt.seconds(t)).as("'%s'", t).isEqualTo(regexSeconds(t));
            assertThat(SubRip.millis(t)).as("SubRip '%s'", t).isEqualTo(regexMillis(t));
        }
    }

    /** The groups of a cue time as the regex both formats read it with, or null when it is not one (the same rules). */
    private static java.util.regex.Matcher regexTime(String token) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})[.,](\\d{1,3})$").matcher(token.strip());
        if (!m.matches()) return null;
        int min = Integer.parseInt(m.group(2)), s = Integer.parseInt(m.group(3));
        return s >= 60 || (m.group(1) != null && min >= 60) ? null : m;
    }

    /** {@link SubRip#millis} as it was written with the regex. */
    private static long regexMillis(String token) {
        java.util.regex.Matcher m = regexTime(token);
        if (m == null) return -1;
        long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        String frac = m.group(4);
        return ((h * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000
                + Long.parseLong(frac) * (frac.length() == 1 ? 100 : frac.length() == 2 ? 10 : 1);
    }

    /** {@link WebVtt#seconds} as it was written with the regex. */
    private static double regexSeconds(String token) {
        java.util.regex.Matcher m = regexTime(token);
        if (m == null) return -1;
        int h = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        String frac = m.group(4);
        return h * 3600.0 + Integer.parseInt(m.group(2)) * 60.0 + Integer.parseInt(m.group(3)) + Integer.parseInt(frac) / Math.pow(10, frac.length());
    }

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
