package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript whose words contain Slack control sequences, served end to end through Bolt: what
 * reaches Slack shows them as text and cannot ping anyone.
 */
class SlackEscapingTest {

    static final String TRANSCRIPT = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Jane Doe: Gardening and Patience | Test Show #5

            Date: 01/02/2021

            Duration: 0 hours, 10 minutes, 0 seconds

            Model: Whisper-small

            Welcome to the show. Today we talk with Jane about her garden and the people who helped her grow it.

            Gardening taught me that patience beats every shortcut, tell <!channel> and <@U123> that tomatoes & roses need time.

            Everyone who visits the garden learns something about waiting for the right season to plant the seeds.

            The compost pile is where the real work of the garden happens, slowly and quietly over many months.
            """;

    @Test
    void transcriptTextWithChannelAndUserMentionsComesOutEscaped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("test-show-005-jane-doe.txt"), TRANSCRIPT);
        try (FakeSlackApi fake = new FakeSlackApi();
             Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(dir))
                     .withSlack(new BotConfig.Slack("xoxb-test", null, "s3cret", fake.apiUrl(), List.of())));
             HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
             SlackBot bot = new SlackBot(engine, http)) {
            bot.start();
            http.start();
            URI events = URI.create("http://127.0.0.1:" + http.port() + SlackBot.EVENTS_PATH);
            SlackSigning signing = new SlackSigning("s3cret");

            HttpResponse<String> ack = signing.post(events, SlackPayloads.slashCommand("/quote", "patience tomatoes", "U9", "C0", fake.responseUrl("e1")));
            JsonNode blocks = new ObjectMapper().readTree(ack.body()).path("blocks");
            String quote = blocks.get(0).path("text").path("text").asText();
            assertThat(quote).contains("tell &lt;!channel&gt; and &lt;@U123&gt; that tomatoes &amp; roses need time.");
            assertThat(blocks.findValues("text").toString()).doesNotContain("<!channel>").doesNotContain("<@U123>");

            // the same through a mention, posted with chat.postMessage
            signing.post(events, SlackPayloads.appMention("EvEsc", "U9", "C0", "<@" + FakeSlackApi.BOT_USER + "> quote patience tomatoes",
                    "1700000000.000900", null));
            FakeSlackApi.Call post = fake.awaitOne("chat.postMessage", Duration.ofSeconds(5));
            assertThat(post.json().path("text").asText()).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
            assertThat(post.field("blocks").findValues("text").toString()).doesNotContain("<!channel>").doesNotContain("<@U123>")
                    .contains("&lt;@U123&gt;");
        }
    }
}
