package dev.quotecast;

import dev.quotecast.ops.HttpEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chat adapters the configuration turns on. Each platform package adds itself here and
 * nowhere else, so adapters stay independent of each other.
 */
final class Platforms {
    private Platforms() {}

    /**
     * @param http the bot's HTTP endpoint, not yet started (Slack's HTTP mode mounts on it); may be null
     */
    static List<ChatPlatform> create(Engine engine, HttpEndpoint http) {
        List<ChatPlatform> out = new ArrayList<>();
        if (engine.config().slack().enabled()) out.add(new dev.quotecast.slack.SlackBot(engine, http));
        return out;
    }
}
