package dev.quotecast.transcript;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed episode: its metadata and its sentences, the single model every platform sees.
 *
 * @param id stable identifier: the transcript's file name without extension
 * @param title the title and the parts derived from it
 * @param date publication date, if the transcript gives one
 * @param duration length of the episode
 * @param url the episode's page (a YouTube watch URL for the seed format), or null
 * @param sentences the body, in order
 * @param timesEstimated true when sentence times are estimated from text position, false when
 *     they come from WebVTT cues
 * @param source the file it was read from
 * @param checksum content checksum of the source file(s), for incremental indexing
 * @param host the host's name, from {@code show.yml} or the episode's {@code .meta.yml}; null when
 *     not given. Spelled as the sentences' speaker is when one of them is the host
 * @param format how the episode was read, for {@code index --check}: "seed .txt", "seed .txt +
 *     .vtt times", "WhisperX .json"...
 * @param warnings what the reader had to guess (a title from the file name, speakers left
 *     unnamed): the episode is served, and {@code index} shows them
 */
public record Episode(String id, EpisodeTitle title, LocalDate date, Duration duration, String url,
                      List<Sentence> sentences, boolean timesEstimated, Path source, String checksum,
                      String host, String format, List<String> warnings) {

    private static final Pattern YOUTUBE_ID = Pattern.compile("[?&]v=([A-Za-z0-9_-]{6,20})");

    public Episode {
        sentences = List.copyOf(sentences);
        warnings = List.copyOf(warnings);
    }

    /** An episode of the seed format: no host named, nothing guessed. */
    public Episode(String id, EpisodeTitle title, LocalDate date, Duration duration, String url,
                   List<Sentence> sentences, boolean timesEstimated, Path source, String checksum) {
        this(id, title, date, duration, url, sentences, timesEstimated, source, checksum, null, TranscriptFormat.SEED.label(), List.of());
    }

    /**
     * True when the labels decide who is the host throughout: the host is known and is the
     * speaker of at least one sentence. A host named in {@code show.yml} who is none of an
     * episode's speakers (labels left unnamed, a misspelling) decides nothing.
     */
    public boolean hostLabeled() {
        if (host == null) return false;
        for (Sentence s : sentences) if (host.equals(s.speaker())) return true;
        return false;
    }

    /** The same episode with other sentences (new times, named speakers). */
    public Episode withSentences(List<Sentence> other, boolean estimated, String checksum, String format) {
        return new Episode(id, title, date, duration, url, other, estimated, source, checksum, host, format, warnings);
    }

    public Optional<Integer> number() {
        return Optional.ofNullable(title.number());
    }

    /** The guest if the title names one, else the whole title. */
    public String guestOrTitle() {
        return title.guest() != null ? title.guest() : title.full();
    }

    /**
     * A link to the given moment: YouTube watch URLs get {@code &t=Ns}; other URLs are returned
     * as they are, since there is no portable way to deep-link them.
     */
    public String linkAt(int seconds) {
        if (url == null) return null;
        Matcher m = YOUTUBE_ID.matcher(url);
        if (m.find() && url.contains("youtube.com/watch")) {
            return "https://www.youtube.com/watch?v=" + m.group(1) + "&t=" + Math.max(0, seconds) + "s";
        }
        if (url.contains("youtu.be/")) {
            return url + (url.contains("?") ? "&" : "?") + "t=" + Math.max(0, seconds);
        }
        return url;
    }

    /** True when the URL is an http(s) URL safe to put in a link. */
    public static boolean isWebUrl(String s) {
        try {
            URI u = URI.create(s.trim());
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Short form: an episode's sentences do not belong in logs or assertion messages. */
    @Override
    public String toString() {
        return "Episode[" + id + ", " + sentences.size() + " sentences]";
    }

    public Sentence sentence(int i) {
        return sentences.get(i);
    }

    /** Text of sentences {@code from..to} inclusive, joined by spaces. */
    public String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, from); i <= Math.min(to, sentences.size() - 1); i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(sentences.get(i).text());
        }
        return sb.toString();
    }
}
