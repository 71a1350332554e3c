package dev.quotecast;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.EpisodeTitle;
import dev.quotecast.transcript.Sentence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small hand-written episodes whose answers are worded unlike the questions about them. */
public final class TestEpisodes {
    private TestEpisodes() {}

    /** An episode of plain conversation sentences; its checksum follows its text. */
    public static Episode episode(String id, String... sentences) {
        List<Sentence> s = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) s.add(new Sentence(i, sentences[i], i, i * 12, 30 * i, Sentence.Role.CONVERSATION));
        return new Episode(id, EpisodeTitle.parse("Guest " + id + " | Test Show"), LocalDate.of(2021, 1, 2), Duration.ofMinutes(60),
                null, s, true, Path.of(id + ".txt"), Integer.toHexString(String.join(" ", sentences).hashCode()));
    }

    public static final Episode MONEY = episode("money",
            "We talked about the markets for a while.",
            "After that bad call in 1982 I was so broke that I had to borrow four thousand dollars from my dad.",
            "It was the most painful lesson of my career.",
            "Interest rates were very high back then.",
            "Anyway, let us talk about something else.",
            "My favourite food is a simple bowl of noodles.");
    public static final Episode SPACE = episode("space",
            "The telescope sees light that left the star billions of years ago.",
            "A starshade is a huge flower-shaped screen that flies in front of the telescope to block the glare of the star.",
            "Then the faint planet beside it shows up in the image.",
            "Rockets are getting cheaper every year.");
}
