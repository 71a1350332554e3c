package dev.quotecast.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    final CommandParser parser = new CommandParser(300);

    @Test
    void grammar() {
        assertThat(parser.parse("quote habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("how do I build a habit?")).isEqualTo(new Command.Ask("how do I build a habit?"));
        assertThat(parser.parse("ask what about habits")).isEqualTo(new Command.Ask("what about habits"));
        assertThat(parser.parse("episode 73")).isEqualTo(new Command.Episode("73"));
        assertThat(parser.parse("advice")).isEqualTo(new Command.Advice(null, false));
        assertThat(parser.parse("advice another")).isEqualTo(new Command.Advice(null, true));
        assertThat(parser.parse("advice 2026-11-26")).isEqualTo(new Command.Advice(LocalDate.of(2026, 11, 26), false));
        assertThat(parser.parse("help")).isEqualTo(new Command.Help());
        assertThat(parser.parse("")).isEqualTo(new Command.Help());
        assertThat(parser.parse("daily 09:00 Europe/Berlin advice")).isEqualTo(new Command.Daily("09:00 Europe/Berlin advice"));
        assertThat(parser.parse("quote")).isInstanceOf(Command.Invalid.class);
        assertThat(parser.parse("advice tomorrowish")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void mentionsAndMarkupAreStripped() {
        assertThat(parser.parse("<@U123ABC> quote habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("<@!123456789>, what is the key to learning?")).isEqualTo(new Command.Ask("what is the key to learning?"));
        assertThat(parser.parse("<!channel> habits")).isEqualTo(new Command.Quote("habits", 0));
    }

    /** What people type around a topic in chat: the wrapper goes, the topic is quoted. */
    @Test
    void chatWrappersAroundATopicReachTheQuoteCommand() {
        assertThat(parser.parse("what about habits?")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("What about habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("anything on habits?")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("anything about deep learning?")).isEqualTo(new Command.Quote("deep learning", 0));
        assertThat(parser.parse("tell me about habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("Tell me something about online education, please")).isEqualTo(new Command.Quote("online education", 0));
        assertThat(parser.parse("hey, habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("hi habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("how about the future of AI?")).isEqualTo(new Command.Quote("the future of AI", 0));
        assertThat(parser.parse("got anything on habits?")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("any quotes about learning?")).isEqualTo(new Command.Quote("learning", 0));
        assertThat(parser.parse("<@U0QUOTECAST> what about habits?")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parse("<@!1100000000000000001> hey, what about habits?")).isEqualTo(new Command.Quote("habits", 0));
        // a greeting before a command or a question is dropped too
        assertThat(parser.parse("hey, episode 73")).isEqualTo(new Command.Episode("73"));
        assertThat(parser.parse("hi, how do I build a habit?")).isEqualTo(new Command.Ask("how do I build a habit?"));
        // /quote text wrapped the same way
        assertThat(parser.parseSlash("/quote", "what about habits?")).isEqualTo(new Command.Quote("habits", 0));
    }

    /** A wrapper around a real question (what is left is not a topic) still goes to ask, whole. */
    @Test
    void realQuestionsInAWrapperStillGoToAsk() {
        assertThat(parser.parse("what about when you fail?")).isEqualTo(new Command.Ask("what about when you fail?"));
        assertThat(parser.parse("what about it?")).isEqualTo(new Command.Ask("what about it?"));
        assertThat(parser.parse("how about you tell me why learning matters?"))
                .isEqualTo(new Command.Ask("how about you tell me why learning matters?"));
        assertThat(parser.parse("what about the thing he said about habits and learning and practice?")).isInstanceOf(Command.Ask.class);
        assertThat(parser.parse("what is the key to learning?")).isEqualTo(new Command.Ask("what is the key to learning?"));
        assertThat(parser.parse("ask what about habits")).isEqualTo(new Command.Ask("what about habits"));
        assertThat(parser.parseSlash("/ask", "what about habits?")).isEqualTo(new Command.Ask("what about habits?"));
        // a greeting alone, or a wrapper with nothing after it, is not stripped to nothing
        assertThat(parser.parse("hey")).isEqualTo(new Command.Quote("hey", 0));
        assertThat(parser.parse("what about?")).isEqualTo(new Command.Ask("what about?"));
    }

    @Test
    void slashCommands() {
        assertThat(parser.parseSlash("/quote", "habits")).isEqualTo(new Command.Quote("habits", 0));
        assertThat(parser.parseSlash("/quote", "help")).isEqualTo(new Command.Help());
        assertThat(parser.parseSlash("/quote", "")).isEqualTo(new Command.Help());
        assertThat(parser.parseSlash("/quote", "daily off")).isEqualTo(new Command.Daily("off"));
        assertThat(parser.parseSlash("/ask", "how do I learn")).isEqualTo(new Command.Ask("how do I learn"));
        assertThat(parser.parseSlash("/episode", "andrew ng")).isEqualTo(new Command.Episode("andrew ng"));
        assertThat(parser.parseSlash("/advice", "")).isEqualTo(new Command.Advice(null, false));
    }

    @Test
    void tooLongInputIsRefusedWithoutScanningIt() {
        assertThat(parser.parse("x".repeat(301))).isEqualTo(new Command.TooLong(301, 300));
        assertThat(parser.parse("y ".repeat(50_000))).isInstanceOf(Command.TooLong.class);
    }

    @Test
    void invisibleCharactersAreDropped() {
        assertThat(CommandParser.clean("ha\u200Bbits\u202E\u0000")).isEqualTo("habits");
        assertThat(CommandParser.normalise("  Habits,  HABITS!! ")).isEqualTo("habits habits");
    }

    @Property(tries = 2000)
    void anyInputParsesToACommandWithoutControlCharacters(@ForAll @StringLength(max = 400) String raw) {
        Command c = parser.parse(raw);
        assertThat(c).isNotNull();
        String text = c instanceof Command.Quote q ? q.topic()
                : c instanceof Command.Ask a ? a.question()
                : c instanceof Command.Episode e ? e.query()
                : c instanceof Command.Daily d ? d.args() : "";
        assertThat(text.codePoints()).noneMatch(cp -> Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT);
        assertThat(text).doesNotStartWith(" ").doesNotEndWith(" ");
    }
}
