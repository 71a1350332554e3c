package dev.quotecast.discord;

import dev.quotecast.bot.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.components.ComponentInteraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an interaction within Discord's 3 seconds. A command known to be slow is deferred at once
 * ("Quotecast is thinking…") and the answer fills in the deferred reply; any other command is
 * answered directly when it finishes within {@code deferAfter}, and deferred otherwise. Exactly one
 * of "answer" and "defer" happens: whichever claims the interaction first.
 *
 * <p>Where the answer goes ({@link Delivery}): a new message (slash commands), only to the person
 * who clicked (buttons on someone else's message, "Show context"), or in place of the message the
 * button is on ("Another" on your own reply). Errors and "nothing found" never replace a message
 * and never show publicly: they go only to the person who asked, even after a public deferral
 * (the "thinking…" placeholder is then deleted).
 */
final class InteractionResponder {

    private static final Logger log = LoggerFactory.getLogger(InteractionResponder.class);

    /** Where an interaction's answer is shown. */
    enum Delivery {
        /** A new message in the channel; errors only to the person who asked. */
        PUBLIC,
        /** Only the person who asked sees it. */
        PRIVATE
    }

    private final EmbedRenderer renderer;
    private final ScheduledExecutorService timers;
    private final Duration deferAfter;

    InteractionResponder(EmbedRenderer renderer, ScheduledExecutorService timers, Duration deferAfter) {
        this.renderer = renderer;
        this.timers = timers;
        this.deferAfter = deferAfter;
    }

    /** Answers with a new message ({@code delivery} says who sees it). */
    void reply(IReplyCallback interaction, CompletableFuture<Reply> answer, Delivery delivery, boolean slow) {
        boolean privately = delivery == Delivery.PRIVATE;
        Claim claim = new Claim();
        if (slow) {
            claim.take();
            interaction.deferReply(privately).queue(null, e -> log.warn("could not defer interaction: {}", e.toString()));
        } else {
            claim.deferLater(() -> interaction.deferReply(privately).queue(null, e -> log.warn("could not defer interaction: {}", e.toString())));
        }
        answer.whenComplete((reply, error) -> {
            Reply r = orFailure(reply, error);
            boolean hidden = privately || renderer.ephemeral(r);
            if (claim.take()) {
                interaction.reply(renderer.render(r)).setEphemeral(hidden).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not reply to interaction: {}", e.toString()));
            } else if (hidden && !privately) {
                // deferred in public, but this answer is for the asker only: drop the placeholder, answer privately
                InteractionHook hook = interaction.getHook();
                hook.deleteOriginal().queue(null, e -> log.debug("could not delete a deferred reply: {}", e.toString()));
                followUpPrivately(hook, r);
            } else {
                interaction.getHook().editOriginal(renderer.renderEdit(r)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not complete deferred reply: {}", e.toString()));
            }
        });
    }

    /**
     * Answers a button click by replacing the message the button is on (the next page of a quote);
     * an error or "nothing found" leaves that message alone and goes privately to the one who clicked.
     */
    <T extends ComponentInteraction & IMessageEditCallback> void update(T interaction, CompletableFuture<Reply> answer) {
        Claim claim = new Claim();
        claim.deferLater(() -> interaction.deferEdit().queue(null, e -> log.warn("could not defer interaction: {}", e.toString())));
        answer.whenComplete((reply, error) -> {
            Reply r = orFailure(reply, error);
            boolean failed = r instanceof Reply.Error || r instanceof Reply.NotFound;
            boolean first = claim.take();
            if (failed && first) {
                interaction.reply(renderer.render(r)).setEphemeral(true).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not reply to interaction: {}", e.toString()));
            } else if (failed) {
                followUpPrivately(interaction.getHook(), r);
            } else if (first) {
                interaction.editMessage(renderer.renderEdit(r)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not update a message: {}", e.toString()));
            } else {
                interaction.getHook().editOriginal(renderer.renderEdit(r)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not update a deferred message: {}", e.toString()));
            }
        });
    }

    private void followUpPrivately(InteractionHook hook, Reply r) {
        hook.sendMessage(renderer.render(r)).setEphemeral(true).setAllowedMentions(List.of()).mentionRepliedUser(false)
                .queue(null, e -> log.warn("could not answer privately: {}", e.toString()));
    }

    private static Reply orFailure(Reply reply, Throwable error) {
        return error == null ? reply
                : new Reply.Error("discord", Reply.Error.Kind.INTERNAL, "Something went wrong on my side. Please try again.");
    }

    /** Who acknowledges the interaction first: the answer, or the timer that defers it. */
    private final class Claim {
        private final AtomicBoolean taken = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        /** Defers after {@code deferAfter} unless the answer came first. */
        void deferLater(Runnable defer) {
            timer = timers.schedule(() -> {
                if (taken.compareAndSet(false, true)) defer.run();
            }, deferAfter.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** True for the first taker; the answer then has the interaction to itself. */
        boolean take() {
            boolean first = taken.compareAndSet(false, true);
            ScheduledFuture<?> t = timer;
            if (first && t != null) t.cancel(false);
            return first;
        }
    }
}
