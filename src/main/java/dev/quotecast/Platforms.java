package dev.quotecast;

import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.SlackState;
import dev.quotecast.state.StateStore;
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
     * @param state where the adapters keep what outlives a request (files and memory, or the replicas' database)
     */
    static List<ChatPlatform> create(Engine engine, HttpEndpoint http, StateStore state) {
        List<ChatPlatform> out = new ArrayList<>();
        if (engine.config().slack().enabled()) {
            out.add(new dev.quotecast.slack.SlackBot(engine, http, new SlackState(state.slackEvents(), state::slackInstalls)));
        }
        if (engine.config().discord().enabled()) {
            out.add(new dev.quotecast.discord.DiscordBot(engine, engine.config().discord(), state.discordButtons()));
        }
        return out;
    }
}
