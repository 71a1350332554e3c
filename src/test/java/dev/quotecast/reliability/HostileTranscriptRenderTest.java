package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.bot.Reply;
import dev.quotecast.content.Answer;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Transcript text as hostile as chat text: a transcript file is written whose title, link and
 * sentences are generated, read by the real {@link TranscriptParser}, and every kind of reply is
 * built over it (quote, advice, answer, context, episode card) and rendered on every platform.
 * The engine-level version (search picks the hostile sentences) is in {@link HostileChatInputTest};
 * this one makes sure every sentence is rendered, whatever search would rank.
 */
class HostileTranscriptRenderTest {

    static Path dir;
    static final RenderChecks checks = new RenderChecks();
    static final TranscriptParser parser = new TranscriptParser();
    static final AtomicLong transcripts = new AtomicLong(), rejected = new AtomicLong(), replies = new AtomicLong();

    @BeforeContainer
    static void tempDir() throws IOException {
        dir = Files.createTempDirectory("hostile-transcripts");
    }

    @AfterContainer
    static void report() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
        System.out.printf("HostileTranscriptRenderTest: %d generated transcripts (%d refused by the parser with a reason), %d replies rendered on 4 renderers%n",
                transcripts.get(), rejected.get(), replies.get());
    }

    @Provide
    Arbitrary<List<String>> sentences() {
        return HostileText.body().list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> title() {
        return Arbitraries.oneOf(HostileText.body(),
                net.jqwik.api.Combinators.combine(HostileText.body(), HostileText.body(), Arbitraries.integers().between(0, 999))
                        .as((guest, topic, n) -> guest + ": " + topic + " | Hostile Show #" + n));
    }

    @Provide
    Arbitrary<String> url() {
        return Arbitraries.of("https://www.youtube.com/watch?v=abcdefghijk", "https://www.youtube.com/watch?v=abc&x=<!channel>",
                "https://youtu.be/abcdefghijk", "https://example.com/ep|<!here>", "javascript:alert(1)", "https://x.example/a b",
                "https://www.youtube.com/watch?v=abcdefghijk#<@U1>", "not a url", "");
    }

    @Property(tries = 200)
    void everySentenceOfAHostileTranscriptRendersSafely(@ForAll("title") String title, @ForAll("url") String url,
                                                        @ForAll("sentences") List<String> sentences) throws IOException {
        Path file = dir.resolve("hostile-" + transcripts.incrementAndGet() + ".txt");
        // mostly well-formed files (a NUL byte or a broken title line gets the whole file refused,
        // which BrokenTranscriptsTest covers); one in ten keeps them
        boolean raw = transcripts.get() % 10 == 0;
        String t = raw ? title : title.replaceAll("[\\r\\n\\u0000\\u0085\\u2028\\u2029]", " ");
        List<String> body = raw ? sentences : sentences.stream().map(x -> x.replace('\0', ' ')).toList();
        HostileTranscripts.write(file, HostileTranscripts.transcript(t.isBlank() ? "x" + t : t, url, body));
        TranscriptParser.Result result = parser.parse(file, Files.readAllBytes(file));
        Files.delete(file);
        if (result instanceof TranscriptParser.Failed f) {
            // refusing is allowed, silently or with a vague reason is not
            rejected.incrementAndGet();
            assertThat(f.problem().file()).isEqualTo(file);
            assertThat(f.problem().reason()).isNotBlank();
            return;
        }
        Episode e = ((TranscriptParser.Parsed) result).episode();
        int n = e.sentences().size();
        assertThat(n).isPositive();
        List<Moment> moments = new ArrayList<>();
        for (int i = 0; i < n; i += 2) moments.add(new Moment(e, i, Math.min(n - 1, i + 2)));
        String query = String.join(" ", sentences);
        List<Quote> quotes = moments.stream().map(m -> new Quote(m, 1.0)).toList();
        List<Reply> all = new ArrayList<>();
        for (Moment m : moments) {
            Quote q = new Quote(m, 1.0);
            all.add(new Reply.QuoteReply(query, q, 0, true));
            all.add(new Reply.AdviceReply(LocalDate.of(2026, 11, 26), q, false));
            all.add(new Reply.AdviceReply(LocalDate.of(2026, 11, 26), q, true));
            all.add(new Reply.AnswerReply(query, new Answer(m.widen(2), m, 1.0)));
            all.add(new Reply.ContextReply(m, m.widen(3)));
        }
        // key topics are words of the transcript (the summariser takes them from the index)
        List<String> topics = e.sentences().stream().flatMap(x -> java.util.Arrays.stream(x.text().split(" "))).limit(12).toList();
        all.add(new Reply.EpisodeReply(query, new EpisodeCard(e, moments, topics, quotes)));
        // messages are the bot's own words (Reply's contract); the query beside them is outside text
        all.add(new Reply.NotFound("quote", query, "I found no quote about that."));
        for (Reply r : all) {
            checks.renderEverywhere(query, r);
            replies.incrementAndGet();
        }
    }
}
