package dev.quotecast.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.learn.TreeEnsemble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned parts of answering: a ranker that orders candidate sentences, a classifier that
 * says whether the best of them answers at all, and a chooser of the sentence to highlight in the
 * window an answer shows. All three are XGBoost models that {@code quotecast
 * train} fits on the question bank ({@code eval/questions/train.tsv}) and writes under
 * {@code src/main/resources/models/}; {@code answers.json} names their files, the features they
 * read (in order) and the probability below which the bot says the transcripts do not answer.
 *
 * @param ranker scores a candidate's {@link AnswerFeature} vector: higher is better
 * @param abstain the probability, from {@link AbstainFeature}s, that the transcripts answer the question at all
 * @param threshold below it, "not in the transcripts"
 * @param highlight chooses the sentence of an answer's window to highlight ({@link HighlightChooser#NONE}: the ranker's)
 */
public record AnswerModel(TreeEnsemble ranker, TreeEnsemble abstain, double threshold, HighlightChooser highlight) {

    public AnswerModel {
        java.util.Objects.requireNonNull(highlight, "highlight (HighlightChooser.NONE keeps the ranker's sentence)");
    }

    /** Where the shipped model lives on the classpath. */
    public static final String RESOURCE = "/models/answers.json";

    /**
     * The shipped model, checked against the features this build computes; {@link #none()} when the
     * build has none yet (a checkout before its first {@code quotecast train}).
     */
    public static AnswerModel shipped() {
        if (AnswerModel.class.getResource(RESOURCE) == null) {
            org.slf4j.LoggerFactory.getLogger(AnswerModel.class).warn("no answer model in this build ({}); ranking with the hand-set weights", RESOURCE);
            return none();
        }
        return load(RESOURCE);
    }

    /** No model: candidates are ranked by {@link AnswerFeature#HAND_SCORE} and the hand-set bars decide (for training the first model). */
    public static AnswerModel none() {
        return new AnswerModel(null, null, Double.NaN, HighlightChooser.NONE);
    }

    public boolean learned() {
        return ranker != null;
    }

    /** A ranker alone: candidates are ordered by it, and nothing is decided about answering (training). */
    public static AnswerModel rankerOnly(TreeEnsemble ranker) {
        return new AnswerModel(ranker, null, Double.NaN, HighlightChooser.NONE);
    }

    /** The same model with {@code chooser} choosing highlights (training compares choosers on one ranker). */
    public AnswerModel withHighlight(HighlightChooser chooser) {
        return new AnswerModel(ranker, abstain, threshold, chooser);
    }

    /** Reads a manifest and the three models it names, from the classpath folder it is in. */
    public static AnswerModel load(String manifest) {
        try (InputStream in = AnswerModel.class.getResourceAsStream(manifest)) {
            if (in == null) throw new IOException("no answer model at " + manifest + " (quotecast train writes it)");
            String dir = manifest.substring(0, manifest.lastIndexOf('/') + 1);
            return read(in, name -> TreeEnsemble.resource(dir + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the files {@code quotecast train --out DIR} wrote, to compare models before one ships ({@code eval --models DIR}). */
    public static AnswerModel from(java.nio.file.Path dir) {
        try (InputStream in = java.nio.file.Files.newInputStream(dir.resolve("answers.json"))) {
            return read(in, name -> {
                try (InputStream model = java.nio.file.Files.newInputStream(dir.resolve(name))) {
                    return TreeEnsemble.read(model);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AnswerModel read(InputStream manifest, java.util.function.Function<String, TreeEnsemble> model) throws IOException {
        JsonNode m = new ObjectMapper().readTree(manifest);
        check(m.path("rankerFeatures"), AnswerFeature.names(), "ranker");
        check(m.path("abstainFeatures"), AbstainFeature.names(), "no-answer classifier");
        check(m.path("highlightFeatures"), HighlightFeature.names(), "highlight chooser");
        if (!m.path("highlightMargin").isNumber()) throw new IOException("the answer model names no highlightMargin: run quotecast train");
        return new AnswerModel(model.apply(m.path("ranker").asText()), model.apply(m.path("abstain").asText()), m.path("threshold").asDouble(),
                new HighlightChooser(model.apply(m.path("highlight").asText()), m.path("highlightMargin").asDouble()));
    }

    private static void check(JsonNode recorded, List<String> computed, String what) throws IOException {
        List<String> names = new ArrayList<>();
        recorded.forEach(n -> names.add(n.asText()));
        if (!names.equals(computed)) {
            throw new IOException("the " + what + " was trained on the features " + names + ", but this build computes " + computed
                    + ": run quotecast train");
        }
    }
}
