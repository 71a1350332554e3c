package dev.quotecast.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.TestEngines;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.QuoteRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommandsTest {

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = TestEngines.seed();
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    Commands fresh(int perMinute, AtomicLong nanos) {
        ContentService content = engine.content();
        return new Commands(content, new RateLimiter(perMinute, nanos::get), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC, 100, Duration.ofMinutes(10), DailyHandler.unavailable());
    }

    static Request req(String user, Command c) {
        return Request.of("test", user, c);
    }

    @Test
    void quoteAboutHabitsComesFromTheSeedWithTimeAndLink() {
        Reply r = engine.commands().handle(req("u1", new Command.Quote("habits", 0)));
        assertThat(r).isInstanceOf(Reply.QuoteReply.class);
        var q = ((Reply.QuoteReply) r).quote();
        assertThat(q.text().toLowerCase()).contains("habit");
        assertThat(q.moment().clock()).startsWith("≈");
        assertThat(q.moment().link()).startsWith("https://www.youtube.com/watch?v=0jspaMLxBig&t=").endsWith("s");
    }

    @Test
    void anotherPagesThroughDistinctWellFormedQuotes() {
        Set<String> seen = new HashSet<>();
        Reply r = engine.commands().handle(req("u2", new Command.Quote("learning", 0)));
        for (int page = 0; page < 6 && r instanceof Reply.QuoteReply q; page++) {
            assertThat(seen.add(q.quote().text())).as("page %d repeats", page).isTrue();
            var m = q.quote().moment();
            assertThat(QuoteRules.isQuotable(m.episode(), m.firstSentence(), m.lastSentence())).isTrue();
            r = engine.commands().handle(req("u2", new Command.Quote("learning", page + 1)));
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void secondIdenticalQueryIsACacheHitAndInvalidateClearsIt() {
        AtomicLong nanos = new AtomicLong();
        Commands commands = fresh(100, nanos);
        Reply first = commands.handle(req("u", new Command.Quote("data", 0)));
        Reply second = commands.handle(req("u", new Command.Quote("  Data! ", 0)));
        assertThat(second).isSameAs(first);
        assertThat(commands.cacheStats().hitCount()).isEqualTo(1);
        commands.invalidate();
        Reply third = commands.handle(req("u", new Command.Quote("data", 0)));
        assertThat(third).isNotSameAs(first).isEqualTo(first);
        assertThat(commands.cacheStats().missCount()).isEqualTo(2);
    }

    @Test
    void rateLimitAnswersWithAFriendlyMessage() {
        AtomicLong nanos = new AtomicLong();
        Commands commands = fresh(2, nanos);
        commands.handle(req("spammer", new Command.Help()));
        commands.handle(req("spammer", new Command.Help()));
        Reply r = commands.handle(req("spammer", new Command.Help()));
        assertThat(r).isInstanceOf(Reply.Error.class);
        assertThat(((Reply.Error) r).kind()).isEqualTo(Reply.Error.Kind.RATE_LIMITED);
        assertThat(((Reply.Error) r).message()).contains("Try again in");
        assertThat(commands.handle(req("someone-else", new Command.Help()))).isInstanceOf(Reply.Help.class);
    }

    @Test
    void hostileQueriesNeverReachQuerySyntax() {
        CommandParser parser = engine.parser();
        for (String hostile : new String[] {"AND OR ((( \"", "*:*", "title:x~2^9", "\\", "-", "+habits -learning", "\"unclosed", "a* ?b [1 TO 2] {x} /regex/"}) {
            Reply r = engine.commands().handle(req("h-" + hostile.hashCode(), parser.parse("quote " + hostile)));
            assertThat(r).as(hostile).isNotInstanceOf(Reply.Error.class);
            Reply a = engine.commands().handle(req("h-" + hostile.hashCode(), parser.parse("ask " + hostile + "?")));
            assertThat(a).as(hostile).isNotInstanceOf(Reply.Error.class);
        }
        Reply huge = engine.commands().handle(req("huge", parser.parse("habits ".repeat(15_000))));
        assertThat(huge).isInstanceOf(Reply.Error.class);
        assertThat(((Reply.Error) huge).kind()).isEqualTo(Reply.Error.Kind.TOO_LONG);
        assertThat(((Reply.Error) huge).message()).contains("too long");
    }

    @Test
    void questionsTheTranscriptsDoNotAnswerSaySo() {
        Reply r = engine.commands().handle(req("q", new Command.Ask("What is the capital of Mongolia?")));
        assertThat(r).isInstanceOf(Reply.NotFound.class);
        assertThat(((Reply.NotFound) r).message()).contains("don't answer");
    }

    @Test
    void answerCarriesItsCitation() {
        Reply r = engine.commands().handle(req("q", new Command.Ask("How many students a year did he teach machine learning at Stanford?")));
        assertThat(r).isInstanceOf(Reply.AnswerReply.class);
        var a = ((Reply.AnswerReply) r).answer();
        assertThat(a.passage().text()).contains("about 400 students a year");
        assertThat(a.passage().firstSentence()).isLessThanOrEqualTo(a.highlight().firstSentence());
        assertThat(a.passage().lastSentence()).isGreaterThanOrEqualTo(a.highlight().lastSentence());
    }

    @Test
    void theDesignsExampleQuestionIsAnsweredAndLightVerbsStillMakeTopics() {
        Reply r = engine.commands().handle(req("q", new Command.Ask("how do I build a habit?")));
        assertThat(r).isInstanceOf(Reply.AnswerReply.class);
        assertThat(((Reply.AnswerReply) r).answer().passage().text().toLowerCase()).contains("habit");
        Reply q = engine.commands().handle(req("q", new Command.Quote("build", 0)));
        assertThat(q).isInstanceOf(Reply.QuoteReply.class);
        assertThat(((Reply.QuoteReply) q).quote().text().toLowerCase()).contains("build");
    }

    @Test
    void contextShowsTheSurroundingSentences() {
        var q = ((Reply.QuoteReply) engine.commands().handle(req("c", new Command.Quote("habits", 0)))).quote();
        Reply r = engine.commands().handle(req("c", new Command.Context(q.moment().key())));
        var ctx = (Reply.ContextReply) r;
        assertThat(ctx.context().text()).contains(q.text());
        assertThat(ctx.context().lastSentence() - ctx.context().firstSentence()).isGreaterThan(q.moment().lastSentence() - q.moment().firstSentence());
        assertThat(engine.commands().handle(req("c", new Command.Context("nope#1-2")))).isInstanceOf(Reply.NotFound.class);
        assertThat(engine.commands().handle(req("c", new Command.Context("garbage")))).isInstanceOf(Reply.NotFound.class);
    }
}
