package dev.quotecast.schedule;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;

/**
 * Breaks the construction cycle between the engine and the scheduler: the engine's commands need a
 * {@link DailyHandler} when they are built, and the scheduler needs those commands to compose
 * posts. The engine gets this handler; the scheduler's is set into it once it exists.
 */
public final class DeferredDailyHandler implements DailyHandler {

    private volatile DailyHandler target;

    public void set(DailyHandler handler) {
        this.target = handler;
    }

    @Override
    public Reply handle(Request request, Command.Daily daily) {
        DailyHandler t = target;
        if (t == null) return new Reply.Info("daily", "Daily posts are still starting up. Please try again in a moment.");
        return t.handle(request, daily);
    }
}
