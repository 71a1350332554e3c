package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.TestEngines;
import dev.quotecast.config.BotConfig;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An episode card's notable quotes are read as the guest's, so the host's words are never one of
 * them: where a transcript names no speakers, the host model decides. Five corpus episodes whose
 * cards, in the 101-episode library, featured spans the model gives to the host.
 */
class EpisodeCardSpeakersTest {

    @TempDir
    Path dir;

    static final List<String> EPISODES = List.of("episode-001-max-tegmark", "episode-003-steven-pinker", "episode-006-guido-van-rossum",
            "episode-009-stuart-russell", "episode-042-peter-norvig");

    @Test
    void noNotableQuoteIsOneTheHostModelGivesTheHost() throws Exception {
        Path lex = TestEngines.shared().resolve("corpus/lex");
        Path t = Files.createDirectories(dir.resolve("t"));
        for (String id : EPISODES) {
            Files.copy(lex.resolve(id + ".txt"), t.resolve(id + ".txt"));
            Files.copy(lex.resolve(id + ".vtt"), t.resolve(id + ".vtt"));
        }
        try (Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(t)))) {
            HostModel host = engine.content().models().host();
            int quotes = 0;
            for (Episode e : engine.content().corpus().episodes()) {
                for (Quote q : engine.content().episode(e.id()).orElseThrow().quotes()) {
                    Moment m = q.moment();
                    assertThat(host.anyHost(e, m.firstSentence(), m.lastSentence())).as("%s: %s", e.id(), q.text()).isFalse();
                    quotes++;
                }
            }
            assertThat(quotes).isEqualTo(3 * EPISODES.size());
        }
    }
}
