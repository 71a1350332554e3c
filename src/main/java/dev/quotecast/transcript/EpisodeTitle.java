package dev.quotecast.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An episode title and what can be read from it.
 *
 * <p>Titles shaped {@code Guest: Topic | Show #N} give all four parts; any other title is kept
 * whole, with the parts it does not give left null.
 */
public record EpisodeTitle(String full, String guest, String topic, String show, Integer number) {

    private static final Pattern SHAPED = Pattern.compile("^(?<guest>[^:|]+?):\\s*(?<topic>.+?)\\s*\\|\\s*(?<show>.+?)\\s*#(?<n>\\d{1,6})\\s*$");
    private static final Pattern SHOW_ONLY = Pattern.compile("^(?<rest>.+?)\\s*\\|\\s*(?<show>.+?)\\s*#(?<n>\\d{1,6})\\s*$");

    public static EpisodeTitle parse(String title) {
        String full = Text.collapse(title);
        Matcher m = SHAPED.matcher(full);
        if (m.matches()) {
            return new EpisodeTitle(full, m.group("guest").trim(), m.group("topic").trim(),
                    m.group("show").trim(), Integer.valueOf(m.group("n")));
        }
        m = SHOW_ONLY.matcher(full);
        if (m.matches()) {
            return new EpisodeTitle(full, null, m.group("rest").trim(), m.group("show").trim(), Integer.valueOf(m.group("n")));
        }
        return new EpisodeTitle(full, null, null, null, null);
    }
}
