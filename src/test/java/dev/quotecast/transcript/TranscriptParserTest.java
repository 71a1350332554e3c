package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {

    static final Path SEED = Path.of("transcripts/lex-fridman-073-andrew-ng.txt");
    static Episode seed;

    static final String HEADER = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Jane Doe: Habits and Learning | Test Show #12

            Date: 01/02/2021

            Duration: 0 hours, 10 minutes, 0 seconds

            Model: Whisper-small

            """;

    @BeforeAll
    static void parseSeed() throws Exception {
        seed = ((TranscriptParser.Parsed) new TranscriptParser().parse(SEED, Files.readAllBytes(SEED))).episode();
    }

    static TranscriptParser.Result parse(String text) {
        return new TranscriptParser().parse(Path.of("test.txt"), text.getBytes(StandardCharsets.UTF_8));
    }

    static TranscriptProblem problem(String text) {
        TranscriptParser.Result r = parse(text);
        assertThat(r).isInstanceOf(TranscriptParser.Failed.class);
        return ((TranscriptParser.Failed) r).problem();
    }

    @Test
    void seedMetadata() {
        assertThat(seed.id()).isEqualTo("lex-fridman-073-andrew-ng");
        assertThat(seed.title().guest()).isEqualTo("Andrew Ng");
        assertThat(seed.title().topic()).isEqualTo("Deep Learning, Education, and Real-World AI");
        assertThat(seed.title().show()).isEqualTo("Lex Fridman Podcast");
        assertThat(seed.title().number()).isEqualTo(73);
        assertThat(seed.date()).isEqualTo(LocalDate.of(2020, 2, 20));
        assertThat(seed.duration()).isEqualTo(Duration.ofHours(1).plusMinutes(29).plusSeconds(10));
        assertThat(seed.url()).isEqualTo("https://www.youtube.com/watch?v=0jspaMLxBig");
        assertThat(seed.timesEstimated()).isTrue();
        assertThat(seed.sentences()).hasSizeGreaterThan(500);
    }

    @Test
    void sentenceSurvivesWhispersMidSentenceParagraphBreak() {
        // "...shot between the hours of 10 p.m." / blank line / "and 3 a.m. A lot of times..."
        Sentence s = seed.sentences().stream().filter(x -> x.text().contains("between the hours of 10 p.m.")).findFirst().orElseThrow();
        assertThat(s.text()).endsWith("between the hours of 10 p.m. and 3 a.m.");
        Sentence next = seed.sentence(s.index() + 1);
        assertThat(next.text()).startsWith("A lot of times we were launching the first MOOCs");
    }

    @Test
    void noSentenceStartsInLowerCaseAfterAParagraphBreak() {
        for (int i = 1; i < seed.sentences().size(); i++) {
            Sentence s = seed.sentence(i);
            if (s.paragraph() != seed.sentence(i - 1).paragraph()) {
                assertThat(Character.isLowerCase(s.text().charAt(0))).as(s.text()).isFalse();
            }
        }
    }

    @Test
    void estimatedTimesGrowWithTheTextAndStayWithinTheDuration() {
        List<Sentence> ss = seed.sentences();
        assertThat(ss.get(0).startSeconds()).isZero();
        for (int i = 1; i < ss.size(); i++) assertThat(ss.get(i).startSeconds()).isGreaterThanOrEqualTo(ss.get(i - 1).startSeconds());
        int last = ss.get(ss.size() - 1).startSeconds();
        assertThat(last).isLessThan((int) seed.duration().toSeconds()).isGreaterThan((int) (seed.duration().toSeconds() * 0.95));
        // the midpoint of the text is near the midpoint of the episode
        assertThat(ss.get(ss.size() / 2).startSeconds()).isBetween(30 * 60, 60 * 60);
    }

    @Test
    void sponsorReadsAndIntroAreFlagged() {
        Sentence cashApp = seed.sentences().stream().filter(x -> x.text().contains("use code Lex Podcast")).findFirst().orElseThrow();
        assertThat(cashApp.role()).isEqualTo(Sentence.Role.SPONSOR);
        Sentence patreon = seed.sentences().stream().filter(x -> x.text().contains("Patreon")).findFirst().orElseThrow();
        assertThat(patreon.role()).isEqualTo(Sentence.Role.SPONSOR);
        Sentence intro = seed.sentence(0);
        assertThat(intro.text()).startsWith("The following is a conversation with");
        assertThat(intro.quotable()).isFalse();
        Sentence conversation = seed.sentences().stream().filter(x -> x.text().startsWith("Growing up in Hong Kong")).findFirst().orElseThrow();
        assertThat(conversation.role()).isEqualTo(Sentence.Role.CONVERSATION);
    }

    @Test
    void linkPointsAtTheSecond() {
        assertThat(seed.linkAt(1294)).isEqualTo("https://www.youtube.com/watch?v=0jspaMLxBig&t=1294s");
    }

    @Test
    void minimalFileParses() {
        TranscriptParser.Result r = parse(HEADER + "Hello there, this is the first sentence. And this is the second one!\n");
        Episode e = ((TranscriptParser.Parsed) r).episode();
        assertThat(e.sentences()).extracting(Sentence::text)
                .containsExactly("Hello there, this is the first sentence.", "And this is the second one!");
        assertThat(e.title().number()).isEqualTo(12);
        assertThat(e.sentence(1).startSeconds()).isGreaterThan(0).isLessThan(600);
    }

    @Test
    void missingTitleIsReportedWithItsLine() {
        TranscriptProblem p = problem("---\ndescription: https://x.org\n---\n\nDate: 01/02/2021\n\nSome text.\n");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.reason()).contains("title");
    }

    @Test
    void emptyBodyIsReported() {
        TranscriptProblem p = problem(HEADER);
        assertThat(p.reason()).contains("empty body");
    }

    @Test
    void badDateIsReportedWithItsLine() {
        TranscriptProblem p = problem(HEADER.replace("01/02/2021", "31/31/2021") + "Text.\n");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.reason()).contains("Date").contains("31/31/2021");
    }

    @Test
    void badDurationIsReportedWithItsLine() {
        TranscriptProblem p = problem(HEADER.replace("0 hours, 10 minutes, 0 seconds", "about an hour") + "Text.\n");
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.reason()).contains("Duration");
    }

    @Test
    void zeroDurationFallsBackToASpeakingRate() {
        Episode e = ((TranscriptParser.Parsed) parse(HEADER.replace("0 hours, 10 minutes, 0 seconds", "0 hours, 0 minutes, 0 seconds")
                + "One two three four five six seven eight nine ten. Eleven twelve.\n")).episode();
        assertThat(e.sentence(1).startSeconds()).isEqualTo((int) (10 / TranscriptParser.WORDS_PER_SECOND));
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() {
        byte[] head = (HEADER + "Fine line.\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        TranscriptParser.Result r = new TranscriptParser().parse(Path.of("bad.txt"), all);
        TranscriptProblem p = ((TranscriptParser.Failed) r).problem();
        assertThat(p.reason()).contains("UTF-8");
        assertThat(p.line()).isEqualTo(HEADER.split("\n", -1).length + 1);
    }

    /** A replacement character written in the file is text, not a decoding error: the strict decoder has the last word. */
    @Test
    void aReplacementCharacterInValidUtf8IsKeptAndMalformedBytesBesideOneAreStillReported() throws Exception {
        String text = "Caf\u00e9 \uFFFD na\u00efve \uD83D\uDE00.";
        assertThat(TranscriptParser.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        byte[] good = "ok\n\uFFFD\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(good, good.length + 2);
        all[good.length] = (byte) 0xE2;
        all[good.length + 1] = (byte) 0x28;
        assertThatThrownBy(() -> TranscriptParser.decode(all)).isInstanceOf(TranscriptParser.BadEncoding.class).hasMessageContaining("line 3");
    }

    @Test
    void unclosedFrontMatterAndBinaryAreReported() {
        assertThat(problem("---\ndescription: x\n\n# Title\n\nText.\n").reason()).contains("never closed");
        assertThat(problem(HEADER + "abc\0def\n").reason()).contains("binary");
    }

    @Test
    void aFileWithoutFrontMatterOrHeadersStillParses() {
        Episode e = ((TranscriptParser.Parsed) parse("# Just a title\n\nSome words here. More words there.\n")).episode();
        assertThat(e.title().full()).isEqualTo("Just a title");
        assertThat(e.title().guest()).isNull();
        assertThat(e.url()).isNull();
        assertThat(e.date()).isNull();
        assertThat(e.linkAt(10)).isNull();
    }
}
