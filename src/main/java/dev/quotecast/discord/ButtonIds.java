package dev.quotecast.discord;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import java.time.Duration;
import java.util.Optional;

/**
 * Puts the command a button runs into its {@code custom_id}, which Discord caps at 100 characters,
 * and reads it back when the button is clicked.
 *
 * <p>Most commands fit: {@code q:3:habits} (quote page 3 of "habits"), {@code a:r} (a random
 * advice), {@code c:EPISODE#12-14} (context of a moment). One that does not (a very long topic or
 * episode id) is kept under a short key ({@code k:...}) in {@link LongButtons}: this process's
 * memory by default (after a restart or expiry such a button answers that it has expired), or the
 * database the replicas share.
 */
final class ButtonIds {

    static final int MAX_LENGTH = 100;

    private final LongButtons overflow;

    ButtonIds(LongButtons overflow) {
        this.overflow = overflow;
    }

    ButtonIds(long maxEntries, Duration ttl) {
        this(new MemoryLongButtons(maxEntries, ttl));
    }

    ButtonIds() {
        this(new MemoryLongButtons());
    }

    /** The custom_id for a button that runs {@code command}; always at most 100 characters. */
    String encode(Command command) {
        String direct = direct(command);
        if (direct == null) throw new IllegalArgumentException("no button runs " + command.name());
        if (direct.length() <= MAX_LENGTH) return direct;
        return overflow.put(direct);
    }

    /**
     * The command a clicked button runs; empty when the id is unknown, malformed or expired. A quote
     * page beyond the last one is not malformed: the quote command answers that there are no more.
     */
    Optional<Command> decode(String customId) {
        if (customId == null || customId.length() > MAX_LENGTH) return Optional.empty();
        if (customId.startsWith("k:")) return overflow.get(customId).filter(p -> !p.startsWith("k:")).flatMap(this::decodeDirect);
        return decodeDirect(customId);
    }

    /** A command written out in full (what a button id holds, or what a long one's key stands for). */
    private Optional<Command> decodeDirect(String customId) {
        if (customId.equals("a:r")) return Optional.of(new Command.Advice(null, true));
        if (customId.startsWith("c:") && customId.length() > 2) return Optional.of(new Command.Context(customId.substring(2)));
        if (customId.startsWith("q:")) {
            int colon = customId.indexOf(':', 2);
            if (colon < 0) return Optional.empty();
            try {
                int page = Integer.parseInt(customId.substring(2, colon));
                String topic = CommandParser.clean(customId.substring(colon + 1));
                // a page past the last quote is still a well-formed button: the quote command says there are no more
                if (page < 0 || topic.isEmpty()) return Optional.empty();
                return Optional.of(new Command.Quote(topic, page));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String direct(Command command) {
        if (command instanceof Command.Quote q) return "q:" + q.page() + ":" + q.topic();
        if (command instanceof Command.Advice a && a.random()) return "a:r";
        if (command instanceof Command.Context c) return "c:" + c.momentKey();
        return null;
    }

    /** How many long ids are held (for tests and metrics). */
    long overflowSize() {
        return overflow.size();
    }
}
