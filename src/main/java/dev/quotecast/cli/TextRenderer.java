package dev.quotecast.cli;

import dev.quotecast.bot.Reply;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Text;

/** Renders replies as plain text for the console and one-shot commands. */
public final class TextRenderer {

    public String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply instanceof Reply.QuoteReply q) {
            quote(out, q.quote());
        } else if (reply instanceof Reply.AdviceReply a) {
            out.append(a.random() ? "Advice, picked at random:\n" : "Advice of the day, " + a.date() + ":\n");
            quote(out, a.advice());
        } else if (reply instanceof Reply.AnswerReply a) {
            out.append("“").append(a.answer().highlight().text()).append("”\n\n");
            out.append("  In context: ").append(a.answer().passage().text()).append('\n');
            cite(out, a.answer().highlight());
        } else if (reply instanceof Reply.EpisodeReply e) {
            card(out, e.card());
        } else if (reply instanceof Reply.ContextReply c) {
            out.append(c.context().text()).append('\n');
            cite(out, c.context());
        } else if (reply instanceof Reply.NotFound n) {
            out.append(n.message());
        } else if (reply instanceof Reply.Help h) {
            out.append("Quotecast answers from podcast transcripts. Try:\n");
            for (Reply.Help.Usage u : h.entries()) out.append(String.format("  %-46s %s%n", u.syntax(), u.description()));
        } else if (reply instanceof Reply.Info i) {
            out.append(i.message());
        } else if (reply instanceof Reply.Error e) {
            out.append(e.message());
        }
        return out.toString().stripTrailing();
    }

    private static void quote(StringBuilder out, Quote q) {
        out.append("“").append(q.text()).append("”\n");
        cite(out, q.moment());
    }

    static void cite(StringBuilder out, Moment m) {
        Episode e = m.episode();
        out.append("  — ").append(m.byline());
        if (e.title().show() != null) out.append(", ").append(e.title().show());
        if (e.title().number() != null) out.append(" #").append(e.title().number());
        out.append(" at ").append(m.clock());
        if (m.link() != null) out.append("\n  ").append(m.link());
        out.append('\n');
    }

    private static void card(StringBuilder out, EpisodeCard c) {
        Episode e = c.episode();
        out.append(e.title().full()).append('\n');
        if (e.title().guest() != null) out.append("Guest: ").append(e.title().guest()).append('\n');
        if (e.date() != null) out.append("Date: ").append(e.date()).append('\n');
        out.append("Length: ").append(Text.clock((int) e.duration().toSeconds())).append('\n');
        if (e.url() != null) out.append("Link: ").append(e.url()).append('\n');
        if (!c.summary().isEmpty()) {
            out.append("\nSummary:\n");
            for (Moment m : c.summary()) out.append("  • ").append(m.text()).append(" (").append(m.clock()).append(")\n");
        }
        if (!c.topics().isEmpty()) out.append("\nKey topics: ").append(String.join(", ", c.topics())).append('\n');
        if (!c.quotes().isEmpty()) {
            out.append("\nNotable quotes:\n");
            for (Quote q : c.quotes()) out.append("  “").append(q.text()).append("” (").append(q.moment().clock()).append(")\n");
        }
    }
}
