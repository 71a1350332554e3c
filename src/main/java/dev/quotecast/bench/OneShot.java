package dev.quotecast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code quotecast ask "…"} as a user runs it beside a bot: a new JVM on the shipped jar's
 * classpath, with a configuration whose {@code index.dir} holds what the bot persisted (parsed
 * episodes, passage vectors), timed from starting the process to its exit after printing the
 * answer. The one-shot reads the vectors and embeds nothing, but it loads the model to embed the
 * question, which is what a one-shot costs beyond keywords only.
 */
final class OneShot {

    static final String QUESTION = "How long does he play guitar every day?";

    private final ChildJvm children;
    private final Path work;

    OneShot(ChildJvm children, Path work) {
        this.children = children;
        this.work = work;
    }

    /** The configuration file a one-shot reads: these transcripts, this persisted index, embeddings on or off. */
    static String config(List<Path> inputs, Path index, boolean embeddings) {
        StringBuilder yml = new StringBuilder("transcripts: { dirs: [");
        for (int i = 0; i < inputs.size(); i++) yml.append(i == 0 ? "" : ", ").append(quoted(inputs.get(i)));
        yml.append("] }\n");
        yml.append("index: { dir: ").append(quoted(index)).append(", embeddings: ").append(embeddings).append(" }\n");
        return yml.toString();
    }

    private static String quoted(Path p) {
        return '"' + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Median seconds of {@code runs} one-shots, process start to exit. */
    double medianSeconds(List<Path> inputs, Path index, boolean embeddings, int runs) {
        Path file = work.resolve("oneshot-" + (embeddings ? "embeddings" : "keywords") + ".yml");
        try {
            Files.writeString(file, config(inputs, index, embeddings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) seconds[r] = once(file);
        return Figures.median(seconds);
    }

    private double once(Path configFile) {
        long t0 = System.nanoTime();
        Process p = children.start(List.of(), "dev.quotecast.Main", List.of("ask", "--config=" + configFile, QUESTION), Map.of());
        try (InputStream out = p.getInputStream()) {
            String printed = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("a one-shot ask took over 10 minutes");
            }
            long nanos = System.nanoTime() - t0;
            if (p.exitValue() != 0 || printed.isBlank()) {
                throw new IllegalStateException("the one-shot ask failed (exit " + p.exitValue() + "): " + printed);
            }
            return nanos / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
