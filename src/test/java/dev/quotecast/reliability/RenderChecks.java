package dev.quotecast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import dev.quotecast.bot.Reply;
import dev.quotecast.cli.JsonRenderer;
import dev.quotecast.cli.TextRenderer;
import dev.quotecast.discord.EmbedRenderer;
import dev.quotecast.slack.BlockKitRenderer;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * What every rendered reply must satisfy, whatever text went in: the platform's size limits, valid
 * JSON, and nothing that pings or injects markup. Checks work on what is actually sent (the JSON the
 * Slack SDK and JDA serialise), so they see what the platform would see.
 */
final class RenderChecks {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final com.google.gson.Gson SLACK_GSON = GsonFactory.createSnakeCase();

    /** The only {@code <...>} the Slack renderer may emit: a link it built from an episode URL. */
    private static final Pattern SLACK_LINK = Pattern.compile("<(https?://[^\\s<>|]+)\\|([^<>|]*)>");
    private static final Pattern QUOTE_MARK = Pattern.compile("(?m)^>");
    private static final Pattern SLACK_ENTITY = Pattern.compile("&(amp|lt|gt);");
    private static final Pattern SLACK_BROADCAST = Pattern.compile("(?i)@(channel|here|everyone)\\b");
    private static final Pattern DISCORD_MASKED_LINK = Pattern.compile("\\[[^\\]]*\\]\\(");
    private static final Pattern ESCAPED = Pattern.compile("\\\\.", Pattern.DOTALL);

    final BlockKitRenderer slack = new BlockKitRenderer();
    final EmbedRenderer discord = new EmbedRenderer();
    final TextRenderer text = new TextRenderer();
    final JsonRenderer json = new JsonRenderer();

    /** Renders on every platform and checks each result. */
    void renderEverywhere(String query, Reply reply) {
        for (BlockKitRenderer.Visibility v : BlockKitRenderer.Visibility.values()) slack(slack.render(reply, v));
        discord(discord.render(reply));
        discord.renderEdit(reply);
        text(text.render(reply));
        json(json.render(query, reply), reply);
    }

    // ---------------------------------------------------------------- Slack

    static void slack(BlockKitRenderer.Message msg) {
        assertThat(msg.blocks()).as("blocks").hasSizeLessThanOrEqualTo(50);
        mrkdwn(msg.text(), "fallback text");
        assertThat(msg.text().length()).as("fallback text").isLessThanOrEqualTo(3_000);
        JsonNode blocks = parse(SLACK_GSON.toJson(msg.blocks()));
        assertThat(blocks.isArray()).isTrue();
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            switch (type) {
                case "section" -> {
                    if (b.has("text")) textObject(b.get("text"), 3_000, "section text");
                    JsonNode fields = b.path("fields");
                    assertThat(fields.size()).as("section fields").isLessThanOrEqualTo(10);
                    for (JsonNode f : fields) textObject(f, 2_000, "section field");
                    assertThat(b.has("text") || fields.size() > 0).as("a section has text or fields").isTrue();
                }
                case "context" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 10);
                    for (JsonNode e : b.path("elements")) textObject(e, 3_000, "context element");
                }
                case "header" -> {
                    assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
                    assertThat(b.path("text").path("text").asText().length()).as("header").isBetween(1, 150);
                }
                case "actions" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 25);
                    for (JsonNode e : b.path("elements")) {
                        assertThat(e.path("type").asText()).isEqualTo("button");
                        assertThat(e.path("text").path("text").asText().length()).as("button label").isBetween(1, 75);
                        assertThat(e.path("action_id").asText().length()).as("action_id").isBetween(1, 255);
                        assertThat(e.path("value").asText().length()).as("button value").isLessThanOrEqualTo(2_000);
                    }
                }
                case "divider" -> { }
                default -> throw new AssertionError("unexpected block type " + type + " in " + b);
            }
        }
    }

    private static void textObject(JsonNode t, int max, String what) {
        String s = t.path("text").asText();
        assertThat(s.length()).as(what + " length").isBetween(1, max);
        if ("mrkdwn".equals(t.path("type").asText())) {
            assertThat(t.path("verbatim").asBoolean()).as(what + " is verbatim").isTrue();
            mrkdwn(s, what);
        }
    }

    /**
     * Slack mrkdwn built from outside text: apart from the links the renderer made itself, no
     * {@code <} or {@code >} at all, every {@code &} an entity, and no bare broadcast word.
     */
    static void mrkdwn(String s, String what) {
        Matcher m = SLACK_LINK.matcher(s);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            assertThat(Episode.isWebUrl(m.group(1))).as(what + ": link target " + m.group(1)).isTrue();
            rest.append(s, last, m.start()).append(' ');
            last = m.end();
        }
        rest.append(s.substring(last));
        // the renderer's own block quotes: '>' first on a line
        String r = QUOTE_MARK.matcher(rest).replaceAll("");
        assertThat(r).as(what + ": raw < or > from outside text in «" + r + "»").doesNotContain("<").doesNotContain(">");
        String noEntities = SLACK_ENTITY.matcher(r).replaceAll("");
        assertThat(noEntities).as(what + ": bare & in «" + r + "»").doesNotContain("&");
        assertThat(SLACK_BROADCAST.matcher(s).find()).as(what + ": bare broadcast in «" + s + "»").isFalse();
        assertThat(s).doesNotContain("<!").doesNotContain("<@").doesNotContain("<#");
    }

    // ---------------------------------------------------------------- Discord

    static void discord(MessageCreateData data) {
        assertThat(data.getAllowedMentions()).as("allowed mentions").isEmpty();
        assertThat(data.getMentionedUsers()).isEmpty();
        assertThat(data.getMentionedRoles()).isEmpty();
        assertThat(data.isMentionRepliedUser()).isFalse();
        JsonNode sent = parse(data.toData().toString());
        assertThat(sent.path("allowed_mentions").path("parse").size()).as("allowed_mentions.parse").isZero();
        String content = sent.path("content").asText("");
        assertThat(content.length()).as("content").isLessThanOrEqualTo(2_000);
        shown(content, true, "content");
        int total = 0;
        for (JsonNode e : sent.path("embeds")) {
            String title = e.path("title").asText(""), description = e.path("description").asText("");
            String author = e.path("author").path("name").asText(""), footer = e.path("footer").path("text").asText("");
            assertThat(title.length()).as("title").isLessThanOrEqualTo(256);
            assertThat(description.length()).as("description").isLessThanOrEqualTo(4_096);
            assertThat(author.length()).as("author").isLessThanOrEqualTo(256);
            assertThat(footer.length()).as("footer").isLessThanOrEqualTo(2_048);
            assertThat(e.path("fields").size()).as("fields").isLessThanOrEqualTo(25);
            total += title.length() + description.length() + author.length() + footer.length();
            shown(title, true, "title");
            shown(description, true, "description");
            shown(author, false, "author");
            shown(footer, false, "footer");
            for (JsonNode f : e.path("fields")) {
                String name = f.path("name").asText(""), value = f.path("value").asText("");
                assertThat(name.length()).as("field name").isBetween(1, 256);
                assertThat(value.length()).as("field value").isBetween(1, 1_024);
                total += name.length() + value.length();
                shown(name, true, "field name");
                shown(value, true, "field value");
            }
        }
        assertThat(total).as("characters across embeds").isLessThanOrEqualTo(6_000);
        for (JsonNode row : sent.path("components")) {
            assertThat(row.path("components").size()).as("buttons in a row").isBetween(1, 5);
            for (JsonNode b : row.path("components")) {
                String id = b.path("custom_id").asText(null);
                if (id != null) assertThat(id.length()).as("custom_id").isBetween(1, 100);
                else assertThat(b.path("url").asText()).startsWith("https://");
                assertThat(b.path("label").asText().length()).as("button label").isBetween(1, 80);
                shown(b.path("label").asText(), false, "button label");
            }
        }
    }

    /** Text people see on Discord: no raw mass or user/role mention, and (where markdown renders) no injected markup. */
    static void shown(String s, boolean markdown, String what) {
        assertThat(s).as(what + " «" + s + "»").doesNotContain("@everyone").doesNotContain("@here").doesNotContain("<@").doesNotContain("<#");
        if (!markdown) return;
        String unescaped = ESCAPED.matcher(s).replaceAll("");
        assertThat(unescaped).as(what + ": unescaped spoiler/strike/underline in «" + s + "»")
                .doesNotContain("||").doesNotContain("~~").doesNotContain("__");
        assertThat(DISCORD_MASKED_LINK.matcher(unescaped).find()).as(what + ": masked link in «" + s + "»").isFalse();
    }

    // ---------------------------------------------------------------- console and JSON

    /** The console prints this to a terminal: no control character but the newline (no escape sequences). */
    static void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F);
            if (control) throw new AssertionError("control character U+" + String.format("%04X", (int) c) + " in console output at " + i + ": «" + s + "»");
        }
    }

    static void json(String s, Reply reply) {
        JsonNode n = parse(s);
        assertThat(n.path("command").asText()).isEqualTo(reply.command());
        assertThat(n.path("results").isArray()).isTrue();
        assertThat(s).doesNotContain("\n");
    }

    static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Every string leaf of a JSON tree. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) out.add(n.asText());
        for (JsonNode c : n) out.addAll(strings(c));
        return out;
    }
}
