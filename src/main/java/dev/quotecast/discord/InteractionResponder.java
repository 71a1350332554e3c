package dev.quotecast.discord;

import dev.quotecast.bot.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an interaction within Discord's 3 seconds. A command known to be slow is deferred at once
 * ("Quotecast is thinking…") and the answer fills in the deferred reply; any other command is
 * answered directly when it finishes within {@code deferAfter}, and deferred otherwise. Exactly one
 * of "reply" and "defer" happens: whichever claims the interaction first.
 */
final class InteractionResponder {

    private static final Logger log = LoggerFactory.getLogger(InteractionResponder.class);

    private final EmbedRenderer renderer;
    private final ScheduledExecutorService timers;
    private final Duration deferAfter;

    InteractionResponder(EmbedRenderer renderer, ScheduledExecutorService timers, Duration deferAfter) {
        this.renderer = renderer;
        this.timers = timers;
        this.deferAfter = deferAfter;
    }

    void respond(IReplyCallback interaction, CompletableFuture<Reply> answer, boolean slow) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        if (slow) {
            acknowledged.set(true);
            interaction.deferReply().queue(null, e -> log.warn("could not defer interaction: {}", e.toString()));
        } else {
            timer = timers.schedule(() -> {
                if (acknowledged.compareAndSet(false, true)) {
                    interaction.deferReply().queue(null, e -> log.warn("could not defer interaction: {}", e.toString()));
                }
            }, deferAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> pending = timer;
        answer.whenComplete((reply, error) -> {
            Reply r = error == null ? reply
                    : new Reply.Error("discord", Reply.Error.Kind.INTERNAL, "Something went wrong on my side. Please try again.");
            if (acknowledged.compareAndSet(false, true)) {
                if (pending != null) pending.cancel(false);
                interaction.reply(renderer.render(r)).setEphemeral(renderer.ephemeral(r))
                        .setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .queue(null, e -> log.warn("could not reply to interaction: {}", e.toString()));
            } else {
                interaction.getHook().editOriginal(renderer.renderEdit(r)).setAllowedMentions(List.of())
                        .queue(null, e -> log.warn("could not complete deferred reply: {}", e.toString()));
            }
        });
    }
}
