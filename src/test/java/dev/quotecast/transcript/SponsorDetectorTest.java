package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SponsorDetectorTest {

    @Test
    void theFragmentPrefilterNeverChangesTheVerdict() throws Exception {
        List<String> sentences = new ArrayList<>(List.of(
                "This show is presented by Cash App.", "Get 20% off with the link.", "Go to athleticgreens.com/lex.",
                "It is brought to you by ExpressVPN.", "Sign up for a free trial.", "Rate it five stars on Apple Podcasts.",
                "Follow me on Spotify.", "I sleep eight hours.", "Learning is a habit.", "Use the promo code LEX.",
                "Member SIPC.", "Get $10 off now.", "Support this podcast on Patreon."));
        List<Path> files = new ArrayList<>(List.of(Path.of("transcripts/lex-fridman-073-andrew-ng.txt")));
        Path corpus = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus/lex");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                s.filter(p -> p.toString().endsWith(".txt")).sorted().limit(20).forEach(files::add);
            }
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) sentences.addAll(SentenceSplitter.split(line));
        }
        int ads = 0;
        for (String s : sentences) {
            boolean full = SponsorDetector.AD.matcher(s).find();
            assertThat(SponsorDetector.isAd(s)).as(s).isEqualTo(full);
            if (full) ads++;
        }
        assertThat(ads).isGreaterThan(10);
    }
}
