package dev.quotecast.speakers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.EpisodeMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How likely each sentence of an episode is the host's, for transcripts that do not say who
 * speaks: a tree ensemble over {@link SpeakerFeature}s that {@code quotecast train} fits on
 * {@code eval/labels/speakers.tsv}. Quotes and advice skip the host's sentences, so that his words
 * are never served as the guest's; answers prefer the guest's.
 *
 * <p>Where the transcript names its speakers (WhisperX, voice tags, {@code Name:} prefixes), the
 * labels win: a labeled sentence is the host's exactly when its speaker is the host, and the
 * model only says which speaker is the host when no {@code show.yml} or sidecar does (the one
 * whose sentences it finds the most host-like). The decisions ({@link #isHost}, {@link #anyHost},
 * {@link #saidBy}) follow the labels; {@link #hostProbabilities} stays the model's own estimate,
 * since the quote and advice classifiers were trained on it and the shipped models must come out
 * the same from {@code quotecast train}.
 *
 * <p>Without labels, the decisions follow the turn decoder ({@link HostTurns}) when the build has
 * one: who speaks a sentence is decided with the sentences around it, since speakers take turns.
 * Its posteriors ({@link #turnProbabilities}) are not {@link #hostProbabilities}: those stay the
 * per-sentence model's, as the shipped classifiers read them.
 *
 * <p>An episode is read once and its probabilities kept while the episode is served. Reading one
 * costs about 12 ms per thousand sentences, and the turns another 7 (2-core machine at half speed,
 * 1,000 episodes): a quote's first look at 40 episodes paid half a second or more, so the bot reads
 * every episode in the background after it starts ({@link #read}).
 */
public final class HostModel {

    /** Where the shipped model lives on the classpath. */
    public static final String RESOURCE = "/models/speakers.json";
    /** Above it, a sentence counts as the host's. */
    public static final double HOST = 0.5;

    /** Episodes whose probabilities are kept. */
    static final int KEPT_EPISODES = 2048;

    private final TreeEnsemble trees;
    private final HostTurns turns;
    private final Cache<Episode, float[]> byEpisode = Caffeine.newBuilder().weakKeys().maximumSize(KEPT_EPISODES).build();
    private final Cache<Episode, float[]> turnsByEpisode = Caffeine.newBuilder().weakKeys().maximumSize(KEPT_EPISODES).build();
    private final Cache<Episode, Optional<String>> hostSpeakers = Caffeine.newBuilder().weakKeys().maximumSize(KEPT_EPISODES).build();

    public HostModel(TreeEnsemble trees) {
        this(trees, null);
    }

    /** @param turns decides over turns; null: each sentence by the per-sentence model alone */
    public HostModel(TreeEnsemble trees, HostTurns turns) {
        this.trees = trees;
        this.turns = turns;
    }

    /** The shipped model; one that says nothing (every sentence the guest's) when this build has none yet. */
    public static HostModel shipped() {
        if (HostModel.class.getResource(RESOURCE) == null) return none();
        try (InputStream in = HostModel.class.getResourceAsStream(RESOURCE);
             InputStream t = HostModel.class.getResourceAsStream(HostTurns.RESOURCE)) {
            return read(in, name -> TreeEnsemble.resource("/models/" + name), t == null ? null : HostTurns.read(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files {@code quotecast train --out DIR} wrote. */
    public static HostModel from(Path dir) {
        Path turnsFile = dir.resolve(HostTurns.FILE);
        try (InputStream in = Files.newInputStream(dir.resolve("speakers.json"));
             InputStream t = Files.exists(turnsFile) ? Files.newInputStream(turnsFile) : null) {
            HostTurns turns = t == null ? null : HostTurns.read(t);
            return read(in, name -> {
                try (InputStream m = Files.newInputStream(dir.resolve(name))) {
                    return TreeEnsemble.read(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, turns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HostModel read(InputStream manifest, java.util.function.Function<String, TreeEnsemble> model, HostTurns turns)
            throws IOException {
        JsonNode m = new ObjectMapper().readTree(manifest);
        List<String> names = new ArrayList<>();
        m.path("features").forEach(n -> names.add(n.asText()));
        if (!names.equals(SpeakerFeature.names())) {
            throw new IOException("the speaker model was trained on " + names + ", but this build computes " + SpeakerFeature.names()
                    + ": run quotecast train");
        }
        return new HostModel(model.apply(m.path("model").asText()), turns);
    }

    /**
     * The model files' checksums ("none" without one): scores that depend on who speaks are kept
     * per model, and the turn decoder decides which advice candidates there are.
     */
    public String fingerprint() {
        String f = trees == null ? "none" : trees.fingerprint();
        return turns == null ? f : f + "-turns-" + turns.fingerprint();
    }

    /** A model that knows nothing: every sentence is the guest's (probability 0). */
    public static HostModel none() {
        return new HostModel(null);
    }

    /**
     * Reads the episodes ahead of the requests that need them, as many as are kept, until
     * {@code stop} says so; returns how many were read. Requests that come first read an episode
     * themselves; the cache computes each once.
     */
    public int read(List<Episode> episodes, java.util.function.BooleanSupplier stop) {
        int n = 0;
        for (Episode e : episodes) {
            if (n >= KEPT_EPISODES || stop.getAsBoolean()) break;
            hostProbabilities(e);
            turnProbabilities(e);
            n++;
        }
        return n;
    }

    /** The probability that each sentence of {@code e} is the host's. */
    public float[] hostProbabilities(Episode e) {
        return byEpisode.get(e, this::compute);
    }

    /** The probability that sentence {@code i} of {@code e} is the host's. */
    public double host(Episode e, int i) {
        return hostProbabilities(e)[i];
    }

    /**
     * The probability that each sentence of {@code e} is the host's as the decisions weigh it: the
     * turn decoder's ({@link HostTurns}) when this model has one, else {@link #hostProbabilities}.
     */
    public float[] turnProbabilities(Episode e) {
        return turns == null ? hostProbabilities(e) : turnsByEpisode.get(e, turns::posteriors);
    }

    /**
     * True when sentence {@code i} is the host's: by its speaker label when the transcript names
     * one and the host is known among the speakers ({@link #hostSpeaker}), else when the model
     * finds it more likely the host's than the guest's ({@link #turnProbabilities}).
     */
    public boolean isHost(Episode e, int i) {
        String speaker = e.sentence(i).speaker();
        if (speaker != null) {
            String h = hostSpeaker(e);
            if (h != null) return h.equals(speaker);
        }
        return turnProbabilities(e)[i] > HOST;
    }

    /** True when any sentence of {@code first..last} is the host's ({@link #isHost}). */
    public boolean anyHost(Episode e, int first, int last) {
        int n = e.sentences().size();
        for (int i = Math.max(0, first); i <= Math.min(last, n - 1); i++) if (isHost(e, i)) return true;
        return false;
    }

    /**
     * True when the transcript's own labels say the host speaks in {@code first..last}: a
     * labeled sentence whose speaker is the host ({@link #hostSpeaker}). False where the labels
     * do not decide; then only {@link #anyHost} says what the model thinks.
     */
    public boolean labeledHost(Episode e, int first, int last) {
        int n = e.sentences().size();
        for (int i = Math.max(0, first); i <= Math.min(last, n - 1); i++) {
            String speaker = e.sentence(i).speaker();
            if (speaker != null && speaker.equals(hostSpeaker(e))) return true;
        }
        return false;
    }

    /**
     * The speaker who is the host in {@code e}, as its sentences name him: the host that
     * {@code show.yml} or the sidecar names when he is among the speakers; otherwise, when the
     * transcript names at least two speakers, the one whose sentences the model finds the most
     * host-like on average (a diarizer's {@code SPEAKER_00} is not always the host). Null when the
     * transcript names no speakers, or the model cannot tell them apart.
     */
    public String hostSpeaker(Episode e) {
        return hostSpeakers.get(e, this::inferHostSpeaker).orElse(null);
    }

    private Optional<String> inferHostSpeaker(Episode e) {
        if (e.hostLabeled()) return Optional.of(e.host());
        Map<String, double[]> bySpeaker = new LinkedHashMap<>();
        float[] p = hostProbabilities(e);
        for (int i = 0; i < p.length; i++) {
            String s = e.sentence(i).speaker();
            if (s == null) continue;
            double[] sum = bySpeaker.computeIfAbsent(s, k -> new double[2]);
            sum[0] += p[i];
            sum[1]++;
        }
        if (bySpeaker.size() < 2) return Optional.empty();
        String best = null;
        double top = 0, second = 0;
        for (Map.Entry<String, double[]> en : bySpeaker.entrySet()) {
            double mean = en.getValue()[0] / en.getValue()[1];
            if (mean > top) {
                second = top;
                top = mean;
                best = en.getKey();
            } else if (mean > second) {
                second = mean;
            }
        }
        // a model that knows nothing (all 0) or a tie names nobody
        return top > second ? Optional.of(best) : Optional.empty();
    }

    /**
     * Who says sentences {@code first..last}, as a quote, an advice or an answer names them: the
     * speaker the transcript names when one says the whole span; the host ({@link Episode#host()},
     * or "the host") when the span is the host's; otherwise the guest, whom the episode's title or
     * metadata names (null when neither does: the episode's title then stands for the guest).
     * A diarization label that nobody named ({@code SPEAKER_01}) is not a name to show: its
     * sentences are the host's or the guest's as above.
     */
    public String saidBy(Episode e, int first, int last) {
        String speaker = e.sentence(first).speaker();
        for (int i = first + 1; i <= last; i++) if (!Objects.equals(speaker, e.sentence(i).speaker())) speaker = null;
        if (speaker != null && !EpisodeMeta.isLabel(speaker)) return speaker;
        if (anyHost(e, first, last)) return e.host() != null ? e.host() : THE_HOST;
        return e.title().guest();
    }

    /** How a host nobody named is shown. */
    public static final String THE_HOST = "the host";

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
