package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus folder with every kind of broken file next to a good one. Each broken file is either
 * reported (file and reason) and skipped, or served sensibly; the good episode is served either way.
 */
class BrokenTranscriptsTest {

    static final Path SEED = Path.of("transcripts/lex-fridman-073-andrew-ng.txt");
    static final String GOOD_ID = "lex-fridman-073-andrew-ng";

    @TempDir
    Path dir;

    static String header(String title, String date, String duration) {
        return "---\ndescription: https://www.youtube.com/watch?v=abcdefghijk\n---\n\n# " + title + "\n\n"
                + (date == null ? "" : "Date: " + date + "\n\n") + (duration == null ? "" : "Duration: " + duration + "\n\n")
                + "Model: Whisper-small\n\n";
    }

    static final String BODY = "Good habits are built one small step at a time, every single day of the week. "
            + "Learning is a habit too, and the best learners practise a little every morning before work.\n\n";

    /** Files that must be refused, with a word the reason must contain. */
    Map<String, String> writeRefused(Path t) throws IOException {
        Map<String, String> expect = new LinkedHashMap<>();
        Files.writeString(t.resolve("truncated-front-matter.txt"), "---\ndescription: https://www.youtube.com/watch?v=abcdefghijk\n");
        expect.put("truncated-front-matter.txt", "never closed");
        Files.writeString(t.resolve("truncated-after-title.txt"), "---\ndescription: x\n---\n\n");
        expect.put("truncated-after-title.txt", "title");
        byte[] garbage = new byte[64 * 1024];
        new Random(1).nextBytes(garbage);
        Files.write(t.resolve("binary-garbage.txt"), garbage);
        expect.put("binary-garbage.txt", "UTF-8");
        byte[] nul = (header("Nul: Bytes | Show #2", "01/02/2020", null) + "Some text\0with a NUL byte.\n").getBytes(StandardCharsets.UTF_8);
        Files.write(t.resolve("nul-byte.txt"), nul);
        expect.put("nul-byte.txt", "NUL");
        byte[] head = (header("Bad: Bytes | Show #3", "01/02/2020", null) + "Fine line.\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[head.length + 4];
        System.arraycopy(head, 0, bad, 0, head.length);
        bad[head.length] = (byte) 0xC3;
        bad[head.length + 1] = (byte) 0x28; // an invalid two-byte sequence
        bad[head.length + 2] = (byte) 0xFF;
        bad[head.length + 3] = '\n';
        Files.write(t.resolve("invalid-utf8.txt"), bad);
        expect.put("invalid-utf8.txt", "line 12");
        Files.write(t.resolve("zero-bytes.txt"), new byte[0]);
        expect.put("zero-bytes.txt", "end of the file");
        Files.writeString(t.resolve("bad-date.txt"), header("Bad: Date | Show #4", "02/30/2020", null) + BODY);
        expect.put("bad-date.txt", "Date");
        Files.writeString(t.resolve("only-ideographic-space.txt"), header("Blank: Body | Show #5", null, null) + "\u3000\n\n\u2028\n");
        expect.put("only-ideographic-space.txt", "empty body");
        Files.writeString(t.resolve("header-only.txt"), header("Header: Only | Show #6", "01/02/2020", "1 hours"));
        expect.put("header-only.txt", "empty body");
        return expect;
    }

    @Test
    @Timeout(120)
    void everyBrokenFileIsReportedWithFileAndReasonAndTheRestIsServed() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t")), other = Files.createDirectories(dir.resolve("other"));
        Files.copy(SEED, t.resolve(SEED.getFileName()));
        Map<String, String> refused = writeRefused(t);
        // served, sensibly: a zero duration (estimated from the words instead) and a date in the future
        Files.writeString(t.resolve("zero-duration.txt"), header("Zero: Duration | Show #7", "01/02/2020", "0 hours") + BODY);
        Files.writeString(t.resolve("future-date.txt"), header("Future: Date | Show #8", "01/01/2999", "0 hours, 10 minutes, 0 seconds") + BODY);
        // the same id in two folders: the first is served, the second reported
        Files.copy(SEED, other.resolve(SEED.getFileName()));

        try (Engine e = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(t, other)))) {
            List<TranscriptProblem> problems = e.problems();
            for (Map.Entry<String, String> x : refused.entrySet()) {
                assertThat(problems).as("problem reported for " + x.getKey())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo(t.resolve(x.getKey()));
                            assertThat(p.reason()).containsIgnoringCase(x.getValue());
                        });
            }
            assertThat(problems).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo(other.resolve(SEED.getFileName()));
                assertThat(p.reason()).contains("duplicate episode id").contains(t.resolve(SEED.getFileName()).toString());
            });
            assertThat(problems).hasSize(refused.size() + 1);
            assertThat(e.content().corpus().episodes()).extracting(Episode::id)
                    .containsExactlyInAnyOrder(GOOD_ID, "zero-duration", "future-date");

            // the good file is still served
            Reply r = e.commands().handle(Request.of("test", null, e.parser().parse("quote coursera")));
            assertThat(r).isInstanceOf(Reply.QuoteReply.class);
            assertThat(((Reply.QuoteReply) r).quote().moment().episode().id()).isEqualTo(GOOD_ID);
            Reply ep73 = e.commands().handle(Request.of("test", null, e.parser().parse("episode 73")));
            assertThat(ep73).isInstanceOf(Reply.EpisodeReply.class);

            // "0 hours" is no length: it is estimated from the words, and times are not all 0:00
            Episode zero = e.content().corpus().get("zero-duration").orElseThrow();
            assertThat(zero.duration()).isPositive();
            assertThat(zero.sentences().get(zero.sentences().size() - 1).startSeconds()).isPositive();
            EpisodeCard card = e.content().episode("zero-duration").orElseThrow();
            RenderChecksAll.render(new Reply.EpisodeReply("zero-duration", card));

            // a date in the future is shown as given (the transcript says so), and served
            Episode future = e.content().corpus().get("future-date").orElseThrow();
            assertThat(future.date()).isEqualTo(LocalDate.of(2999, 1, 1));
            RenderChecksAll.render(new Reply.EpisodeReply("future-date", e.content().episode("future-date").orElseThrow()));
            System.out.printf("BrokenTranscriptsTest: %d broken files injected, %d reported and skipped, 2 served sensibly%n",
                    refused.size() + 3, problems.size());
        }
    }

    /** 20 MB in one paragraph: parsed, indexed and served within bounds of time, or refused; never a crash. */
    @Test
    @Timeout(120)
    void aTwentyMegabyteSingleParagraphIsHandledInBoundedTime() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(SEED, t.resolve(SEED.getFileName()));
        Path huge = t.resolve("huge-paragraph.txt");
        Random random = new Random(20);
        String[] words = {"habit", "learning", "the", "and", "practice", "model", "data", "every", "day", "deep", "network", "of"};
        long target = 20L * 1024 * 1024;
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write(header("Huge: Paragraph | Show #9", "01/02/2020", "3 hours").getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(1 << 16);
            long written = 0;
            int sentence = 0;
            while (written < target) {
                sb.setLength(0);
                while (sb.length() < 60_000) {
                    sb.append(sentence++ % 7 == 0 ? "Zebra" : "Then");
                    for (int w = 0, n = 6 + random.nextInt(20); w < n; w++) sb.append(' ').append(words[random.nextInt(words.length)]);
                    sb.append(". ");
                }
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
            }
            out.write('\n');
        }
        assertThat(Files.size(huge)).isGreaterThan(target);
        System.gc();
        long t0 = System.nanoTime();
        try (Engine e = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(t)))) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Runtime rt = Runtime.getRuntime();
            long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            System.out.printf("BrokenTranscriptsTest: 20 MB single paragraph -> %s in %d ms, heap in use after start %d MB%n",
                    e.problems().isEmpty() ? "served" : e.problems(), ms, usedMb);
            assertThat(ms).as("start-up time with a 20 MB paragraph").isLessThan(60_000);
            Reply good = e.commands().handle(Request.of("test", null, e.parser().parse("quote deep learning")));
            assertThat(good).isNotInstanceOf(Reply.Error.class);
            if (e.problems().isEmpty()) {
                long q0 = System.nanoTime();
                Reply r = e.commands().handle(Request.of("test", null, e.parser().parse("ask zebra habit practice?")));
                assertThat(r).isNotInstanceOf(Reply.Error.class);
                RenderChecksAll.render(r);
                Reply card = e.commands().handle(Request.of("test", null, e.parser().parse("episode huge paragraph")));
                assertThat(card).isInstanceOf(Reply.EpisodeReply.class);
                RenderChecksAll.render(card);
                // a guard against work that grows faster than the text (a quadratic pass over 150,000 passages takes
                // minutes), not a performance figure: about 7 s on two cores at load 2.5, 15 s when a CI run shares them
                // with a training run; figures belong in bench
                assertThat((System.nanoTime() - q0) / 1_000_000).as("ms to answer and summarise over it").isLessThan(45_000);
            } else {
                assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo(huge));
            }
            assertThat(e.content().corpus().get(GOOD_ID)).isPresent();
        }
        Duration.ofMillis(0);
    }
}
