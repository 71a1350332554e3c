package dev.quotecast.bot;

/**
 * A command with who asked and where: what adapters hand to {@link Commands}.
 *
 * @param platform {@code slack}, {@code discord}, {@code console}, {@code cli}
 * @param user platform user id, for the rate limit (never logged above DEBUG); null for the local
 *     operator (console, one-shot and batch commands), who is not rate limited
 * @param channel where the reply goes, for daily-post commands (may be null)
 * @param command what was asked
 * @param admin whether the user may manage daily posts here
 */
public record Request(String platform, String user, String channel, Command command, boolean admin) {
    public static Request of(String platform, String user, Command command) {
        return new Request(platform, user, null, command, false);
    }
}
