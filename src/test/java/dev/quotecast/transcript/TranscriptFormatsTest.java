package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format Quotecast reads, round-tripped: the test writes one small conversation in each
 * format the way Whisper, WhisperX, YouTube or a transcription service writes it, reads it back
 * through {@link TranscriptLibrary} as the bot does, and checks that the words, the times (to the
 * millisecond for the segments, to the second for the sentences, which is what a sentence keeps)
 * and the speakers come back exactly.
 */
class TranscriptFormatsTest {

    @TempDir
    Path dir;

    /** One line of the conversation: who says it, when, and what. Each line is one sentence. */
    record Line(String speaker, long start, long end, String text) {}

    /** A short interview: two speakers, a turn change in both directions, a time past the hour. */
    static final List<Line> SCRIPT = List.of(
            new Line("SPEAKER_00", 0, 3_250, "Welcome to the show, it is good to have you here today."),
            new Line("SPEAKER_01", 3_500, 7_125, "Thank you for having me, I have wanted to do this for years."),
            new Line("SPEAKER_01", 7_400, 11_900, "The hardest part of any project is the first honest draft."),
            new Line("SPEAKER_00", 12_050, 14_300, "Why is the first draft so hard for most people?"),
            new Line("SPEAKER_01", 14_600, 19_999, "Because you have to accept that it will be bad before it gets good."),
            new Line("SPEAKER_01", 3_725_500, 3_731_040, "Most people quit right before the work starts to pay off."));

    static final Map<String, String> NAMES = Map.of("SPEAKER_00", "Lex Fridman", "SPEAKER_01", "Ada Palmer");

    // ---- writers: the shapes the tools write ----

    static String srt(List<Line> lines, boolean numbered, boolean speakers) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (Line l : lines) {
            if (numbered) sb.append(n++).append('\n');
            sb.append(clock(l.start(), ',')).append(" --> ").append(clock(l.end(), ',')).append('\n');
            sb.append(speakers ? "[" + l.speaker() + "]: " : "").append(l.text()).append("\n\n");
        }
        return sb.toString();
    }

    static String vtt(List<Line> lines, Map<String, String> names) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        for (Line l : lines) {
            sb.append(clock(l.start(), '.')).append(" --> ").append(clock(l.end(), '.')).append('\n');
            sb.append("<v ").append(names.get(l.speaker())).append('>').append(l.text()).append("</v>\n\n");
        }
        return sb.toString();
    }

    /** Whisper's JSON; with {@code whisperx}, a speaker per segment and per word, and word times. */
    static String json(List<Line> lines, boolean whisperx) {
        StringBuilder sb = new StringBuilder("{\"text\": \"ignored\", \"segments\": [\n");
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            sb.append("  {\"id\": ").append(k).append(", \"start\": ").append(l.start() / 1000.0).append(", \"end\": ").append(l.end() / 1000.0)
                    .append(", \"text\": \" ").append(l.text()).append('"');
            if (whisperx) {
                sb.append(", \"speaker\": \"").append(l.speaker()).append("\", \"words\": [");
                String[] ws = l.text().split(" ");
                long step = (l.end() - l.start()) / ws.length;
                for (int w = 0; w < ws.length; w++) {
                    long s = l.start() + w * step;
                    sb.append(w == 0 ? "" : ", ").append("{\"word\": \"").append(ws[w]).append("\", \"start\": ").append(s / 1000.0)
                            .append(", \"end\": ").append((s + step) / 1000.0).append(", \"score\": 0.9, \"speaker\": \"").append(l.speaker())
                            .append("\"}");
                }
                sb.append(']');
            }
            sb.append(k + 1 < lines.size() ? "},\n" : "}\n");
        }
        return sb.append("], \"language\": \"en\"}\n").toString();
    }

    static String tsv(List<Line> lines) {
        StringBuilder sb = new StringBuilder("start\tend\ttext\n");
        for (Line l : lines) sb.append(l.start()).append('\t').append(l.end()).append('\t').append(l.text()).append('\n');
        return sb.toString();
    }

    /** A transcription service's text: the speaker before each turn, a blank line between turns. */
    static String prefixed(List<Line> lines, Map<String, String> names) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (Line l : lines) {
            String who = names.getOrDefault(l.speaker(), l.speaker());
            if (!who.equals(last)) sb.append(last == null ? "" : "\n\n").append(who).append(": ");
            else sb.append(' ');
            sb.append(l.text());
            last = who;
        }
        return sb.append('\n').toString();
    }

    static String clock(long ms, char sep) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, sep, ms % 1000);
    }

    // ---- reading back ----

    private Episode only(TranscriptLibrary.Loaded loaded) {
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.episodes()).hasSize(1);
        return loaded.episodes().get(0);
    }

    private Episode load(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
        return only(new TranscriptLibrary().load(List.of(dir)));
    }

    /** Words, sentence start seconds and speakers read back exactly. */
    private static void assertRoundTrip(Episode e, List<Line> script, Map<String, String> names, boolean timed) {
        assertThat(e.sentences()).extracting(Sentence::text).containsExactlyElementsOf(script.stream().map(Line::text).toList());
        if (timed) {
            assertThat(e.timesEstimated()).isFalse();
            assertThat(e.sentences()).extracting(Sentence::startSeconds)
                    .containsExactlyElementsOf(script.stream().map(l -> (int) (l.start() / 1000)).toList());
        }
        List<String> speakers = new ArrayList<>();
        for (Line l : script) speakers.add(names == null ? null : names.getOrDefault(l.speaker(), l.speaker()));
        assertThat(e.sentences()).extracting(Sentence::speaker).containsExactlyElementsOf(speakers);
    }

    private static void assertSegments(List<Segment> read, List<Line> script, boolean speakers) {
        assertThat(read).hasSize(script.size());
        for (int k = 0; k < script.size(); k++) {
            Line l = script.get(k);
            Segment s = read.get(k);
            assertThat(s.startMillis()).as("start of %s", l.text()).isEqualTo(l.start());
            assertThat(s.endMillis()).as("end of %s", l.text()).isEqualTo(l.end());
            assertThat(s.text()).isEqualTo(l.text());
            assertThat(s.speaker()).isEqualTo(speakers ? l.speaker() : null);
        }
    }

    @Test
    void subRipWithSequenceNumbers() throws Exception {
        String text = srt(SCRIPT, true, false);
        assertSegments(SubRip.segments(dir.resolve("x.srt"), text), SCRIPT, false);
        Episode e = load("ep.srt", text);
        assertRoundTrip(e, SCRIPT, null, true);
        assertThat(e.format()).isEqualTo(".srt");
        assertThat(e.title().full()).isEqualTo("Ep");
        assertThat(e.warnings()).singleElement().asString().contains("from the file name");
    }

    @Test
    void subRipWithoutSequenceNumbersAndWithWhisperXSpeakers() throws Exception {
        String text = srt(SCRIPT, false, true);
        assertSegments(SubRip.segments(dir.resolve("x.srt"), text), SCRIPT, true);
        Files.writeString(dir.resolve("ep.meta.yml"), "title: 'Ada Palmer: Drafts'\nspeakers: { SPEAKER_00: Lex Fridman, SPEAKER_01: Ada Palmer }\n"
                + "host: Lex Fridman\n");
        Episode e = load("ep.srt", text);
        assertRoundTrip(e, SCRIPT, NAMES, true);
        assertThat(e.host()).isEqualTo("Lex Fridman");
        assertThat(e.hostLabeled()).isTrue();
        assertThat(e.sentence(0).speaker()).isEqualTo(e.host());
        assertThat(e.sentence(1).speaker()).isNotEqualTo(e.host());
        assertThat(e.title().guest()).isEqualTo("Ada Palmer");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void youTubeRollingCaptionsAreReadOnce() throws Exception {
        String text = """
                1
                00:00:00,000 --> 00:00:02,000
                welcome to the show it is

                2
                00:00:02,000 --> 00:00:04,500
                welcome to the show it is
                good to have you here today.

                3
                00:00:04,500 --> 00:00:06,000
                good to have you here today.
                Thank you for having me.
                """;
        List<Segment> read = SubRip.segments(dir.resolve("x.srt"), text);
        assertThat(read).extracting(Segment::text).containsExactly("welcome to the show it is", "good to have you here today.",
                "Thank you for having me.");
        assertThat(read).extracting(Segment::startMillis).containsExactly(0L, 2_000L, 4_500L);
    }

    @Test
    void webVttVoiceTags() throws Exception {
        String text = vtt(SCRIPT, NAMES);
        Episode e = load("ep.vtt", text);
        assertRoundTrip(e, SCRIPT, NAMES, true);
        assertThat(e.format()).isEqualTo(".vtt");
        List<WebVtt.Cue> cues = WebVtt.parse(dir.resolve("x.vtt"), text).cues();
        assertThat(cues).extracting(WebVtt.Cue::speaker).containsExactlyElementsOf(SCRIPT.stream().map(l -> NAMES.get(l.speaker())).toList());
        assertThat(cues).extracting(c -> Math.round(c.start() * 1000)).containsExactlyElementsOf(SCRIPT.stream().map(Line::start).toList());
    }

    @Test
    void aVttCueWithTwoVoicesIsSplitBetweenThem() throws Exception {
        String text = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Lex Fridman>Are you ready?</v><v Ada Palmer>I am ready now.</v>\n";
        List<WebVtt.Cue> cues = WebVtt.parse(dir.resolve("x.vtt"), text).cues();
        assertThat(cues).extracting(WebVtt.Cue::speaker).containsExactly("Lex Fridman", "Ada Palmer");
        assertThat(cues).extracting(WebVtt.Cue::text).containsExactly("Are you ready?", "I am ready now.");
        assertThat(cues.get(0).start()).isEqualTo(1.0);
        assertThat(cues.get(1).end()).isEqualTo(5.0);
    }

    @Test
    void whisperJson() throws Exception {
        String text = json(SCRIPT, false);
        assertSegments(new WhisperJson().segments(dir.resolve("x.json"), text.getBytes(StandardCharsets.UTF_8)).segments(), SCRIPT, false);
        Episode e = load("ep.json", text);
        assertRoundTrip(e, SCRIPT, null, true);
        assertThat(e.format()).isEqualTo("Whisper .json");
    }

    @Test
    void whisperXJsonNamesItsSpeakersThroughTheSidecarAndTheHostThroughShowYml() throws Exception {
        String text = json(SCRIPT, true);
        WhisperJson.Read read = new WhisperJson().segments(dir.resolve("x.json"), text.getBytes(StandardCharsets.UTF_8));
        assertThat(read.speakers()).isTrue();
        assertThat(read.segments()).extracting(Segment::speaker).containsExactlyElementsOf(SCRIPT.stream().map(Line::speaker).toList());
        assertThat(read.segments()).extracting(Segment::text).containsExactlyElementsOf(SCRIPT.stream().map(Line::text).toList());
        Files.writeString(dir.resolve("show.yml"), "show: Lex Fridman Podcast\nhost: Lex Fridman\n");
        Files.writeString(dir.resolve("ep.meta.yml"), """
                title: "Ada Palmer: History, drafts and the future"
                date: 2024-03-05
                url: https://www.youtube.com/watch?v=abcdefghijk
                number: 412
                speakers:
                  SPEAKER_00: Lex Fridman
                  SPEAKER_01: Ada Palmer
                """);
        Episode e = load("ep.json", text);
        assertRoundTrip(e, SCRIPT, NAMES, true);
        assertThat(e.format()).isEqualTo("WhisperX .json");
        assertThat(e.title().full()).isEqualTo("Ada Palmer: History, drafts and the future");
        assertThat(e.title().guest()).isEqualTo("Ada Palmer");
        assertThat(e.title().show()).isEqualTo("Lex Fridman Podcast");
        assertThat(e.number()).contains(412);
        assertThat(e.date()).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(e.url()).isEqualTo("https://www.youtube.com/watch?v=abcdefghijk");
        assertThat(e.host()).isEqualTo("Lex Fridman");
        assertThat(e.hostLabeled()).isTrue();
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void whisperXWordSpeakersCutASegmentWhereTheTurnChanges() throws Exception {
        String text = """
                {"segments": [{"start": 1.0, "end": 5.0, "text": " Why now? Because it is time.", "speaker": "SPEAKER_00", "words": [
                  {"word": "Why", "start": 1.0, "end": 1.3, "speaker": "SPEAKER_00"},
                  {"word": "now?", "start": 1.3, "end": 1.9, "speaker": "SPEAKER_00"},
                  {"word": "Because", "start": 2.5, "end": 3.0, "speaker": "SPEAKER_01"},
                  {"word": "it", "start": 3.0, "end": 3.2},
                  {"word": "is", "start": 3.2, "end": 3.5, "speaker": "SPEAKER_01"},
                  {"word": "time.", "start": 3.5, "end": 5.0, "speaker": "SPEAKER_01"}]}]}
                """;
        List<Segment> segments = new WhisperJson().segments(dir.resolve("x.json"), text.getBytes(StandardCharsets.UTF_8)).segments();
        assertThat(segments).extracting(Segment::text).containsExactly("Why now?", "Because it is time.");
        assertThat(segments).extracting(Segment::speaker).containsExactly("SPEAKER_00", "SPEAKER_01");
        assertThat(segments).extracting(Segment::startMillis).containsExactly(1_000L, 2_500L);
        Episode e = load("ep.json", text);
        assertThat(e.sentences()).extracting(Sentence::speaker).containsExactly("SPEAKER_00", "SPEAKER_01");
        assertThat(e.sentences()).extracting(Sentence::startSeconds).containsExactly(1, 2);
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("SPEAKER_00, SPEAKER_01 are not named"));
    }

    @Test
    void whisperTsvInMilliseconds() throws Exception {
        String text = tsv(SCRIPT);
        assertSegments(WhisperTsv.segments(dir.resolve("x.tsv"), text), SCRIPT, false);
        Episode e = load("ep.tsv", text);
        assertRoundTrip(e, SCRIPT, null, true);
        assertThat(e.format()).isEqualTo("Whisper .tsv");
    }

    @Test
    void tsvWithASpeakerColumn() throws Exception {
        StringBuilder sb = new StringBuilder("start\tend\tspeaker\ttext\n");
        for (Line l : SCRIPT) sb.append(l.start()).append('\t').append(l.end()).append('\t').append(l.speaker()).append('\t').append(l.text()).append('\n');
        assertSegments(WhisperTsv.segments(dir.resolve("x.tsv"), sb.toString()), SCRIPT, true);
    }

    @Test
    void plainTextWithNamesBeforeTurnsIsTitledFromItsFileNameWithAWarning() throws Exception {
        Episode e = load("ada-palmer-on-drafts.txt", prefixed(SCRIPT, NAMES));
        assertRoundTrip(e, SCRIPT, NAMES, false);
        assertThat(e.timesEstimated()).isTrue();
        assertThat(e.format()).isEqualTo("plain .txt");
        assertThat(e.title().full()).isEqualTo("Ada Palmer On Drafts");
        assertThat(e.warnings()).singleElement().asString().contains("from the file name").contains("ada-palmer-on-drafts.meta.yml");
    }

    @Test
    void plainTextWithSpeakerLabelsNamedBySidecarAndHostFromShowYml() throws Exception {
        Files.writeString(dir.resolve("show.yml"), "host: Lex Fridman\nspeakers: { SPEAKER_00: Lex Fridman }\n");
        Files.writeString(dir.resolve("ep.meta.yml"), "title: Drafts\nguest: Ada Palmer\nspeakers: { SPEAKER_01: Ada Palmer }\n");
        Episode e = load("ep.txt", prefixed(SCRIPT, Map.of()));
        assertRoundTrip(e, SCRIPT, NAMES, false);
        assertThat(e.title().full()).isEqualTo("Drafts");
        assertThat(e.title().guest()).isEqualTo("Ada Palmer");
        assertThat(e.host()).isEqualTo("Lex Fridman");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void wordsBeforeAColonOnceEachAreNotSpeakers() throws Exception {
        Episode e = load("ep.txt", """
                Look: the first draft is always bad, and that is fine for everyone who writes.
                Remember: nobody reads the first draft except you, so write it quickly.
                The second draft is where the real work begins, line by line and page by page.
                """);
        assertThat(e.sentences()).extracting(Sentence::speaker).containsOnlyNulls();
        assertThat(e.sentences().get(0).text()).startsWith("Look: the first draft");
        // a name that comes back, or a diarization label, is a speaker even in two lines
        assertThat(SpeakerPrefix.named(List.of("Lex Fridman: Hi there.", "Ada Palmer: Hello.", "Lex Fridman: So."))).isTrue();
        assertThat(SpeakerPrefix.named(List.of("SPEAKER_00: Hi there.", "SPEAKER_01: Hello."))).isTrue();
        assertThat(SpeakerPrefix.named(List.of("Look: this.", "Remember: that."))).isFalse();
    }

    @Test
    void plainTextWithoutSpeakersHasNone() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Line l : SCRIPT) sb.append(l.text()).append('\n');
        Episode e = load("ep.txt", sb.toString());
        assertRoundTrip(e, SCRIPT, null, false);
        assertThat(e.host()).isNull();
        assertThat(e.hostLabeled()).isFalse();
    }

    @Test
    void seedTextTakesItsTimesFromAWhisperJsonBesideIt() throws Exception {
        StringBuilder seed = new StringBuilder("# Ada Palmer: Drafts | Test Show #7\n\nDate: 2024-03-05\n\n");
        for (Line l : SCRIPT) seed.append(l.text()).append('\n');
        Files.writeString(dir.resolve("ep.json"), json(SCRIPT, false));
        Episode e = load("ep.txt", seed.toString());
        assertThat(e.format()).isEqualTo("seed .txt + .json times");
        assertRoundTrip(e, SCRIPT, null, true);
        assertThat(e.title().guest()).isEqualTo("Ada Palmer");
    }

    @Test
    void whispersOwnTextBesideItsJsonIsReadFromTheJson() throws Exception {
        StringBuilder plain = new StringBuilder();
        for (Line l : SCRIPT) plain.append(l.text()).append('\n');
        Files.writeString(dir.resolve("ep.json"), json(SCRIPT, true));
        Files.writeString(dir.resolve("ep.srt"), srt(SCRIPT, true, false));
        Episode e = load("ep.txt", plain.toString());
        assertThat(e.format()).isEqualTo("WhisperX .json");
        assertRoundTrip(e, SCRIPT, Map.of(), true);
    }

    // ---- malformed files: reported by file and line, skipped, the others still load ----

    private TranscriptProblem onlyProblem(String name, String content) throws Exception {
        Files.copy(TranscriptParserTest.SEED, dir.resolve("good.txt"));
        Files.writeString(dir.resolve(name), content);
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.episodes()).extracting(Episode::id).containsExactly("good");
        assertThat(loaded.problems()).hasSize(1);
        TranscriptProblem p = loaded.problems().get(0);
        assertThat(p.file().getFileName().toString()).isEqualTo(name);
        return p;
    }

    @Test
    void subRipWithAnUnreadableTime() throws Exception {
        String text = srt(SCRIPT.subList(0, 2), true, false) + "3\n00:00:12,050 --> 00:00:1x,300\nBroken.\n";
        TranscriptProblem p = onlyProblem("bad.srt", text);
        assertThat(p.line()).as("two cues of four lines, then the number, then the time").isEqualTo(10);
        assertThat(p.reason()).contains("unreadable cue time");
    }

    @Test
    void subRipThatIsNoSubRip() throws Exception {
        TranscriptProblem p = onlyProblem("bad.srt", "\nhello there\nthis is not it\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.reason()).contains("not a SubRip file");
    }

    @Test
    void jsonThatIsNotJson() throws Exception {
        TranscriptProblem p = onlyProblem("bad.json", "{\"segments\": [\n  {\"start\": 0.0, \"end\": 1.0, \"text\": \"Hi.\"},\n  {\"start\": 1.0,,}\n]}\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.reason()).contains("not valid JSON");
    }

    @Test
    void jsonSegmentWithoutAnEnd() throws Exception {
        TranscriptProblem p = onlyProblem("bad.json", "{\"segments\": [\n  {\"start\": 0.0, \"end\": 1.0, \"text\": \"Hi.\"},\n"
                + "  {\"start\": 1.0, \"text\": \"No end.\"}\n]}\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.reason()).contains("segment 1").contains("\"end\" is missing");
    }

    @Test
    void jsonWithoutSegments() throws Exception {
        TranscriptProblem p = onlyProblem("bad.json", "{\"text\": \"only the text\"}\n");
        assertThat(p.reason()).contains("no \"segments\"");
    }

    @Test
    void tsvWithATimeInSeconds() throws Exception {
        TranscriptProblem p = onlyProblem("bad.tsv", "start\tend\ttext\n0\t3250\tFine.\n3.5\t7.1\tIn seconds.\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.reason()).contains("'3.5' is not a time in whole milliseconds");
    }

    @Test
    void tsvWithAMissingColumn() throws Exception {
        TranscriptProblem p = onlyProblem("bad.tsv", "start\tend\ttext\n0\t3250\tFine.\n4000\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.reason()).contains("expected 3 tab-separated columns");
    }

    @Test
    void vttWithAnUnreadableVoiceCueTime() throws Exception {
        TranscriptProblem p = onlyProblem("bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Fine.</v>\n\n00:00:0x.000 --> 00:00:04.000\n<v B>No.</v>\n");
        assertThat(p.line()).isEqualTo(6);
    }

    @Test
    void sidecarWithAnUnknownKeyOrABadDateSkipsItsEpisode() throws Exception {
        Files.writeString(dir.resolve("ep.json"), json(SCRIPT, false));
        TranscriptProblem p = onlyProblem("ep.meta.yml", "title: Drafts\nhots: Lex Fridman\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.reason()).contains("unknown key 'hots'");
        Files.writeString(dir.resolve("ep.meta.yml"), "title: Drafts\ndate: 5 March 2024\n");
        TranscriptProblem q = new TranscriptLibrary().load(List.of(dir)).problems().get(0);
        assertThat(q.line()).isEqualTo(2);
        assertThat(q.reason()).contains("is not a date YYYY-MM-DD");
    }

    @Test
    void aBrokenShowYmlIsReportedOnce() throws Exception {
        Files.writeString(dir.resolve("a.json"), json(SCRIPT, false));
        Files.writeString(dir.resolve("b.tsv"), tsv(SCRIPT));
        Files.writeString(dir.resolve("show.yml"), "host: [unclosed\n");
        TranscriptLibrary.Loaded loaded = new TranscriptLibrary().load(List.of(dir));
        assertThat(loaded.episodes()).isEmpty();
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file().getFileName().toString()).isEqualTo("show.yml");
            assertThat(p.reason()).contains("every episode of this folder");
        });
    }

    @Test
    void aSidecarWithNoTranscriptIsReported() throws Exception {
        TranscriptProblem p = onlyProblem("lost.meta.yml", "title: Lost\n");
        assertThat(p.reason()).contains("no transcript named lost");
    }

    @Test
    void theSeedFormatIsReadAsBefore() throws Exception {
        Files.copy(TranscriptParserTest.SEED, dir.resolve("seed.txt"));
        Episode e = only(new TranscriptLibrary().load(List.of(dir)));
        Episode direct = ((TranscriptParser.Parsed) new TranscriptParser().parse(TranscriptParserTest.SEED, Files.readAllBytes(TranscriptParserTest.SEED))).episode();
        assertThat(e.format()).isEqualTo("seed .txt");
        assertThat(e.sentences()).isEqualTo(direct.sentences());
        assertThat(e.sentences()).allSatisfy(s -> assertThat(s.speaker()).isNull());
        assertThat(e.host()).isNull();
        assertThat(e.warnings()).isEmpty();
    }
}
