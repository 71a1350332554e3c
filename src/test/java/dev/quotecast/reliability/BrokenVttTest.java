package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * WebVTT files with overlapping, reversed and backwards cues, unreadable times, garbage and
 * hostile cue text, alone and paired with a {@code .txt}: each is repaired and reported (file, line,
 * reason) or refused with a reason; what is served has times in order within the episode, renders
 * safely, and the rest of the corpus is served.
 */
@Timeout(60)
class BrokenVttTest {

    @TempDir
    Path dir;

    static final String TXT = BrokenTranscriptsTest.header("Vtt: Pairs | Show #11", "01/02/2020", "0 hours, 1 minutes, 0 seconds")
            + "Good habits are built one small step at a time. Learning is a habit too, practised every morning.\n\n"
            + "The best learners write things down. They review their notes every evening before they sleep.\n";

    /** Overlapping, reversed (end before start) and backwards (start before the previous start) cues. */
    static final String DISORDERED = """
            WEBVTT

            00:00.000 --> 00:20.000
            Good habits are built one small step at a time.

            00:10.000 --> 00:05.000
            Learning is a habit too, practised every morning.

            00:30.000 --> 00:40.000
            The best learners write things down.

            00:25.000 --> 00:35.000
            They review their notes every evening before they sleep.
            """;

    @Test
    void disorderedCuesAreRepairedReportedAndServedInOrder() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(BrokenTranscriptsTest.SEED, t.resolve(BrokenTranscriptsTest.SEED.getFileName()));
        Files.writeString(t.resolve("paired.txt"), TXT);
        Files.writeString(t.resolve("paired.vtt"), DISORDERED);
        Files.writeString(t.resolve("alone-disordered.vtt"), DISORDERED);
        Files.writeString(t.resolve("bad-time.txt"), TXT);
        Files.writeString(t.resolve("bad-time.vtt"), "WEBVTT\n\n00:00.000 --> 00:02.000\nFine.\n\n00:99.000 --> 00:03.000\nBroken time.\n");
        Files.writeString(t.resolve("alone-bad-time.vtt"), "WEBVTT\n\n00:00.000 --> 00:02.000\nFine.\n\nnonsense --> 00:03.000\nBroken.\n");
        Files.writeString(t.resolve("not-vtt.vtt"), "Just some text, no header.\n");
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Files.write(t.resolve("garbage.vtt"), garbage);
        Files.write(t.resolve("empty.vtt"), new byte[0]);
        Files.writeString(t.resolve("hostile-cues.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\nHabits <!channel> @everyone ||spoiler|| \u001b[2J [x](https://evil.example) <@&1> are built daily by people.\n\n"
                + "99:59:59.000 --> 00:00.001\nLearning <b>habits</b> &lt;@U1&gt; is a practice every single day for everyone.\n");
        int injected = 9;

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try (Engine e = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(t)))) {
            String reported = String.join("\n", e.problems().stream().map(Object::toString).toList()) + "\n"
                    + String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            // repairs are reported with file and line, for the pair and for a .vtt alone
            for (String f : List.of("paired.vtt", "alone-disordered.vtt")) {
                assertThat(reported).as("repairs reported for " + f)
                        .contains(t.resolve(f) + ":6: cue ends before it starts")
                        .contains(t.resolve(f) + ":12: cue starts before the cue ahead of it");
            }
            assertThat(reported).contains(t.resolve("bad-time.vtt") + ":6: unreadable cue time").contains("times estimated from the .txt");
            assertThat(reported).contains(t.resolve("alone-bad-time.vtt") + ":6: unreadable cue time");
            assertThat(reported).contains(t.resolve("not-vtt.vtt") + ":1: not a WebVTT file");
            assertThat(reported).contains(t.resolve("garbage.vtt").toString()).contains(t.resolve("empty.vtt").toString());

            for (String id : List.of("paired", "alone-disordered", "bad-time", "hostile-cues")) {
                Episode ep = e.content().corpus().get(id).orElseThrow(() -> new AssertionError(id + " is not served"));
                int previous = 0;
                for (Sentence s : ep.sentences()) {
                    assertThat(s.startSeconds()).as(id + " times in order").isGreaterThanOrEqualTo(previous);
                    assertThat((long) s.startSeconds()).as(id + " times within the episode").isLessThanOrEqualTo(ep.duration().toSeconds());
                    previous = s.startSeconds();
                }
                for (int i = 0; i < ep.sentences().size(); i++) {
                    Moment m = new Moment(ep, i, i);
                    RenderChecksAll.render(new Reply.QuoteReply("x", new Quote(m, 1), 0, false));
                    RenderChecksAll.render(new Reply.ContextReply(m, m.widen(3)));
                }
                RenderChecksAll.render(new Reply.EpisodeReply(id, e.content().episode(id).orElseThrow()));
            }
            assertThat(e.content().corpus().get("paired").orElseThrow().timesEstimated()).as("paired times come from the cues").isFalse();
            assertThat(e.content().corpus().get("bad-time").orElseThrow().timesEstimated()).as("unusable .vtt: estimated").isTrue();
            Reply good = e.commands().handle(Request.of("test", null, e.parser().parse("quote coursera")));
            assertThat(good).isInstanceOf(Reply.QuoteReply.class);
            System.out.printf("BrokenVttTest: %d broken or hostile .vtt files injected; %d problems and repairs reported%n",
                    injected, reported.split("\n").length);
        } finally {
            root.detachAppender(logs);
        }
    }
}
