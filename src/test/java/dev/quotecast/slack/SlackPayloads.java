package dev.quotecast.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request bodies as Slack sends them, for tests: slash commands (form posts), Events API
 * callbacks (JSON) and block actions (a form with one {@code payload} field of JSON).
 */
public final class SlackPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayloads() {}

    /** The fields of a slash command; the same map serves HTTP (as a form) and Socket Mode (as JSON). */
    public static Map<String, String> slashFields(String command, String text, String user, String channel, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "verification-token-unused");
        f.put("team_id", FakeSlackApi.TEAM);
        f.put("team_domain", "quotecast-test");
        f.put("channel_id", channel);
        f.put("channel_name", "general");
        f.put("user_id", user);
        f.put("user_name", "someone");
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A0000001");
        f.put("response_url", responseUrl);
        f.put("trigger_id", "1.2.3");
        return f;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String slashCommand(String command, String text, String user, String channel, String responseUrl) {
        return form(slashFields(command, text, user, channel, responseUrl));
    }

    /** An {@code event_callback} body for {@code app_mention}; {@code threadTs} may be null. */
    public static String appMention(String eventId, String user, String channel, String text, String ts, String threadTs) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("type", "app_mention");
        ev.put("user", user);
        ev.put("text", text);
        ev.put("ts", ts);
        if (threadTs != null) ev.put("thread_ts", threadTs);
        ev.put("channel", channel);
        ev.put("event_ts", ts);
        return eventJson(eventId, ev);
    }

    /** An {@code event_callback} body for {@code app_home_opened} on the Home tab. */
    public static String appHomeOpened(String eventId, String user) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("type", "app_home_opened");
        ev.put("user", user);
        ev.put("channel", "D0000001");
        ev.put("tab", "home");
        ev.put("event_ts", "1700000000.000001");
        return eventJson(eventId, ev);
    }

    static String eventJson(String eventId, ObjectNode event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("token", "verification-token-unused");
        body.put("team_id", FakeSlackApi.TEAM);
        body.put("api_app_id", "A0000001");
        body.set("event", event);
        body.put("type", "event_callback");
        body.put("event_id", eventId);
        body.put("event_time", 1700000000);
        ArrayNode auths = body.putArray("authorizations");
        ObjectNode a = auths.addObject();
        a.put("team_id", FakeSlackApi.TEAM);
        a.put("user_id", FakeSlackApi.BOT_USER);
        a.put("is_bot", true);
        return body.toString();
    }

    /**
     * {@code body} as if it came from workspace {@code team}: an event's {@code team_id} and
     * authorization, or a slash command's {@code team_id} field.
     */
    public static String inTeam(String body, String team) {
        if (!body.startsWith("{")) return body.replace("team_id=" + FakeSlackApi.TEAM, "team_id=" + team);
        try {
            ObjectNode b = (ObjectNode) JSON.readTree(body);
            b.put("team_id", team);
            if (b.has("authorizations")) {
                ((ObjectNode) b.get("authorizations").get(0)).put("team_id", team).put("user_id", "UBOT" + team);
            }
            return b.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code app_uninstalled} from {@code team}: Slack sends it without authorizations. */
    public static String appUninstalled(String eventId, String team) {
        ObjectNode ev = JSON.createObjectNode().put("type", "app_uninstalled").put("event_ts", "1700000000.000009");
        ObjectNode b = (ObjectNode) readTree(eventJson(eventId, ev));
        b.put("team_id", team);
        b.remove("authorizations");
        return b.toString();
    }

    /** {@code tokens_revoked} from {@code team} for its bot user. */
    public static String tokensRevoked(String eventId, String team) {
        ObjectNode ev = JSON.createObjectNode().put("type", "tokens_revoked").put("event_ts", "1700000000.000010");
        ev.putObject("tokens").putArray("bot").add("UBOT" + team);
        ObjectNode b = (ObjectNode) readTree(eventJson(eventId, ev));
        b.put("team_id", team);
        b.remove("authorizations");
        return b.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A {@code block_actions} form body: one button click with {@code actionId} and {@code value}. */
    public static String blockAction(String actionId, String value, String user, String channel, String responseUrl) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "block_actions");
        p.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM);
        p.put("api_app_id", "A0000001");
        p.put("token", "verification-token-unused");
        ObjectNode container = p.putObject("container");
        container.put("type", "message");
        container.put("message_ts", "1700000000.000002");
        container.put("channel_id", channel);
        container.put("is_ephemeral", true);
        p.put("trigger_id", "1.2.3");
        p.putObject("team").put("id", FakeSlackApi.TEAM).put("domain", "quotecast-test");
        p.putObject("channel").put("id", channel).put("name", "general");
        p.put("response_url", responseUrl);
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", actionId);
        action.put("block_id", "b1");
        action.putObject("text").put("type", "plain_text").put("text", "button");
        action.put("value", value);
        action.put("type", "button");
        action.put("action_ts", "1700000001.000001");
        return "payload=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }
}
