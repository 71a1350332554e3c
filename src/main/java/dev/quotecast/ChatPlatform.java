package dev.quotecast;

/**
 * A running chat adapter (Slack, Discord): started by {@code run}, asked whether it is connected by
 * the health endpoint, and closed on shutdown.
 */
public interface ChatPlatform extends AutoCloseable {
    String name();

    void start() throws Exception;

    boolean connected();

    @Override
    void close();
}
