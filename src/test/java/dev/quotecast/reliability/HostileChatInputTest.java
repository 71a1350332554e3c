package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.schedule.DailyScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile chat input through the real grammar ({@code CommandParser}), the real commands
 * ({@code Commands}, with the real daily-post handler) on a real engine, and every renderer: Block
 * Kit, Discord embeds, console text, JSON. Nothing throws, every reply fits the platform, nothing
 * pings or injects markup. The corpus holds the seed episode and a transcript whose sentences are
 * themselves hostile, so replies quote hostile transcript text as well as echo hostile questions.
 */
class HostileChatInputTest {

    static Path dir;
    static Engine engine;
    static DailyScheduler scheduler;
    static final RenderChecks checks = new RenderChecks();
    static final AtomicLong served = new AtomicLong(), hostileQuoted = new AtomicLong();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("hostile-chat");
        Path t = Files.createDirectories(dir.resolve("transcripts"));
        Files.copy(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"), t.resolve("lex-fridman-073-andrew-ng.txt"));
        HostileTranscripts.write(t.resolve("hostile-show-001.txt"), HostileTranscripts.transcript(
                "<!channel> @everyone: ||Habits|| & <@U1> | Hostile Show #1", "https://www.youtube.com/watch?v=abcdefghijk",
                HostileTranscripts.sentences(new Random(8), 120)));
        AtomicReference<DailyHandler> daily = new AtomicReference<>();
        BotConfig config = BotConfig.defaults().withTranscripts(List.of(t)).withStateDir(dir.resolve("state"));
        engine = Engine.start(config, Clock.systemUTC(), (r, d) -> daily.get().handle(r, d));
        // with passage embeddings, so that hostile questions also go through the embedding model
        engine.awaitEmbeddings();
        assertThat(engine.embeddedPassages()).isPositive();
        assertThat(engine.problems()).isEmpty();
        scheduler = DailyScheduler.open(config, engine.commands(), List.of(), Clock.systemUTC());
        daily.set(scheduler.chatCommands());
    }

    @AfterContainer
    static void stop() throws IOException {
        if (scheduler != null) scheduler.close();
        if (engine != null) engine.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
        System.out.printf("HostileChatInputTest: %d commands served and rendered on 4 renderers (%d quoting the hostile transcript)%n",
                served.get(), hostileQuoted.get());
    }

    @Provide
    Arbitrary<String> chat() {
        return HostileText.chatInput();
    }

    @Provide
    Arbitrary<String> slash() {
        return Arbitraries.of("/quote", "/advice", "/episode", "/ask", "quote", "/QUOTE", "/help", "/daily");
    }

    /** Mentions, console lines and DMs: free text through the one grammar. */
    @Property(tries = 400)
    void anyMentionTextIsServedAndRenderedSafely(@ForAll("chat") String text) {
        serve(engine.parser().parse(text), text);
    }

    /** Slash-command text, on each command. */
    @Property(tries = 250)
    void anySlashCommandTextIsServedAndRenderedSafely(@ForAll("slash") String name, @ForAll("chat") String text) {
        serve(engine.parser().parseSlash(name, text), text);
    }

    /** Button payloads come back from the client and can be forged: a hostile moment key or topic page. */
    @Property(tries = 150)
    void forgedButtonCommandsAreServedSafely(@ForAll("chat") String text, @ForAll int page) {
        serve(new Command.Context(text), text);
        serve(new Command.Quote(text, Math.floorMod(page, 40)), text);
        serve(new Command.Episode(text), text);
        serve(new Command.Ask(text), text);
    }

    /**
     * 100,000 characters: through the grammar (which refuses it politely), and straight into the
     * content layer past the length limit, as an operator who raised the limit would get.
     */
    @Property(tries = 8)
    void a100000CharacterInputIsHandled(@ForAll("chat") String seed) {
        String big = HostileText.ofLength(seed, 100_000);
        assertThat(big).hasSize(100_000);
        long t0 = System.nanoTime();
        Command c = engine.parser().parse(big);
        assertThat(c).isInstanceOf(Command.TooLong.class);
        serve(c, big);
        serve(engine.parser().parseSlash("/ask", big), big);
        for (Command direct : List.of(new Command.Quote(big, 0), new Command.Ask(big), new Command.Episode(big), new Command.Context(big))) {
            serve(direct, big);
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for one 100,000-character input on every path").isLessThan(5_000);
    }

    void serve(Command c, String raw) {
        for (String platform : List.of("slack", "discord")) {
            long n = served.incrementAndGet();
            // every fourth request from one of three users, so the rate limit's reply is exercised too
            String user = n % 4 == 0 ? "U" + (n % 3) : null;
            Reply reply = engine.commands().handle(new Request(platform, user, "C-hostile", c, n % 2 == 0));
            assertThat(reply).isNotNull();
            if (reply instanceof Reply.Error e) {
                assertThat(e.kind()).as("no internal error for %s", c.name()).isNotEqualTo(Reply.Error.Kind.INTERNAL);
            }
            if (quotesHostile(reply)) hostileQuoted.incrementAndGet();
            checks.renderEverywhere(raw, reply);
        }
    }

    private static boolean quotesHostile(Reply r) {
        List<String> ids = new ArrayList<>();
        if (r instanceof Reply.QuoteReply q) ids.add(q.quote().moment().episode().id());
        if (r instanceof Reply.AnswerReply a) ids.add(a.answer().passage().episode().id());
        if (r instanceof Reply.EpisodeReply e) ids.add(e.card().episode().id());
        if (r instanceof Reply.ContextReply c) ids.add(c.focus().episode().id());
        return ids.contains("hostile-show-001");
    }
}
