package dev.quotecast.discord;

import dev.quotecast.bot.Reply;
import dev.quotecast.schedule.PostMark;
import dev.quotecast.schedule.Poster;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Sends daily posts to a Discord channel by id. A channel the bot cannot see or may not write to is
 * a permanent failure (the schedule should say so, not retry forever); rate limits, timeouts, server
 * errors and a bot that is not connected yet are worth retrying.
 *
 * <p>With shards split over several processes, a channel whose guild is on another process's shard
 * is not this one's to post ({@link #reach}). Each post carries a nonce derived from its
 * {@link PostMark} (Discord drops a second message with the same nonce sent within minutes), and a
 * post whose sender died before recording it is looked for in the channel's recent messages.
 */
public final class DiscordPoster implements Poster {

    /** Refusals that will not change by trying again. */
    private static final EnumSet<ErrorResponse> PERMANENT = EnumSet.of(ErrorResponse.UNKNOWN_CHANNEL, ErrorResponse.MISSING_ACCESS,
            ErrorResponse.MISSING_PERMISSIONS, ErrorResponse.CANNOT_SEND_TO_USER, ErrorResponse.INVALID_FORM_BODY,
            ErrorResponse.UNKNOWN_GUILD);
    /** How far before the claim the channel's messages are read: clocks of replicas and Discord disagree a little. */
    static final Duration HISTORY_SLACK = Duration.ofMinutes(5);
    /** Within this of the claim, a resend with the same nonce is one message (Discord: "the past few minutes"). */
    static final Duration NONCE_WINDOW = Duration.ofMinutes(2);

    /** The gateway connections of this process, as far as daily posts need them. */
    sealed interface Connections {
        /** Empty before the bot started. */
        Optional<JDA.Status> status();

        /** The channel, if a connection of this process sees it. */
        MessageChannel channel(String id);

        /** Whether this process runs every shard (so a channel it cannot see is one the bot cannot see). */
        boolean holdsAll();
    }

    /** One connection (a test's JDA). */
    record One(Supplier<Optional<JDA>> jda) implements Connections {
        public Optional<JDA.Status> status() {
            return jda.get().map(JDA::getStatus);
        }

        public MessageChannel channel(String id) {
            return jda.get().map(j -> j.getChannelById(MessageChannel.class, id)).orElse(null);
        }

        public boolean holdsAll() {
            return true;
        }
    }

    /** The shards of a shard manager: connected when each is, a channel found on whichever holds it. */
    record Shards(Supplier<Optional<ShardManager>> manager, boolean holdsAll) implements Connections {
        public Optional<JDA.Status> status() {
            Optional<ShardManager> m = manager.get();
            if (m.isEmpty()) return Optional.empty();
            if (m.get().getShardsQueued() > 0 || m.get().getShards().isEmpty()) return Optional.of(JDA.Status.INITIALIZING);
            return Optional.of(m.get().getShards().stream().map(JDA::getStatus).filter(s -> s != JDA.Status.CONNECTED).findFirst()
                    .orElse(JDA.Status.CONNECTED));
        }

        public MessageChannel channel(String id) {
            return manager.get().map(m -> m.getChannelById(MessageChannel.class, id)).orElse(null);
        }
    }

    private final Connections connections;
    private final EmbedRenderer renderer;
    private final Duration timeout;

    DiscordPoster(Connections connections, EmbedRenderer renderer, Duration timeout) {
        this.connections = connections;
        this.renderer = renderer;
        this.timeout = timeout;
    }

    DiscordPoster(Connections connections, EmbedRenderer renderer) {
        this(connections, renderer, Duration.ofSeconds(20));
    }

    DiscordPoster(Supplier<Optional<JDA>> jda, EmbedRenderer renderer, Duration timeout) {
        this(new One(jda), renderer, timeout);
    }

    DiscordPoster(Supplier<Optional<JDA>> jda, EmbedRenderer renderer) {
        this(new One(jda), renderer);
    }

    @Override
    public String platform() {
        return "discord";
    }

    /** Elsewhere when this process runs some shards only, and none of them sees the channel. */
    @Override
    public Reach reach(String channel) {
        if (connections.holdsAll() || connections.status().isEmpty()) return Reach.HERE;
        if (channel == null || !channel.matches("\\d{1,20}")) return Reach.HERE;   // fails as malformed where it is tried
        return connections.channel(channel) != null ? Reach.HERE : Reach.ELSEWHERE;
    }

    @Override
    public void post(String channel, Reply reply) throws PostException {
        send(channel, reply, null);
    }

    @Override
    public void post(String channel, Reply reply, PostMark mark) throws PostException {
        send(channel, reply, mark);
    }

    private void send(String channel, Reply reply, PostMark mark) throws PostException {
        MessageChannel target = target(channel);
        MessageCreateAction action = target.sendMessage(renderer.render(reply)).setAllowedMentions(List.of()).mentionRepliedUser(false);
        if (mark != null) action = action.setNonce(mark.nonce());   // JDA adds enforce_nonce: Discord keeps one message per nonce
        CompletableFuture<Message> sent = action.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).submit();
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new PostException("interrupted while posting to Discord", true, e);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new PostException("Discord did not answer within " + timeout.toSeconds() + " s", true, e);
        } catch (ExecutionException e) {
            throw classify(channel, e.getCause());
        }
    }

    private MessageChannel target(String channel) throws PostException {
        if (channel == null || !channel.matches("\\d{1,20}")) {
            throw new PostException("not a Discord channel id: " + channel, false, null);
        }
        JDA.Status status = connections.status().orElseThrow(() -> new PostException("the Discord bot has not started", true, null));
        if (status != JDA.Status.CONNECTED) {
            throw new PostException("Discord is not connected (" + status + ")", true, null);
        }
        MessageChannel target = connections.channel(channel);
        if (target == null) throw new PostException("unknown Discord channel " + channel + " (the bot cannot see it)", false, null);
        if (!target.canTalk()) throw new PostException("the bot may not send messages in Discord channel " + channel, false, null);
        return target;
    }

    /**
     * Reads the channel's messages since shortly before the claim for one by this bot that looks
     * exactly like {@code post} (daily posts are embeds with the date or the topic in them). When
     * they cannot be read but the claim is recent, a resend is safe anyway: it carries the same nonce.
     */
    @Override
    public Recovery recover(String channel, PostMark mark, Instant claimedAt, Reply post) {
        MessageChannel target;
        try {
            target = target(channel);
        } catch (PostException e) {
            return new Recovery.CannotTell(e.getMessage());
        }
        MessageCreateData expected = renderer.render(post);
        try {
            List<Message> recent = target.getHistoryAfter(TimeUtil.getDiscordTimestamp(claimedAt.minus(HISTORY_SLACK).toEpochMilli()), 100)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).submit().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRetrievedHistory();
            String self = target.getJDA().getSelfUser().getId();
            for (Message m : recent) {
                if (m.getAuthor().getId().equals(self) && sameEmbeds(m.getEmbeds(), expected.getEmbeds())) {
                    return new Recovery.AlreadyPosted("found in the channel, message " + m.getId());
                }
            }
            return new Recovery.NotPosted("not among the channel's " + recent.size() + " message(s) since " + claimedAt.minus(HISTORY_SLACK));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Recovery.CannotTell("interrupted");
        } catch (Exception e) {
            if (Duration.between(claimedAt, Instant.now()).compareTo(NONCE_WINDOW) < 0) {
                return new Recovery.ResendIsSafe("the channel could not be read (" + e.getMessage() + "), and a resend carries the same nonce");
            }
            return new Recovery.CannotTell("the channel's messages could not be read: " + e.getMessage());
        }
    }

    private static boolean sameEmbeds(List<MessageEmbed> found, List<MessageEmbed> expected) {
        if (found.isEmpty() || expected.isEmpty()) return false;
        MessageEmbed a = found.get(0), b = expected.get(0);
        return Objects.equals(a.getTitle(), b.getTitle()) && Objects.equals(a.getDescription(), b.getDescription());
    }

    static PostException classify(String channel, Throwable cause) {
        if (cause instanceof ErrorResponseException er) {
            boolean permanent = PERMANENT.contains(er.getErrorResponse())
                    || (!er.isServerError() && er.getResponse() != null && er.getResponse().code >= 400
                        && er.getResponse().code < 500 && er.getResponse().code != 429);
            return new PostException("Discord refused the post to " + channel + ": " + er.getMeaning() + " (" + er.getErrorCode() + ")",
                    !permanent, er);
        }
        // rate limits JDA gave up waiting for, timeouts, network failures
        return new PostException("posting to Discord channel " + channel + " failed: " + cause, true, cause);
    }
}
