package dev.quotecast.cli;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The terminal adapter: the same grammar as a chat mention, one line at a time. {@code another}
 * pages to the next quote and {@code context} shows the sentences around the last result, as the
 * chat buttons do.
 */
public final class Console {

    private final Commands commands;
    private final CommandParser parser;
    private final TextRenderer renderer = new TextRenderer();

    public Console(Commands commands, CommandParser parser) {
        this.commands = commands;
        this.parser = parser;
    }

    public void run(BufferedReader in, PrintStream out, boolean prompt) throws IOException {
        out.println("Quotecast console: " + commands.content().corpus().size() + " episode(s) loaded. Type `help`, or `quit` to leave.");
        Reply last = null;
        while (true) {
            if (prompt) {
                out.print("quotecast> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) break;
            String t = line.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) continue;
            if (t.equals("quit") || t.equals("exit")) break;
            Command c;
            if (t.equals("another") || t.equals("next")) {
                c = next(last);
            } else if (t.equals("context")) {
                c = context(last);
            } else {
                c = parser.parse(line);
            }
            Reply r = commands.handle(new Request("console", null, "console", c, true));
            out.println(renderer.render(r));
            if (r instanceof Reply.QuoteReply q && q.hasMore()) out.println("  (`another` for the next one, `context` for the sentences around it)");
            out.println();
            if (!(r instanceof Reply.Error)) last = r;
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
}
