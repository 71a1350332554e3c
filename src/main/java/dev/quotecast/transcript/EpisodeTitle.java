package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.Locale;
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

    /**
     * The title a file name suggests, for a transcript whose format carries none:
     * {@code episode-001-max-tegmark.vtt} reads as "Episode 001 Max Tegmark".
     */
    public static EpisodeTitle fromFileName(Path file) {
        String base = TranscriptParser.idOf(file).replaceAll("[-_]+", " ").trim();
        StringBuilder sb = new StringBuilder();
        for (String w : base.split("\\s+")) {
            if (w.isEmpty()) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
        }
        return parse(sb.length() == 0 ? file.getFileName().toString() : sb.toString());
    }

    /** The same title with the parts metadata gives in place of those read from the title (null: keep). */
    public EpisodeTitle with(String guest, String show, Integer number) {
        return new EpisodeTitle(full, guest != null ? guest : this.guest, topic, show != null ? show : this.show,
                number != null ? number : this.number);
    }
}
