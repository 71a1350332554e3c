package dev.quotecast.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import dev.quotecast.bot.Reply;
import dev.quotecast.schedule.PostMark;
import dev.quotecast.schedule.Poster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Daily posts into Slack: {@code chat.postMessage} with the Block Kit rendering. An HTTP 429 is
 * waited out ({@link RateLimitRetry}) before anything is reported. Slack's refusals are sorted
 * into those a later retry can fix (rate limits, Slack or network trouble) and those it
 * cannot (unknown channel, bot not in a private channel, bad token).
 *
 * <p>Each daily post carries message metadata ({@code quotecast_daily_post}: its target and date),
 * so that when the replica that sent it died before recording it, another finds it in the
 * channel's history ({@link #recover}) instead of sending it again. A distributed app posts into
 * each workspace with that workspace's token, named by the channel ({@link SlackChannel}).
 */
public final class SlackPoster implements Poster {

    /** Errors that mean "wait and try again". Anything else Slack returns will not change on its own. */
    private static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    /** How far before the claim the history is read: clocks of replicas and Slack disagree a little. */
    static final Duration HISTORY_SLACK = Duration.ofMinutes(5);

    /** The Web API client for a channel: the configured token's, or the installing workspace's. */
    @FunctionalInterface
    public interface Workspaces {
        /** Empty when the workspace of {@code channel} has not installed the app (or uninstalled it). */
        Optional<MethodsClient> client(SlackChannel channel);
    }

    private final Workspaces workspaces;
    private final BlockKitRenderer renderer;
    private final RateLimitRetry retry;

    public SlackPoster(MethodsClient api, BlockKitRenderer renderer) {
        this(api, renderer, RateLimitRetry.defaults());
    }

    /** @param retry how a 429 is waited out before the post counts as failed */
    public SlackPoster(MethodsClient api, BlockKitRenderer renderer, RateLimitRetry retry) {
        this(channel -> Optional.of(api), renderer, retry);
    }

    public SlackPoster(Workspaces workspaces, BlockKitRenderer renderer, RateLimitRetry retry) {
        this.workspaces = workspaces;
        this.renderer = renderer;
        this.retry = retry;
    }

    @Override
    public String platform() {
        return "slack";
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
        SlackChannel where = parse(channel);
        MethodsClient api = client(where);
        BlockKitRenderer.Message m = renderer.render(reply, BlockKitRenderer.Visibility.PUBLIC);
        Message.Metadata metadata = mark == null ? null
                : Message.Metadata.builder().eventType(PostMark.EVENT_TYPE).eventPayload(Map.of("target", mark.targetId(), "date", mark.date().toString())).build();
        ChatPostMessageResponse r;
        try {
            r = retry.run("daily post to " + channel, () -> api.chatPostMessage(b -> {
                b.channel(where.channelId()).text(m.text()).blocks(m.blocks()).unfurlLinks(false).unfurlMedia(false);
                if (metadata != null) b.metadata(metadata);
                return b;
            }));
        } catch (SlackApiException e) {
            int code = e.getResponse() == null ? 0 : e.getResponse().code();
            String retryAfter = e.getResponse() == null ? null : e.getResponse().header("Retry-After");
            boolean retryable = code == 429 || code >= 500;
            throw new PostException("Slack answered HTTP " + code + (retryAfter != null ? " (Retry-After " + retryAfter + " s)" : "")
                    + " posting to " + channel, retryable, e);
        } catch (IOException e) {
            throw new PostException("cannot reach Slack posting to " + channel + ": " + e.getMessage(), true, e);
        }
        if (!r.isOk()) {
            String error = r.getError() == null ? "unknown_error" : r.getError();
            throw new PostException("Slack refused the post to " + channel + ": " + error, RETRYABLE.contains(error), null);
        }
    }

    /**
     * Reads the channel's history from shortly before the claim ({@code conversations.history} with
     * metadata) for the post's mark. Needs the {@code channels:history} scope ({@code groups:history}
     * for private channels) and the bot in the channel; without them Slack refuses, and the post is
     * reported unknown rather than risked twice.
     */
    @Override
    public Recovery recover(String channel, PostMark mark, Instant claimedAt, Reply post) {
        SlackChannel where;
        MethodsClient api;
        try {
            where = parse(channel);
            api = client(where);
        } catch (PostException e) {
            return new Recovery.CannotTell(e.getMessage());
        }
        String oldest = String.valueOf(claimedAt.minus(HISTORY_SLACK).getEpochSecond());
        String cursor = null;
        try {
            for (int page = 0; page < 10; page++) {
                String c = cursor;
                ConversationsHistoryResponse r = retry.run("history of " + channel, () -> api.conversationsHistory(b -> {
                    b.channel(where.channelId()).oldest(oldest).limit(200).includeAllMetadata(true);
                    if (c != null) b.cursor(c);
                    return b;
                }));
                if (!r.isOk()) return new Recovery.CannotTell("conversations.history: " + r.getError());
                if (r.getMessages() != null) {
                    for (Message msg : r.getMessages()) {
                        if (carries(msg, mark)) return new Recovery.AlreadyPosted("found in the channel's history, ts " + msg.getTs());
                    }
                }
                cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
                if (!r.isHasMore() || cursor == null || cursor.isEmpty()) {
                    return new Recovery.NotPosted("not in the channel's history since " + claimedAt.minus(HISTORY_SLACK));
                }
            }
            return new Recovery.CannotTell("more history than can be read");
        } catch (IOException | SlackApiException e) {
            return new Recovery.CannotTell("conversations.history failed: " + e.getMessage());
        }
    }

    private static boolean carries(Message msg, PostMark mark) {
        Message.Metadata md = msg.getMetadata();
        if (md == null || !PostMark.EVENT_TYPE.equals(md.getEventType()) || md.getEventPayload() == null) return false;
        return mark.targetId().equals(String.valueOf(md.getEventPayload().get("target")))
                && mark.date().toString().equals(String.valueOf(md.getEventPayload().get("date")));
    }

    private static SlackChannel parse(String channel) throws PostException {
        try {
            return SlackChannel.parse(channel);
        } catch (IllegalArgumentException e) {
            throw new PostException(e.getMessage(), false, null);
        }
    }

    private MethodsClient client(SlackChannel where) throws PostException {
        Optional<MethodsClient> api = workspaces.client(where);
        if (api.isPresent()) return api.get();
        if (!where.qualified()) {
            throw new PostException("a distributed app posts into many workspaces: name the channel's workspace, as TEAM:" + where.channelId()
                    + " (e.g. T0123ABCD:" + where.channelId() + ")", false, null);
        }
        throw new PostException("the app is not installed in the Slack workspace of " + where + " (or was uninstalled)", false, null);
    }
}
