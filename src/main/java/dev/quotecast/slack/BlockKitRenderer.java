package dev.quotecast.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.content.Answer;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Text;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link Reply} into Block Kit. All transcript and user text is escaped (see
 * {@link Mrkdwn}) and every mrkdwn object is {@code verbatim}, so quoted words can neither ping nor
 * link; only the links built here are live. Slack's limits are kept: 3,000 characters a section or
 * context element, 150 for a header, 50 blocks a message, text cut cleanly with "…".
 */
public final class BlockKitRenderer {

    public static final int SECTION_LIMIT = 3000;
    public static final int HEADER_LIMIT = 150;
    public static final int BLOCK_LIMIT = 50;
    /** Slack's limit on a button's value. */
    static final int VALUE_LIMIT = 2000;
    /** The notification / fallback text: short, it only shows in notifications and old clients. */
    static final int FALLBACK_LIMIT = 300;

    public static final String ACTION_ANOTHER = "quotecast_another";
    public static final String ACTION_CONTEXT = "quotecast_context";
    public static final String ACTION_POST = "quotecast_post";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    /** Who will see the message: a private reply gets a "Post to channel" button. */
    public enum Visibility { PRIVATE, PUBLIC }

    /** A rendered message: fallback text for notifications, and the blocks. */
    public record Message(String text, List<LayoutBlock> blocks) {
        public Message {
            blocks = List.copyOf(blocks);
        }
    }

    public Message render(Reply reply, Visibility visibility) {
        List<LayoutBlock> b = new ArrayList<>();
        String text;
        boolean priv = visibility == Visibility.PRIVATE;
        if (reply instanceof Reply.QuoteReply q) {
            text = fallback("“" + q.quote().text() + "”");
            quote(b, q.quote().moment());
            b.add(citation(q.quote().moment()));
            List<BlockElement> buttons = new ArrayList<>();
            if (q.hasMore()) buttons.add(button("Another", ACTION_ANOTHER, new ButtonValue.Run(priv, new Command.Quote(q.topic(), q.page() + 1))));
            buttons.add(contextButton(priv, q.quote().moment()));
            postButton(reply, priv).ifPresent(buttons::add);
            actions(b, buttons);
        } else if (reply instanceof Reply.AdviceReply a) {
            text = fallback((a.random() ? "Advice: " : "Advice of the day: ") + "“" + a.advice().text() + "”");
            b.add(section(a.random() ? "*Advice, picked at random*" : "*Advice of the day* · " + DATE.format(a.date())));
            quote(b, a.advice().moment());
            b.add(citation(a.advice().moment()));
            List<BlockElement> buttons = new ArrayList<>();
            buttons.add(button("Another", ACTION_ANOTHER, new ButtonValue.Run(priv, new Command.Advice(null, true))));
            buttons.add(contextButton(priv, a.advice().moment()));
            postButton(reply, priv).ifPresent(buttons::add);
            actions(b, buttons);
        } else if (reply instanceof Reply.AnswerReply r) {
            Answer ans = r.answer();
            text = fallback("“" + ans.highlight().text() + "”");
            b.add(section("*Q:* " + Mrkdwn.fit(r.question(), SECTION_LIMIT - 8)));
            quote(b, ans.highlight());
            if (ans.passage().firstSentence() != ans.highlight().firstSentence() || ans.passage().lastSentence() != ans.highlight().lastSentence()) {
                b.add(section("_In context:_ " + Mrkdwn.fit(ans.passage().text(), SECTION_LIMIT - 14)));
            }
            b.add(citation(ans.highlight()));
            List<BlockElement> buttons = new ArrayList<>();
            buttons.add(contextButton(priv, ans.highlight()));
            postButton(reply, priv).ifPresent(buttons::add);
            actions(b, buttons);
        } else if (reply instanceof Reply.EpisodeReply e) {
            text = fallback(e.card().episode().title().full());
            card(b, e.card());
            postButton(reply, priv).ifPresent(p -> actions(b, List.of(p)));
        } else if (reply instanceof Reply.ContextReply c) {
            text = fallback(c.context().text());
            Moment ctx = c.context(), focus = c.focus();
            Episode ep = ctx.episode();
            String before = ep.text(ctx.firstSentence(), focus.firstSentence() - 1);
            String middle = focus.text();
            String after = ep.text(focus.lastSentence() + 1, ctx.lastSentence());
            int room = SECTION_LIMIT - 8;
            String mid = "*" + Mrkdwn.fit(middle, Math.min(room, 1500)) + "*";
            room -= mid.length();
            String pre = before.isEmpty() ? "" : Mrkdwn.fit(before, Math.max(1, room / 2)) + " ";
            room -= pre.length();
            String post = after.isEmpty() ? "" : " " + Mrkdwn.fit(after, Math.max(1, room - 1));
            b.add(section(">" + pre + mid + post));
            b.add(citation(ctx));
            postButton(reply, priv).ifPresent(p -> actions(b, List.of(p)));
        } else if (reply instanceof Reply.NotFound n) {
            text = fallback(n.message());
            b.add(section(":mag: " + Mrkdwn.fit(n.message(), SECTION_LIMIT - 6)));
            if (n.query() != null && !n.query().isBlank()) {
                b.add(contextLine("You asked: “" + Mrkdwn.fit(n.query(), SECTION_LIMIT - 20) + "”"));
            }
        } else if (reply instanceof Reply.Help h) {
            text = "Quotecast: quotes, advice and answers from podcast transcripts";
            help(b, h);
        } else if (reply instanceof Reply.Info i) {
            text = fallback(i.message());
            b.add(section(Mrkdwn.fit(i.message(), SECTION_LIMIT)));
        } else if (reply instanceof Reply.Error e) {
            text = fallback(e.message());
            b.add(section(":warning: " + Mrkdwn.fit(e.message(), SECTION_LIMIT - 10)));
        } else {
            throw new IllegalArgumentException("unknown reply " + reply);
        }
        return new Message(text, capped(b));
    }

    /** The App Home tab: today's advice (or whatever the engine said instead) and how to use the app. */
    public List<LayoutBlock> home(Reply todaysAdvice, Reply help) {
        List<LayoutBlock> b = new ArrayList<>();
        b.add(HeaderBlock.builder().text(plain("Quotecast")).build());
        b.add(section("Quotes, advice and answers from podcast transcripts, with the episode, the time and a link to the moment."));
        b.add(DividerBlock.builder().build());
        if (todaysAdvice instanceof Reply.AdviceReply a) {
            b.add(section("*Advice of the day* · " + DATE.format(a.date())));
            quote(b, a.advice().moment());
            b.add(citation(a.advice().moment()));
        } else {
            b.addAll(render(todaysAdvice, Visibility.PUBLIC).blocks());
        }
        b.add(DividerBlock.builder().build());
        if (help instanceof Reply.Help h) help(b, h);
        else b.addAll(render(help, Visibility.PUBLIC).blocks());
        return capped(b);
    }

    private void help(List<LayoutBlock> b, Reply.Help h) {
        b.add(section("*Quotecast* answers from podcast transcripts. Your results are private until you press *Post to channel*."));
        StringBuilder lines = new StringBuilder();
        for (Reply.Help.Usage u : h.entries()) {
            lines.append("• `").append(Mrkdwn.escape(slashSyntax(u.syntax()))).append("` — ").append(Mrkdwn.escape(u.description())).append('\n');
        }
        b.add(section(cut(lines.toString().stripTrailing())));
        b.add(contextLine("You can also mention @Quotecast in a channel it is in: `@Quotecast habits`, `@Quotecast how do I build a habit?` — it answers in the thread."));
    }

    /** The shared help names console verbs; in Slack they are slash commands. */
    static String slashSyntax(String syntax) {
        String first = syntax.split(" ", 2)[0];
        return switch (first) {
            case "quote", "advice", "episode", "ask" -> "/" + syntax;
            case "daily", "help" -> "/quote " + syntax;
            default -> syntax;
        };
    }

    private void card(List<LayoutBlock> b, EpisodeCard c) {
        Episode e = c.episode();
        b.add(HeaderBlock.builder().text(plain(Mrkdwn.plain(e.title().full(), HEADER_LIMIT))).build());
        List<TextObject> fields = new ArrayList<>();
        if (e.title().guest() != null) fields.add(mrkdwn("*Guest*\n" + Mrkdwn.fit(e.title().guest(), 1900)));
        if (e.date() != null) fields.add(mrkdwn("*Date*\n" + DATE.format(e.date())));
        fields.add(mrkdwn("*Length*\n" + Text.clock((int) e.duration().toSeconds())));
        if (e.url() != null && Episode.isWebUrl(e.url())) fields.add(mrkdwn("*Link*\n<" + e.url() + "|Watch>"));
        b.add(SectionBlock.builder().fields(fields).build());
        if (!c.summary().isEmpty()) {
            StringBuilder s = new StringBuilder("*Summary*");
            int each = Math.max(100, (SECTION_LIMIT - 20) / c.summary().size() - 40);
            for (Moment m : c.summary()) s.append("\n• ").append(Mrkdwn.fit(m.text(), each)).append(" (").append(clockLink(m)).append(')');
            b.add(section(cut(s.toString())));
        }
        if (!c.topics().isEmpty()) b.add(section("*Key topics:* " + Mrkdwn.fit(String.join(", ", c.topics()), SECTION_LIMIT - 20)));
        if (!c.quotes().isEmpty()) {
            StringBuilder s = new StringBuilder("*Notable quotes*");
            int each = Math.max(100, (SECTION_LIMIT - 20) / c.quotes().size() - 40);
            for (Quote q : c.quotes()) s.append("\n>“").append(Mrkdwn.fit(q.text(), each)).append("” ").append(clockLink(q.moment()));
            b.add(section(cut(s.toString())));
        }
    }

    private static void quote(List<LayoutBlock> b, Moment m) {
        b.add(section(">" + Mrkdwn.fit(m.text(), SECTION_LIMIT - 1)));
    }

    /** Episode, guest, date and {@code ≈mm:ss}, the time linked to the moment. */
    static ContextBlock citation(Moment m) {
        Episode e = m.episode();
        StringBuilder s = new StringBuilder();
        // who says it: the speaker the transcript names, else the guest
        String by = m.speaker() != null ? m.speaker() : e.title().guest();
        if (by != null) s.append('*').append(Mrkdwn.fit(by, 200)).append("* · ");
        if (e.title().show() != null) {
            s.append(Mrkdwn.fit(e.title().show(), 200));
            if (e.title().number() != null) s.append(" #").append(e.title().number());
        } else {
            s.append(Mrkdwn.fit(e.title().full(), 400));
        }
        if (e.date() != null) s.append(" · ").append(DATE.format(e.date()));
        s.append(" · ").append(clockLink(m));
        return contextLine(s.toString());
    }

    /** {@code <link|≈21:34>} when the episode has a web link, the bare time otherwise. */
    static String clockLink(Moment m) {
        String link = m.link();
        if (link == null || !Episode.isWebUrl(link) || link.indexOf('|') >= 0) return m.clock();
        return "<" + link + "|" + m.clock() + ">";
    }

    private static ButtonElement contextButton(boolean priv, Moment m) {
        return button("Show context", ACTION_CONTEXT, new ButtonValue.Run(priv, new Command.Context(m.key())));
    }

    /** "Post to channel" on private replies that can be shown again. */
    private static Optional<ButtonElement> postButton(Reply reply, boolean priv) {
        if (!priv) return Optional.empty();
        return replay(reply).map(v -> {
            ButtonElement e = button("Post to channel", ACTION_POST, v);
            e.setStyle("primary");
            return e;
        });
    }

    /** How to produce this reply again, for a button; empty for replies nobody would post. */
    static Optional<ButtonValue> replay(Reply reply) {
        if (reply instanceof Reply.QuoteReply q) return Optional.of(new ButtonValue.Run(true, new Command.Quote(q.topic(), q.page())));
        if (reply instanceof Reply.AdviceReply a) {
            return Optional.of(a.random()
                    ? new ButtonValue.ShowAdvice(true, a.date(), a.advice().moment().key())
                    : new ButtonValue.Run(true, new Command.Advice(a.date(), false)));
        }
        if (reply instanceof Reply.AnswerReply a) return Optional.of(new ButtonValue.Run(true, new Command.Ask(a.question())));
        if (reply instanceof Reply.EpisodeReply e) return Optional.of(new ButtonValue.Run(true, new Command.Episode(e.query())));
        if (reply instanceof Reply.ContextReply c) return Optional.of(new ButtonValue.Run(true, new Command.Context(c.focus().key())));
        return Optional.empty();
    }

    private static ButtonElement button(String label, String actionId, ButtonValue value) {
        return ButtonElement.builder().text(plain(label)).actionId(actionId).value(value.encode()).build();
    }

    /**
     * Adds a row of buttons. A button whose value would pass Slack's 2,000 characters (a topic or
     * question near {@code limits.maxQueryChars}, which may be 10,000) is left out: Slack refuses
     * the whole message otherwise.
     */
    private static void actions(List<LayoutBlock> b, List<BlockElement> elements) {
        List<BlockElement> fit = new ArrayList<>();
        for (BlockElement e : elements) {
            if (!(e instanceof ButtonElement btn) || btn.getValue() == null || btn.getValue().length() <= VALUE_LIMIT) fit.add(e);
        }
        if (!fit.isEmpty()) b.add(ActionsBlock.builder().elements(fit).build());
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(mrkdwn(mrkdwn)).build();
    }

    private static ContextBlock contextLine(String mrkdwn) {
        List<ContextBlockElement> els = new ArrayList<>();
        els.add(mrkdwn(mrkdwn));
        return ContextBlock.builder().elements(els).build();
    }

    private static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(cut(text)).verbatim(true).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    /** Last line of defence for text already escaped: cut at a line or space, never inside an entity or a link. */
    private static String cut(String mrkdwn) {
        if (mrkdwn.length() <= SECTION_LIMIT) return mrkdwn;
        int end = SECTION_LIMIT - Mrkdwn.ELLIPSIS.length();
        int nl = mrkdwn.lastIndexOf('\n', end);
        if (nl > SECTION_LIMIT / 2) end = nl;
        else {
            int sp = mrkdwn.lastIndexOf(' ', end);
            if (sp > SECTION_LIMIT / 2) end = sp;
        }
        int amp = mrkdwn.lastIndexOf('&', end), semi = mrkdwn.lastIndexOf(';', end);
        if (amp > semi) end = amp;
        int lt = mrkdwn.lastIndexOf('<', end - 1), gt = mrkdwn.lastIndexOf('>', end - 1);
        if (lt > gt) end = lt;
        return mrkdwn.substring(0, end).stripTrailing() + Mrkdwn.ELLIPSIS;
    }

    /** At most 50 blocks: the last kept one says that more was left out. */
    static List<LayoutBlock> capped(List<LayoutBlock> blocks) {
        if (blocks.size() <= BLOCK_LIMIT) return blocks;
        List<LayoutBlock> out = new ArrayList<>(blocks.subList(0, BLOCK_LIMIT - 1));
        out.add(contextLine(Mrkdwn.ELLIPSIS + " (more than Slack shows in one message)"));
        return out;
    }

    private static String fallback(String raw) {
        return Mrkdwn.fit(raw, FALLBACK_LIMIT);
    }
}
