package dev.quotecast.discord;

import dev.quotecast.bot.Reply;
import dev.quotecast.schedule.Poster;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Sends daily posts to a Discord channel by id. A channel the bot cannot see or may not write to is
 * a permanent failure (the schedule should say so, not retry forever); rate limits, timeouts, server
 * errors and a bot that is not connected yet are worth retrying.
 */
public final class DiscordPoster implements Poster {

    /** Refusals that will not change by trying again. */
    private static final EnumSet<ErrorResponse> PERMANENT = EnumSet.of(ErrorResponse.UNKNOWN_CHANNEL, ErrorResponse.MISSING_ACCESS,
            ErrorResponse.MISSING_PERMISSIONS, ErrorResponse.CANNOT_SEND_TO_USER, ErrorResponse.INVALID_FORM_BODY,
            ErrorResponse.UNKNOWN_GUILD);

    private final Supplier<Optional<JDA>> jda;
    private final EmbedRenderer renderer;
    private final Duration timeout;

    DiscordPoster(Supplier<Optional<JDA>> jda, EmbedRenderer renderer, Duration timeout) {
        this.jda = jda;
        this.renderer = renderer;
        this.timeout = timeout;
    }

    DiscordPoster(Supplier<Optional<JDA>> jda, EmbedRenderer renderer) {
        this(jda, renderer, Duration.ofSeconds(20));
    }

    @Override
    public String platform() {
        return "discord";
    }

    @Override
    public void post(String channel, Reply reply) throws PostException {
        if (channel == null || !channel.matches("\\d{1,20}")) {
            throw new PostException("not a Discord channel id: " + channel, false, null);
        }
        JDA j = jda.get().orElseThrow(() -> new PostException("the Discord bot has not started", true, null));
        if (j.getStatus() != JDA.Status.CONNECTED) {
            throw new PostException("Discord is not connected (" + j.getStatus() + ")", true, null);
        }
        MessageChannel target = j.getChannelById(MessageChannel.class, channel);
        if (target == null) throw new PostException("unknown Discord channel " + channel + " (the bot cannot see it)", false, null);
        if (!target.canTalk()) throw new PostException("the bot may not send messages in Discord channel " + channel, false, null);
        CompletableFuture<Message> sent = target.sendMessage(renderer.render(reply)).setAllowedMentions(List.of())
                .mentionRepliedUser(false).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).submit();
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
