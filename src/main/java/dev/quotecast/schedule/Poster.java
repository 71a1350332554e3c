package dev.quotecast.schedule;

import dev.quotecast.bot.Reply;
import java.time.Instant;

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

    /**
     * Posts a daily post, marked with {@code mark} where the platform can carry it, so that
     * {@link #recover} can find it again. Platforms that cannot carry a mark post as {@link #post}.
     */
    default void post(String channel, Reply reply, PostMark mark) throws PostException {
        post(channel, reply);
    }

    /**
     * Whether the post marked {@code mark}, claimed at {@code claimedAt} by a process that died
     * before it recorded the result, went out; {@code post} is what it was sending. Asked only when
     * state is shared by several replicas; by default a platform cannot tell, and the post is
     * reported unknown and not resent.
     */
    default Recovery recover(String channel, PostMark mark, Instant claimedAt, Reply post) {
        return new Recovery.CannotTell(platform() + " cannot look a post up");
    }

    /**
     * Whether this process can post into {@code channel}: a Discord process that runs some of the
     * bot's shards reaches only the guilds on them, and leaves the others' daily posts to the
     * processes that run theirs.
     */
    default Reach reach(String channel) {
        return Reach.HERE;
    }

    /** Whether a channel's daily posts are this process's to send. */
    enum Reach {
        HERE,
        /** Another process holds the channel (another shard); this one neither claims nor skips its posts. */
        ELSEWHERE
    }

    /** What the platform says about a post whose sender died before it recorded the result. */
    sealed interface Recovery {
        /** It is in the channel: record it as sent. */
        record AlreadyPosted(String how) implements Recovery {}

        /** It is not in the channel: send it. */
        record NotPosted(String how) implements Recovery {}

        /** Sending again is recognised by the platform as the same message (Discord's nonce): send it. */
        record ResendIsSafe(String why) implements Recovery {}

        /** No way to know: report it unknown, never send it twice. */
        record CannotTell(String why) implements Recovery {}
    }

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
