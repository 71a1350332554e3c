package dev.quotecast.discord;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Text;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Renders a {@link Reply} as a Discord message: one embed (quote as the description, guest and
 * episode as author and title linked to the moment, {@code ≈mm:ss} and date in the footer) and a row
 * of buttons (Another, Show context, a link to the moment).
 *
 * <p>Every message it builds has empty allowed mentions, so nothing in it can ping anyone, and stays
 * within Discord's limits: 2,000 characters of content, 4,096 of description, 6,000 across the
 * embed, 100 per {@code custom_id}. Transcript and user text is markdown-escaped and defused.
 */
public final class EmbedRenderer {

    static final int CONTENT_MAX = 2_000;
    static final int EMBED_TOTAL_MAX = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    private static final Color QUOTE = new Color(0x2A9D8F);
    private static final Color ADVICE = new Color(0xE9C46A);
    private static final Color ANSWER = new Color(0x457B9D);
    private static final Color EPISODE = new Color(0x6D597A);
    private static final Color MUTED = new Color(0x8D99AE);
    private static final Color ERROR = new Color(0xE63946);

    private final ButtonIds buttons;

    EmbedRenderer(ButtonIds buttons) {
        this.buttons = buttons;
    }

    public EmbedRenderer() {
        this(new ButtonIds());
    }

    /** The message for a reply, with allowed mentions empty. */
    public MessageCreateData render(Reply reply) {
        EmbedBuilder embed = new EmbedBuilder();
        List<Button> row = new ArrayList<>();
        if (reply instanceof Reply.QuoteReply q) {
            quote(embed, q.quote(), QUOTE);
            if (q.hasMore()) row.add(Button.primary(buttons.encode(new Command.Quote(q.topic(), q.page() + 1)), "Another"));
            contextButtons(row, q.quote().moment());
        } else if (reply instanceof Reply.AdviceReply a) {
            quote(embed, a.advice(), ADVICE);
            embed.setTitle(a.random() ? "Advice, picked at random" : "Advice of the day · " + a.date(), link(a.advice().moment()));
            row.add(Button.primary(buttons.encode(new Command.Advice(null, true)), "Another"));
            contextButtons(row, a.advice().moment());
        } else if (reply instanceof Reply.AnswerReply a) {
            Moment passage = a.answer().passage();
            cite(embed, passage);
            embed.setColor(ANSWER);
            embed.setDescription("**Q:** " + DiscordText.safe(a.question(), 300) + "\n\n"
                    + DiscordText.cut(highlighted(passage, a.answer().highlight()), MessageEmbed.DESCRIPTION_MAX_LENGTH - 320));
            setFooter(embed, a.answer().highlight());
            contextButtons(row, passage);
        } else if (reply instanceof Reply.EpisodeReply e) {
            episode(embed, e.card());
        } else if (reply instanceof Reply.ContextReply c) {
            cite(embed, c.focus());
            embed.setColor(MUTED);
            embed.setDescription(DiscordText.cut(highlighted(c.context(), c.focus()), MessageEmbed.DESCRIPTION_MAX_LENGTH));
            setFooter(embed, c.context());
            watchButton(row, c.focus());
        } else if (reply instanceof Reply.NotFound n) {
            embed.setColor(MUTED).setTitle("Nothing found");
            embed.setDescription(DiscordText.cut(DiscordText.defuse(n.message()), MessageEmbed.DESCRIPTION_MAX_LENGTH));
            if (n.query() != null && !n.query().isBlank()) {
                embed.setFooter(DiscordText.cut(DiscordText.defuse(n.command() + ": " + n.query()), 200));
            }
        } else if (reply instanceof Reply.Help h) {
            help(embed, h);
        } else if (reply instanceof Reply.Info i) {
            embed.setColor(MUTED).setDescription(DiscordText.cut(DiscordText.defuse(i.message()), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        } else if (reply instanceof Reply.Error e) {
            embed.setColor(ERROR).setDescription(DiscordText.cut("⚠️ " + DiscordText.defuse(e.message()), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        }
        fit(embed);
        MessageCreateBuilder msg = new MessageCreateBuilder().setEmbeds(embed.build());
        if (!row.isEmpty()) msg.setComponents(ActionRow.of(row));
        return msg.setAllowedMentions(List.of()).mentionRepliedUser(false).build();
    }

    /** The same message as an edit (filling in a deferred reply), with allowed mentions empty. */
    public MessageEditData renderEdit(Reply reply) {
        MessageCreateData created = render(reply);
        return MessageEditData.fromCreateData(created);
    }

    /** Errors go only to the person who asked, when the platform allows it (slash commands). */
    public boolean ephemeral(Reply reply) {
        return reply instanceof Reply.Error;
    }

    private void quote(EmbedBuilder embed, Quote q, Color color) {
        cite(embed, q.moment());
        embed.setColor(color);
        embed.setDescription("“" + DiscordText.safe(q.text(), MessageEmbed.DESCRIPTION_MAX_LENGTH - 2) + "”");
        setFooter(embed, q.moment());
    }

    /** Who says it (the guest, unless the transcript names another speaker) as the author and the episode as the title, both linked to the moment. */
    private static void cite(EmbedBuilder embed, Moment m) {
        Episode e = m.episode();
        String link = link(m);
        embed.setAuthor(DiscordText.cut(DiscordText.defuse(m.byline()), MessageEmbed.AUTHOR_MAX_LENGTH), link);
        // titles render markdown (author names and footers do not): escape it, or a transcript's
        // "||x||" or "[x](url)" in a title becomes a spoiler or a link
        embed.setTitle(DiscordText.safe(episodeLabel(e), MessageEmbed.TITLE_MAX_LENGTH), link);
    }

    private static String episodeLabel(Episode e) {
        if (e.title().show() == null) return e.title().full();
        StringBuilder sb = new StringBuilder(e.title().show());
        if (e.title().number() != null) sb.append(" #").append(e.title().number());
        if (e.title().topic() != null) sb.append(": ").append(e.title().topic());
        return sb.toString();
    }

    private static void setFooter(EmbedBuilder embed, Moment m) {
        Episode e = m.episode();
        String footer = m.clock() + (e.date() != null ? " · " + e.date() : "");
        embed.setFooter(DiscordText.cut(footer, MessageEmbed.TEXT_MAX_LENGTH));
    }

    /** A web link to the moment, or null (embeds reject anything that is not http(s)). */
    private static String link(Moment m) {
        String l = m.link();
        return l != null && Episode.isWebUrl(l) && l.length() <= MessageEmbed.URL_MAX_LENGTH ? l : null;
    }

    private void contextButtons(List<Button> row, Moment m) {
        row.add(Button.secondary(buttons.encode(new Command.Context(m.key())), "Show context"));
        watchButton(row, m);
    }

    private static void watchButton(List<Button> row, Moment m) {
        String l = link(m);
        if (l != null && l.length() <= Button.URL_MAX_LENGTH) row.add(Button.link(l, "Watch at " + m.clock()));
    }

    /** The sentences of {@code outer}, with those of {@code focus} in bold. */
    private static String highlighted(Moment outer, Moment focus) {
        Episode e = outer.episode();
        StringBuilder sb = new StringBuilder();
        for (int i = outer.firstSentence(); i <= outer.lastSentence(); i++) {
            if (sb.length() > 0) sb.append(' ');
            String s = DiscordText.safe(e.sentence(i).text());
            boolean bold = focus.episode().id().equals(e.id()) && i >= focus.firstSentence() && i <= focus.lastSentence();
            sb.append(bold ? "**" + s + "**" : s);
        }
        return sb.toString();
    }

    private static void episode(EmbedBuilder embed, EpisodeCard card) {
        Episode e = card.episode();
        String url = e.url() != null && Episode.isWebUrl(e.url()) && e.url().length() <= MessageEmbed.URL_MAX_LENGTH ? e.url() : null;
        embed.setColor(EPISODE);
        embed.setTitle(DiscordText.safe(e.title().full(), MessageEmbed.TITLE_MAX_LENGTH), url);
        if (e.title().guest() != null) {
            embed.setAuthor(DiscordText.cut(DiscordText.defuse(e.title().guest()), MessageEmbed.AUTHOR_MAX_LENGTH), url);
        }
        StringBuilder summary = new StringBuilder();
        for (Moment m : card.summary()) {
            summary.append("• ").append(DiscordText.safe(m.text())).append(" (").append(m.clock()).append(")\n");
        }
        if (summary.length() > 0) embed.setDescription(DiscordText.cut(summary.toString().strip(), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        if (e.date() != null) embed.addField("Date", e.date().toString(), true);
        embed.addField("Length", Text.clock((int) e.duration().toSeconds()), true);
        if (!card.topics().isEmpty()) {
            embed.addField("Key topics", DiscordText.safe(String.join(", ", card.topics()), MessageEmbed.VALUE_MAX_LENGTH), false);
        }
        if (!card.quotes().isEmpty()) {
            StringBuilder quotes = new StringBuilder();
            int room = MessageEmbed.VALUE_MAX_LENGTH;
            for (Quote q : card.quotes()) {
                String line = "“" + DiscordText.safe(q.text()) + "” (" + q.moment().clock() + ")\n";
                if (quotes.length() + line.length() > room) {
                    if (quotes.length() == 0) quotes.append(DiscordText.cut(line, room));
                    break;
                }
                quotes.append(line);
            }
            embed.addField("Notable quotes", quotes.toString().strip(), false);
        }
        embed.setFooter(DiscordText.cut(DiscordText.defuse(e.id()), MessageEmbed.TEXT_MAX_LENGTH));
    }

    private static void help(EmbedBuilder embed, Reply.Help h) {
        embed.setColor(MUTED).setTitle("Quotecast");
        embed.setDescription("Quotes, advice and answers from podcast transcripts.\n"
                + "Slash commands: `/quote topic:` `/advice` `/episode query:` `/ask question:` `/help`, "
                + "and `/daily` for people who can manage the channel.\n"
                + "Or mention me (or DM me) with the same words:");
        for (Reply.Help.Usage u : h.entries()) {
            if (embed.getFields().size() >= MessageEmbed.MAX_FIELD_AMOUNT) break;
            embed.addField(DiscordText.cut("`" + u.syntax() + "`", MessageEmbed.TITLE_MAX_LENGTH),
                    DiscordText.cut(u.description(), MessageEmbed.VALUE_MAX_LENGTH), false);
        }
    }

    /** Trims the description until the whole embed is within the 6,000-character total. */
    private static void fit(EmbedBuilder embed) {
        int excess = embed.length() - EMBED_TOTAL_MAX;
        if (excess <= 0) return;
        StringBuilder d = embed.getDescriptionBuilder();
        embed.setDescription(DiscordText.cut(d.toString(), Math.max(1, d.length() - excess - 1)));
        while (embed.length() > EMBED_TOTAL_MAX && !embed.getFields().isEmpty()) {
            embed.getFields().remove(embed.getFields().size() - 1);
        }
    }
}
