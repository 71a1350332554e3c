package dev.quotecast.slack;

import dev.quotecast.bot.Command;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a button carries in its {@code value}, so a click can be served without any state kept
 * between the reply and the click (the bot may have restarted, or another instance may get it).
 * Every value says whether the message holding the button was private, because "Another" replaces
 * a private message but must not rewrite a message the whole channel sees.
 *
 * <p>Wire form: {@code p|KIND|fields} or {@code c|KIND|fields}, the free text last, so a topic may
 * contain {@code |}. Slack caps a value at 2,000 characters; topics and questions are capped at
 * {@code limits.maxQueryChars} long before that.
 */
public sealed interface ButtonValue {

    /** Whether the message with the button was ephemeral. */
    boolean fromPrivate();

    String encode();

    /** Run this command again (it is deterministic: the same command gives the same reply). */
    record Run(boolean fromPrivate, Command command) implements ButtonValue {
        public String encode() {
            String p = fromPrivate ? "p|" : "c|";
            if (command instanceof Command.Quote q) return p + "q|" + q.page() + "|" + q.topic();
            if (command instanceof Command.Advice a) return p + "a|" + (a.date() == null ? "" : a.date()) + "|" + (a.random() ? 1 : 0);
            if (command instanceof Command.Ask a) return p + "k|" + a.question();
            if (command instanceof Command.Episode e) return p + "e|" + e.query();
            if (command instanceof Command.Context c) return p + "x|" + c.momentKey();
            throw new IllegalArgumentException("not a replayable command: " + command.name());
        }
    }

    /**
     * Show a particular advice again: a random advice cannot be re-run, so the moment it pointed at
     * is carried instead.
     */
    record ShowAdvice(boolean fromPrivate, LocalDate date, String momentKey) implements ButtonValue {
        public String encode() {
            return (fromPrivate ? "p|" : "c|") + "m|" + date + "|" + momentKey;
        }
    }

    /** Reads a value written by {@link #encode}; empty for anything else (a forged or stale value). */
    static Optional<ButtonValue> decode(String value) {
        if (value == null || value.length() < 4 || value.length() > 2000 || value.charAt(1) != '|') return Optional.empty();
        boolean priv;
        if (value.charAt(0) == 'p') priv = true;
        else if (value.charAt(0) == 'c') priv = false;
        else return Optional.empty();
        String[] kindRest = value.substring(2).split("\\|", 2);
        if (kindRest.length < 2) return Optional.empty();
        String rest = kindRest[1];
        try {
            switch (kindRest[0]) {
                case "q": {
                    String[] f = rest.split("\\|", 2);
                    int page = Integer.parseInt(f[0]);
                    if (f.length < 2 || f[1].isBlank() || page < 0) return Optional.empty();
                    return Optional.of(new Run(priv, new Command.Quote(f[1], page)));
                }
                case "a": {
                    String[] f = rest.split("\\|", 2);
                    if (f.length < 2) return Optional.empty();
                    LocalDate date = f[0].isEmpty() ? null : LocalDate.parse(f[0]);
                    return Optional.of(new Run(priv, new Command.Advice(date, "1".equals(f[1]))));
                }
                case "k":
                    return rest.isBlank() ? Optional.empty() : Optional.of(new Run(priv, new Command.Ask(rest)));
                case "e":
                    return rest.isBlank() ? Optional.empty() : Optional.of(new Run(priv, new Command.Episode(rest)));
                case "x":
                    return rest.isBlank() ? Optional.empty() : Optional.of(new Run(priv, new Command.Context(rest)));
                case "m": {
                    String[] f = rest.split("\\|", 2);
                    if (f.length < 2 || f[1].isBlank()) return Optional.empty();
                    return Optional.of(new ShowAdvice(priv, LocalDate.parse(f[0]), f[1]));
                }
                default:
                    return Optional.empty();
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
