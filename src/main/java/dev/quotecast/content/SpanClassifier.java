package dev.quotecast.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.learn.TreeEnsemble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A learned judgement of short spans of a transcript: "is this advice", "is this worth posting for
 * the topic". Two tree ensembles that {@code quotecast train} fits on {@code eval/labels/}: one
 * reads the span's {@link ShapeFeature}s, its task's own figures, and its meaning (the span's
 * embedding); the other the same without meaning, for a bot that runs with
 * {@code index.embeddings: false}. Each has the probability above which a span is accepted,
 * chosen on the dev episodes.
 *
 * @param name what it judges ("advice", "quotes"), for messages
 * @param extra the names of the task's own figures, after the shape features
 */
public record SpanClassifier(String name, List<String> extra, TreeEnsemble withMeaning, TreeEnsemble withoutMeaning, double threshold,
                             double thresholdWithoutMeaning) {

    /** Dimensions of the embedding the meaning model reads (bge-small-en-v1.5). */
    public static final int MEANING_DIMENSIONS = 384;

    public boolean learned() {
        return withMeaning != null;
    }

    /** No model: every span scores 0 and nothing is accepted by it (callers fall back to their rules). */
    public static SpanClassifier none(String name) {
        return new SpanClassifier(name, List.of(), null, null, 1, 1);
    }

    /** The input a model reads: shape, then the task's figures, then (for the meaning model) the embedding. */
    public static float[] input(float[] shape, float[] extra, float[] meaning) {
        float[] out = Arrays.copyOf(shape, shape.length + extra.length + (meaning == null ? 0 : meaning.length));
        System.arraycopy(extra, 0, out, shape.length, extra.length);
        if (meaning != null) System.arraycopy(meaning, 0, out, shape.length + extra.length, meaning.length);
        return out;
    }

    /** The probability that the span is what this classifier looks for; with {@code meaning} null, the model without it. */
    public double probability(float[] shape, float[] extra, float[] meaning) {
        if (!learned()) return 0;
        TreeEnsemble m = meaning == null ? withoutMeaning : withMeaning;
        return m.probability(input(shape, extra, meaning));
    }

    /** Whether a probability (from {@link #probability}) is high enough to accept the span. */
    public boolean accepts(double probability, boolean withMeaning) {
        return learned() && probability >= (withMeaning ? threshold : thresholdWithoutMeaning);
    }

    /** The shipped classifier {@code /models/NAME.json}; {@link #none} when the build has none yet. */
    public static SpanClassifier shipped(String name, List<String> extra) {
        String manifest = "/models/" + name + ".json";
        if (SpanClassifier.class.getResource(manifest) == null) return none(name);
        try (InputStream in = SpanClassifier.class.getResourceAsStream(manifest)) {
            return read(name, extra, in, file -> TreeEnsemble.resource("/models/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files {@code quotecast train --out DIR} wrote. */
    public static SpanClassifier from(Path dir, String name, List<String> extra) {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".json"))) {
            return read(name, extra, in, file -> {
                try (InputStream m = Files.newInputStream(dir.resolve(file))) {
                    return TreeEnsemble.read(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpanClassifier read(String name, List<String> extra, InputStream manifest, Function<String, TreeEnsemble> model)
            throws IOException {
        JsonNode m = new ObjectMapper().readTree(manifest);
        List<String> recorded = new ArrayList<>();
        m.path("features").forEach(n -> recorded.add(n.asText()));
        List<String> computed = featureNames(extra);
        if (!recorded.equals(computed)) {
            throw new IOException("the " + name + " classifier was trained on " + recorded + ", but this build computes " + computed
                    + ": run quotecast train");
        }
        return new SpanClassifier(name, extra, model.apply(m.path("withMeaning").asText()), model.apply(m.path("withoutMeaning").asText()),
                m.path("threshold").asDouble(), m.path("thresholdWithoutMeaning").asDouble());
    }

    /** The feature names a model file records: shape, the task's own, then "meaning" for the embedding. */
    public static List<String> featureNames(List<String> extra) {
        List<String> out = new ArrayList<>(ShapeFeature.names());
        out.addAll(extra);
        out.add("MEANING[" + MEANING_DIMENSIONS + "]");
        return out;
    }
}
