package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.content.Answer;
import dev.quotecast.content.EpisodeCard;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.EpisodeTitle;
import dev.quotecast.transcript.Sentence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/** Rendering rules that hold whatever the transcript says: Discord's limits, no pings, ids that fit. */
class EmbedRendererTest {

    final ButtonIds ids = new ButtonIds(1_000, Duration.ofHours(1));
    final EmbedRenderer renderer = new EmbedRenderer(ids);

    /** An episode whose sentences are {@code sentenceChars} long, some of them hostile. */
    static Episode episode(int sentences, int sentenceChars, String id) {
        List<Sentence> list = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String base = (i % 3 == 0 ? "Tell @everyone and @here, <@123456789012345678> and <@&42>: *habits* matter. " : "Practice daily. ");
            String text = base.repeat(Math.max(1, sentenceChars / base.length())).trim();
            list.add(new Sentence(i, text, i / 5, i * 40, i * 15, Sentence.Role.CONVERSATION));
        }
        return new Episode(id, EpisodeTitle.parse("Ada Lovelace: Engines, Poetry and @everyone | Test Show #7"),
                LocalDate.of(2021, 3, 4), Duration.ofMinutes(90), "https://www.youtube.com/watch?v=abcdefghijk", list, true,
                Path.of("x.txt"), "0");
    }

    static MessageEmbed only(MessageCreateData data) {
        assertThat(data.getEmbeds()).hasSize(1);
        return data.getEmbeds().get(0);
    }

    static void assertWithinLimits(MessageCreateData data) {
        assertThat(data.getContent().length()).isLessThanOrEqualTo(2_000);
        int total = 0;
        for (MessageEmbed e : data.getEmbeds()) {
            assertThat(e.getDescription() == null ? 0 : e.getDescription().length()).isLessThanOrEqualTo(4_096);
            assertThat(e.isSendable()).isTrue();
            total += e.getLength();
        }
        assertThat(total).isLessThanOrEqualTo(6_000);
        for (var row : data.getComponents()) {
            for (Button b : ((ActionRow) row).getButtons()) {
                if (b.getCustomId() != null) assertThat(b.getCustomId().length()).isLessThanOrEqualTo(100);
            }
        }
        assertThat(data.getAllowedMentions()).isEmpty();
        assertThat(data.getMentionedUsers()).isEmpty();
        assertThat(data.getMentionedRoles()).isEmpty();
        assertThat(data.isMentionRepliedUser()).isFalse();
    }

    static void assertDefused(MessageEmbed e) {
        String all = String.join("\n", e.getDescription() == null ? "" : e.getDescription(), e.getTitle() == null ? "" : e.getTitle(),
                e.getAuthor() == null ? "" : e.getAuthor().getName(), e.getFooter() == null ? "" : e.getFooter().getText(),
                e.getFields().stream().map(f -> f.getName() + f.getValue()).reduce("", String::concat));
        assertThat(all).doesNotContain("@everyone").doesNotContain("@here").doesNotContain("<@");
    }

    static List<Button> buttons(MessageCreateData data) {
        List<Button> out = new ArrayList<>();
        data.getComponents().forEach(r -> out.addAll(((ActionRow) r).getButtons()));
        return out;
    }

    @Test
    void aQuoteHasGuestEpisodeLinkTimeDateAndButtons() {
        Episode e = episode(10, 60, "ep-7");
        Moment m = new Moment(e, 4, 4);
        MessageCreateData data = renderer.render(new Reply.QuoteReply("habits", new Quote(m, 1.0), 0, true));
        MessageEmbed embed = only(data);
        assertThat(embed.getDescription()).startsWith("“Practice daily.").endsWith("”");
        assertThat(embed.getAuthor().getName()).isEqualTo("Ada Lovelace");
        assertThat(embed.getAuthor().getUrl()).isEqualTo("https://www.youtube.com/watch?v=abcdefghijk&t=60s");
        assertThat(embed.getUrl()).isEqualTo(embed.getAuthor().getUrl());
        assertThat(embed.getTitle()).isEqualTo("Test Show #7: Engines, Poetry and @\u200beveryone");
        assertThat(embed.getFooter().getText()).isEqualTo("≈1:00 · 2021-03-04");
        assertThat(buttons(data)).extracting(Button::getLabel).containsExactly("Another", "Show context", "Watch at ≈1:00");
        assertThat(ids.decode(buttons(data).get(0).getCustomId())).contains(new Command.Quote("habits", 1));
        assertThat(ids.decode(buttons(data).get(1).getCustomId())).contains(new Command.Context("ep-7#4-4"));
        assertWithinLimits(data);
    }

    @Test
    void theLastQuoteHasNoAnotherButton() {
        Moment m = new Moment(episode(3, 60, "ep"), 1, 1);
        MessageCreateData data = renderer.render(new Reply.QuoteReply("habits", new Quote(m, 1.0), 24, false));
        assertThat(buttons(data)).extracting(Button::getLabel).doesNotContain("Another");
    }

    @Test
    void transcriptTextCannotPingOrFormat() {
        Moment m = new Moment(episode(3, 120, "ep"), 0, 0);
        MessageCreateData data = renderer.render(new Reply.QuoteReply("habits", new Quote(m, 1.0), 0, false));
        MessageEmbed embed = only(data);
        assertDefused(embed);
        assertThat(embed.getDescription()).contains("@\u200beveryone", "<\u200b@123456789012345678>", "\\*habits\\*");
        assertWithinLimits(data);
    }

    @Test
    void hugeRepliesStayWithinDiscordLimits() {
        Episode huge = episode(40, 3_000, "ep-huge");
        Moment all = new Moment(huge, 0, 39);
        List<Reply> replies = List.of(
                new Reply.QuoteReply("x".repeat(300), new Quote(all, 1), 3, true),
                new Reply.AdviceReply(LocalDate.of(2026, 1, 1), new Quote(all, 1), false),
                new Reply.AnswerReply("why @everyone? ".repeat(40), new Answer(all, new Moment(huge, 3, 4), 1)),
                new Reply.ContextReply(new Moment(huge, 10, 11), all),
                new Reply.EpisodeReply("7", new EpisodeCard(huge, IntStream.range(0, 30).mapToObj(i -> new Moment(huge, i, i)).toList(),
                        IntStream.range(0, 200).mapToObj(i -> "topic" + i).toList(),
                        IntStream.range(0, 20).mapToObj(i -> new Quote(new Moment(huge, i, i), 1)).toList())),
                new Reply.NotFound("quote", "@everyone ".repeat(500), "I found no quote about that."),
                new Reply.Info("daily", "Scheduled @everyone ".repeat(400)),
                new Reply.Error("ask", Reply.Error.Kind.TOO_LONG, "That's too long for me."));
        for (Reply r : replies) {
            MessageCreateData data = renderer.render(r);
            assertWithinLimits(data);
            assertDefused(only(data));
        }
    }

    @Test
    void longTopicsAndEpisodeIdsStillGiveButtonsThatWork() {
        String longId = "an-episode-file-name-that-goes-on-" + "and-on-".repeat(20);
        Moment m = new Moment(episode(3, 60, longId), 1, 1);
        String topic = "habits ".repeat(40).trim();
        MessageCreateData data = renderer.render(new Reply.QuoteReply(topic, new Quote(m, 1), 0, true));
        assertWithinLimits(data);
        List<Button> bs = buttons(data);
        assertThat(bs.get(0).getCustomId()).startsWith("k:");
        assertThat(ids.decode(bs.get(0).getCustomId())).contains(new Command.Quote(topic, 1));
        assertThat(ids.decode(bs.get(1).getCustomId())).contains(new Command.Context(longId + "#1-1"));
    }

    @Test
    void helpListsTheSlashCommandsAndTheMentionGrammar() {
        MessageCreateData data = renderer.render(new Reply.Help(List.of(new Reply.Help.Usage("quote TOPIC", "the best quote"))));
        MessageEmbed embed = only(data);
        assertThat(embed.getDescription()).contains("/quote topic:", "/advice", "/episode query:", "/ask question:", "/help", "/daily");
        assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName).containsExactly("`quote TOPIC`");
        assertWithinLimits(data);
    }

    @Test
    void errorsAreEphemeralAndTheRestIsNot() {
        assertThat(renderer.ephemeral(new Reply.Error("x", Reply.Error.Kind.RATE_LIMITED, "slow down"))).isTrue();
        assertThat(renderer.ephemeral(new Reply.NotFound("quote", "q", "none"))).isFalse();
        assertThat(renderer.renderEdit(new Reply.Info("daily", "ok")).getAllowedMentions()).isEmpty();
    }

    @Test
    void allowedMentionsAreEmptyForEveryMentionType() {
        MessageCreateData data = renderer.render(new Reply.Info("daily", "hello"));
        assertThat(data.getAllowedMentions()).doesNotContain(Message.MentionType.values());
    }
}
