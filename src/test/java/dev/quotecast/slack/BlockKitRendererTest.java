package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final BlockKitRenderer renderer = new BlockKitRenderer();

    static Episode episode(String... sentences) {
        List<Sentence> s = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) s.add(new Sentence(i, sentences[i], 0, i * 10, 60 * i + 5, Sentence.Role.CONVERSATION));
        return new Episode("test-005", EpisodeTitle.parse("Jane <Doe>: Pings & Links | Test Show #5"), LocalDate.of(2021, 1, 2),
                Duration.ofMinutes(90), "https://www.youtube.com/watch?v=abcdefghijk", s, true, Path.of("test.txt"), "x");
    }

    static JsonNode json(List<LayoutBlock> blocks) throws Exception {
        return JSON.readTree(new Gson().toJson(blocks));
    }

    @Test
    void transcriptTextCannotPingOrLink() throws Exception {
        Episode e = episode("Tell <!channel> and <@U123> that <https://evil.example|this> is 1 & 2 > 1, @here and @everyone.");
        Moment m = new Moment(e, 0, 0);
        BlockKitRenderer.Message msg = renderer.render(new Reply.QuoteReply("pings <!here>", new Quote(m, 1), 0, true), BlockKitRenderer.Visibility.PRIVATE);
        String quote = json(msg.blocks()).get(0).path("text").path("text").asText();
        assertThat(quote).isEqualTo(">Tell &lt;!channel&gt; and &lt;@U123&gt; that &lt;https://evil.example|this&gt; is 1 &amp; 2 &gt; 1, @\u2060here and @\u2060everyone.");
        assertThat(msg.text()).doesNotContain("<!channel>").doesNotContain("<@U123>").contains("&lt;!channel&gt;");
        // what Slack displays (button values are data handed back on a click, never shown)
        String all = json(msg.blocks()).findValues("text").toString();
        assertThat(all).doesNotContain("<!").doesNotContain("<@").contains("*Jane &lt;Doe&gt;*");
        // the only live link is the one to the moment
        assertThat(all).contains("<https://www.youtube.com/watch?v=abcdefghijk&t=5s|≈0:05>");
        // every mrkdwn object is verbatim, so Slack does no auto-parsing of its own
        for (JsonNode b : json(msg.blocks())) {
            if (b.has("text") && b.path("text").path("type").asText().equals("mrkdwn")) assertThat(b.path("text").path("verbatim").asBoolean()).isTrue();
        }
    }

    @Test
    void userTextInNotFoundAndQuestionsIsEscaped() throws Exception {
        BlockKitRenderer.Message nf = renderer.render(new Reply.NotFound("quote", "<!channel> & friends", "I found no quote about that."),
                BlockKitRenderer.Visibility.PRIVATE);
        assertThat(json(nf.blocks()).toString()).contains("You asked: “&lt;!channel&gt; &amp; friends”").doesNotContain("<!channel>");
    }

    @Test
    void longTextIsCutCleanlyToTheSectionLimit() throws Exception {
        String word = "learning & <growth> ";
        String longSentence = "Remember " + word.repeat(400) + "always.";
        Episode e = episode(longSentence);
        BlockKitRenderer.Message msg = renderer.render(new Reply.QuoteReply("x", new Quote(new Moment(e, 0, 0), 1), 0, false), BlockKitRenderer.Visibility.PUBLIC);
        String quote = json(msg.blocks()).get(0).path("text").path("text").asText();
        assertThat(quote.length()).isLessThanOrEqualTo(BlockKitRenderer.SECTION_LIMIT);
        assertThat(quote).endsWith("…").doesNotContain("&am…").doesNotContain("&l…");
        assertThat(quote.charAt(quote.length() - 2)).isNotEqualTo(' ');
        assertThat(quote.replace("…", "")).matches("(?s)>Remember (learning &amp; &lt;growth&gt; )*learning( &amp;( &lt;growth&gt;)?)?");
        assertThat(msg.text().length()).isLessThanOrEqualTo(BlockKitRenderer.FALLBACK_LIMIT);
    }

    @Test
    void fitNeverSplitsEntitiesOrSurrogates() {
        for (int max = 2; max < 40; max++) {
            String s = Mrkdwn.fit("a&b<c>d😀e😀f&&&<<<>>> long words here", max);
            assertThat(s.length()).isLessThanOrEqualTo(max);
            assertThat(s).doesNotContainPattern("&(a|am|l|g|lt|gt|amp)?…").doesNotContainPattern("[\uD800-\uDBFF]…");
        }
        assertThat(Mrkdwn.fit("short", 10)).isEqualTo("short");
    }

    @Test
    void noMoreThanFiftyBlocks() throws Exception {
        List<LayoutBlock> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) many.add(DividerBlock.builder().build());
        List<LayoutBlock> capped = BlockKitRenderer.capped(many);
        assertThat(capped).hasSize(BlockKitRenderer.BLOCK_LIMIT);
        assertThat(json(capped).get(49).toString()).contains("…");
        assertThat(BlockKitRenderer.capped(many.subList(0, 50))).hasSize(50);
    }

    @Test
    void helpIsRenderedWithSlashCommands() throws Exception {
        Reply.Help help = new Reply.Help(List.of(new Reply.Help.Usage("quote TOPIC", "a quote"), new Reply.Help.Usage("daily 09:00 Europe/Berlin", "daily <posts>"),
                new Reply.Help.Usage("help", "this list")));
        String all = json(renderer.render(help, BlockKitRenderer.Visibility.PRIVATE).blocks()).toString();
        assertThat(all).contains("`/quote TOPIC` — a quote").contains("`/quote daily 09:00 Europe/Berlin` — daily &lt;posts&gt;").contains("`/quote help`");
    }

    @Test
    void buttonsCarryWhatTheClickNeeds() throws Exception {
        Episode e = episode("Patience is the one habit that pays for all the others in the end.", "Second sentence here for context.");
        Quote q = new Quote(new Moment(e, 0, 0), 1);
        JsonNode priv = json(renderer.render(new Reply.QuoteReply("habits | tricks", q, 2, true), BlockKitRenderer.Visibility.PRIVATE).blocks());
        JsonNode actions = priv.get(priv.size() - 1).path("elements");
        assertThat(actions.get(0).path("value").asText()).isEqualTo("p|q|3|habits | tricks");
        assertThat(actions.get(1).path("value").asText()).isEqualTo("p|x|test-005#0-0");
        assertThat(actions.get(2).path("value").asText()).isEqualTo("p|q|2|habits | tricks");
        assertThat(ButtonValue.decode(actions.get(0).path("value").asText()))
                .contains(new ButtonValue.Run(true, new Command.Quote("habits | tricks", 3)));

        JsonNode pub = json(renderer.render(new Reply.AdviceReply(LocalDate.of(2026, 1, 2), q, true), BlockKitRenderer.Visibility.PUBLIC).blocks());
        assertThat(pub.toString()).doesNotContain(BlockKitRenderer.ACTION_POST).contains("c|a||1");
        JsonNode randomPriv = json(renderer.render(new Reply.AdviceReply(LocalDate.of(2026, 1, 2), q, true), BlockKitRenderer.Visibility.PRIVATE).blocks());
        assertThat(randomPriv.toString()).contains("p|m|2026-01-02|test-005#0-0");
        assertThat(ButtonValue.decode("p|m|2026-01-02|test-005#0-0")).contains(new ButtonValue.ShowAdvice(true, LocalDate.of(2026, 1, 2), "test-005#0-0"));
        assertThat(ButtonValue.decode("z|q|1|x")).isEmpty();
        assertThat(ButtonValue.decode("p|q|-1|x")).isEmpty();
        assertThat(ButtonValue.decode("p|m|notadate|k")).isEqualTo(Optional.empty());
    }
}
