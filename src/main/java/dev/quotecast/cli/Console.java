package dev.quotecast.cli;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal adapter: the same grammar as a chat mention, one line at a time. {@code another}
 * pages to the next quote and {@code context} shows the sentences around the last result, as the
 * chat buttons do; neither ends the other, as clicking one button leaves the other on the message.
 */
public final class Console {

    /** What the console can do: the chat commands but {@code daily} (it posts into a channel), and its own three words. */
    static final Reply.Help HELP = consoleHelp();

    private final Commands commands;
    private final CommandParser parser;
    private final TextRenderer renderer = new TextRenderer();

    public Console(Commands commands, CommandParser parser) {
        this.commands = commands;
        this.parser = parser;
    }

    /**
     * Answers each line of {@code in} until its end or {@code quit}. {@code interactive} adds the
     * greeting, the prompt and the paging hint, which a person at a terminal needs and piped
     * output (one reply per command, each followed by a blank line) does not.
     */
    public void run(BufferedReader in, PrintStream out, boolean interactive) throws IOException {
        if (interactive) {
            out.println("Quotecast console: " + commands.content().corpus().size() + " episode(s) loaded. Type `help`, or `quit` to leave.");
        }
        Reply paged = null; // the last quote or advice: what `another` continues
        Reply shown = null; // the last quote, advice or answer: what `context` opens
        while (true) {
            if (interactive) {
                out.print("quotecast> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) break;
            // the console's own words take a slash as the commands do ("/another" after "/quote habits")
            String t = line.trim().toLowerCase(Locale.ROOT).replaceFirst("^/", "");
            if (t.isEmpty()) continue;
            if (t.equals("quit") || t.equals("exit")) break;
            Command c;
            if (t.equals("another") || t.equals("next")) {
                c = next(paged);
            } else if (t.equals("context")) {
                c = context(shown);
            } else {
                c = parser.parse(line);
            }
            Reply r = c instanceof Command.Help ? HELP : commands.handle(new Request("console", null, "console", c, true));
            out.println(renderer.render(r));
            if (interactive && r instanceof Reply.QuoteReply q && q.hasMore()) {
                out.println("  (`another` for the next one, `context` for the sentences around it)");
            }
            out.println();
            if (r instanceof Reply.QuoteReply || r instanceof Reply.AdviceReply) paged = r;
            if (r instanceof Reply.QuoteReply || r instanceof Reply.AdviceReply || r instanceof Reply.AnswerReply) shown = r;
            if (r instanceof Reply.AnswerReply) paged = null;
        }
    }

    private static Command next(Reply last) {
        if (last instanceof Reply.QuoteReply q) return new Command.Quote(q.topic(), q.page() + 1);
        if (last instanceof Reply.AdviceReply) return new Command.Advice(null, true);
        return new Command.Invalid("`another` follows a quote or an advice.");
    }

    private static Command context(Reply last) {
        if (last instanceof Reply.QuoteReply q) return new Command.Context(q.quote().moment().key());
        if (last instanceof Reply.AdviceReply a) return new Command.Context(a.advice().moment().key());
        if (last instanceof Reply.AnswerReply a) return new Command.Context(a.answer().highlight().key());
        return new Command.Invalid("`context` follows a quote, an advice or an answer.");
    }

    private static Reply.Help consoleHelp() {
        List<Reply.Help.Usage> entries = new ArrayList<>();
        for (Reply.Help.Usage u : Commands.help().entries()) {
            if (u.syntax().startsWith("daily") || u.syntax().equals("help")) continue;
            entries.add(u);
        }
        entries.add(new Reply.Help.Usage("another", "the next quote on the same topic, or another advice"));
        entries.add(new Reply.Help.Usage("context", "the sentences around the last quote, advice or answer"));
        entries.add(new Reply.Help.Usage("help", "this list"));
        entries.add(new Reply.Help.Usage("quit", "leave the console (so does the end of the input)"));
        return new Reply.Help(List.copyOf(entries));
    }
}
