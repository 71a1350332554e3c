package dev.quotecast.bot;

/** Handles {@code daily ...} commands; the schedule package provides the real one. */
public interface DailyHandler {
    Reply handle(Request request, Command.Daily daily);

    /** For set-ups with no scheduler (one-shot CLI runs). */
    static DailyHandler unavailable() {
        return (request, daily) -> new Reply.Info("daily", "Daily posts are managed by the running bot, not here.");
    }
}
