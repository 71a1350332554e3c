package dev.quotecast.speakers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.transcript.Episode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How likely each sentence of an episode is the host's, for transcripts that do not say who
 * speaks: a tree ensemble over {@link SpeakerFeature}s that {@code quotecast train} fits on
 * {@code eval/labels/speakers.tsv}. Quotes and advice skip the host's sentences, so that his words
 * are never served as the guest's; answers prefer the guest's.
 *
 * <p>An episode is read once (about a millisecond per thousand sentences) and its probabilities
 * kept while the episode is served.
 */
public final class HostModel {

    /** Where the shipped model lives on the classpath. */
    public static final String RESOURCE = "/models/speakers.json";
    /** Above it, a sentence counts as the host's. */
    public static final double HOST = 0.5;

    private final TreeEnsemble trees;
    private final Cache<Episode, float[]> byEpisode = Caffeine.newBuilder().weakKeys().maximumSize(2048).build();

    public HostModel(TreeEnsemble trees) {
        this.trees = trees;
    }

    /** The shipped model; one that says nothing (every sentence the guest's) when this build has none yet. */
    public static HostModel shipped() {
        if (HostModel.class.getResource(RESOURCE) == null) return none();
        try (InputStream in = HostModel.class.getResourceAsStream(RESOURCE)) {
            return read(in, name -> TreeEnsemble.resource("/models/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files {@code quotecast train --out DIR} wrote. */
    public static HostModel from(Path dir) {
        try (InputStream in = Files.newInputStream(dir.resolve("speakers.json"))) {
            return read(in, name -> {
                try (InputStream m = Files.newInputStream(dir.resolve(name))) {
                    return TreeEnsemble.read(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HostModel read(InputStream manifest, java.util.function.Function<String, TreeEnsemble> model) throws IOException {
        JsonNode m = new ObjectMapper().readTree(manifest);
        List<String> names = new ArrayList<>();
        m.path("features").forEach(n -> names.add(n.asText()));
        if (!names.equals(SpeakerFeature.names())) {
            throw new IOException("the speaker model was trained on " + names + ", but this build computes " + SpeakerFeature.names()
                    + ": run quotecast train");
        }
        return new HostModel(model.apply(m.path("model").asText()));
    }

    /** The model file's checksum ("none" without one): scores that depend on who speaks are kept per model. */
    public String fingerprint() {
        return trees == null ? "none" : trees.fingerprint();
    }

    /** A model that knows nothing: every sentence is the guest's (probability 0). */
    public static HostModel none() {
        return new HostModel(null);
    }

    /** The probability that each sentence of {@code e} is the host's. */
    public float[] hostProbabilities(Episode e) {
        return byEpisode.get(e, this::compute);
    }

    /** The probability that sentence {@code i} of {@code e} is the host's. */
    public double host(Episode e, int i) {
        return hostProbabilities(e)[i];
    }

    /** True when sentence {@code i} is more likely the host's than the guest's. */
    public boolean isHost(Episode e, int i) {
        return host(e, i) > HOST;
    }

    /** True when any sentence of {@code first..last} is more likely the host's. */
    public boolean anyHost(Episode e, int first, int last) {
        float[] p = hostProbabilities(e);
        for (int i = Math.max(0, first); i <= Math.min(last, p.length - 1); i++) if (p[i] > HOST) return true;
        return false;
    }

    private float[] compute(Episode e) {
        float[] out = new float[e.sentences().size()];
        if (trees == null) return out;
        float[][] features = SpeakerFeature.of(e);
        for (int i = 0; i < out.length; i++) out[i] = (float) trees.probability(features[i]);
        return out;
    }

    /** The features of every sentence of an episode (training reads them). */
    public static float[][] features(Episode e) {
        return SpeakerFeature.of(e);
    }
}
