package dev.quotecast;

import dev.quotecast.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Engines over known transcripts, for tests. */
public final class TestEngines {
    private TestEngines() {}

    public static final Path BUNDLED = Path.of("transcripts");

    /**
     * The bundled seed transcript, index in memory, keywords only: what most tests check does not
     * depend on ranking, and each embedding engine would spend seconds of both cores on the seed.
     */
    public static Engine seed() {
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(BUNDLED)));
    }

    /**
     * One seed-format transcript written as {@code episode-001-ada.txt} into a folder of its own
     * under {@code dir}, index in memory, keywords only: an engine over exactly the sentences a
     * test wrote.
     */
    public static Engine ofTranscript(Path dir, String transcript) throws java.io.IOException {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("episode-001-ada.txt"), transcript);
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(t)));
    }

    /** {@code ../shared}, or a skipped test with a message saying why. */
    public static Path shared() {
        Path p = Path.of(System.getProperty("quotecast.shared", "../shared"));
        Assumptions.assumeTrue(Files.isDirectory(p.resolve("corpus/lex")),
                "skipped: " + p.toAbsolutePath().normalize() + " (the shared corpus and eval sets) is not present");
        return p;
    }
}
