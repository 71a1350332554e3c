package dev.quotecast.schedule;

import dev.quotecast.bot.Reply;

/**
 * Sends a reply into a channel without a user's request: how daily posts leave the bot. Each
 * platform adapter provides one (Slack: {@code chat.postMessage}; Discord: a channel message).
 */
public interface Poster {

    /** {@code slack} or {@code discord}: matches {@code schedule[].platform} in the config. */
    String platform();

    /**
     * Posts the reply, rendered for the platform, into the channel.
     *
     * @throws PostException when the platform refuses or cannot be reached; {@code retryable} says
     *     whether trying again later may help (rate limits, network) or not (unknown channel)
     */
    void post(String channel, Reply reply) throws PostException;

    /** A platform's refusal, with whether a retry may succeed. */
    final class PostException extends Exception {
        private final boolean retryable;

        public PostException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
