package dev.quotecast.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.quotecast.bot.Reply;
import dev.quotecast.schedule.Poster;
import java.io.IOException;
import java.util.Set;

/**
 * Daily posts into Slack: {@code chat.postMessage} with the Block Kit rendering. An HTTP 429 is
 * waited out ({@link RateLimitRetry}) before anything is reported. Slack's refusals are sorted
 * into those a later retry can fix (rate limits, Slack or network trouble) and those it
 * cannot (unknown channel, bot not in a private channel, bad token).
 */
public final class SlackPoster implements Poster {

    /** Errors that mean "wait and try again". Anything else Slack returns will not change on its own. */
    private static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private final MethodsClient api;
    private final BlockKitRenderer renderer;
    private final RateLimitRetry retry;

    public SlackPoster(MethodsClient api, BlockKitRenderer renderer) {
        this(api, renderer, RateLimitRetry.defaults());
    }

    /** @param retry how a 429 is waited out before the post counts as failed */
    public SlackPoster(MethodsClient api, BlockKitRenderer renderer, RateLimitRetry retry) {
        this.api = api;
        this.renderer = renderer;
        this.retry = retry;
    }

    @Override
    public String platform() {
        return "slack";
    }

    @Override
    public void post(String channel, Reply reply) throws PostException {
        BlockKitRenderer.Message m = renderer.render(reply, BlockKitRenderer.Visibility.PUBLIC);
        ChatPostMessageResponse r;
        try {
            r = retry.run("daily post to " + channel,
                    () -> api.chatPostMessage(b -> b.channel(channel).text(m.text()).blocks(m.blocks()).unfurlLinks(false).unfurlMedia(false)));
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
}
