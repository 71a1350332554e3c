package dev.quotecast;

import dev.quotecast.schedule.Poster;

/**
 * A running chat adapter (Slack, Discord): started by {@code run}, asked whether it is connected by
 * the health endpoint, and closed on shutdown.
 */
public interface ChatPlatform extends AutoCloseable {
    String name();

    void start() throws Exception;

    boolean connected();

    /**
     * How daily posts reach this platform without a user's request (Slack: {@code chat.postMessage};
     * Discord: a channel message); null when the platform cannot post on its own. Available before
     * {@link #start()}; the scheduler only posts after it.
     */
    default Poster poster() {
        return null;
    }

    /**
     * How each part of the platform's connection is doing, for {@code /healthz} (Discord: each
     * shard's status, as {@code discord.shard.N}); empty when it has one connection.
     */
    default java.util.Map<String, String> parts() {
        return java.util.Map.of();
    }

    @Override
    void close();
}
