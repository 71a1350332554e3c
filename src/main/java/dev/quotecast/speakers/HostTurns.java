package dev.quotecast.speakers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.transcript.Episode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Who speaks each sentence, decided over the whole episode rather than sentence by sentence:
 * speakers take turns, so a sentence that looks like either speaker's is most likely the
 * speaker's of the sentences around it. A two-state hidden Markov model (host, guest) whose
 * emissions are the {@link TurnCue}s of each sentence, and whose chance of a turn change depends
 * on who speaks and on what the sentence shows ({@link TurnChange}: it opens with a reply word,
 * or follows a question); the posterior that each sentence is the host's comes from the
 * forward-backward pass.
 *
 * <p>The model is nothing but counts over {@code eval/labels/speakers.tsv} (its runs of
 * consecutive labeled sentences give the turn changes), kept as counts in
 * {@code speaker-turns.json}, so that {@code quotecast train} rebuilds the same file from the same
 * labels, and a reader sees what was learned. It is a layer over the shipped per-sentence model,
 * not a change to it: {@link HostModel#hostProbabilities} (which the quote and advice classifiers
 * read) stays that model's; only the decisions ({@link HostModel#isHost}, who is credited) follow
 * this one.
 */
public final class HostTurns {

    /** Where the shipped counts live on the classpath. */
    public static final String RESOURCE = "/models/speaker-turns.json";
    /** The file's name beside the other models. */
    public static final String FILE = "speaker-turns.json";

    static final int HOST = 0, GUEST = 1;
    private static final int CONTEXTS = TurnChange.values().length;
    private static final String[] STATE = {"host", "guest"};

    /** One labeled sentence: fitted from. */
    public record Example(Episode episode, int sentence, boolean host) {}

    /** Sentences labeled per state. */
    private final int[] sentences;
    /** [from state][{@link TurnChange}][stayed: 0, changed: 1]. */
    private final int[][][] turns;
    /** [cue][state][value]. */
    private final int[][][] cues;
    private final String fingerprint;

    // probabilities from the counts
    private final double hostPrior;
    private final double[][] change;
    private final double[][][] emission;

    private HostTurns(int[] sentences, int[][][] turns, int[][][] cues) {
        this.sentences = sentences;
        this.turns = turns;
        this.cues = cues;
        this.hostPrior = (sentences[HOST] + 1.0) / (sentences[HOST] + sentences[GUEST] + 2.0);
        this.change = new double[2][CONTEXTS];
        for (int s = 0; s < 2; s++) {
            for (int q = 0; q < CONTEXTS; q++) change[s][q] = (turns[s][q][1] + 0.5) / (turns[s][q][0] + turns[s][q][1] + 1.0);
        }
        this.emission = new double[cues.length][2][];
        for (int c = 0; c < cues.length; c++) {
            for (int s = 0; s < 2; s++) {
                int n = cues[c][s].length, all = 0;
                for (int v : cues[c][s]) all += v;
                emission[c][s] = new double[n];
                // add-one: a value never seen with a speaker is unlikely, not impossible
                for (int v = 0; v < n; v++) emission[c][s][v] = (cues[c][s][v] + 1.0) / (all + n);
            }
        }
        this.fingerprint = sha(json());
    }

    /** Counts the cues and the turn changes of labeled sentences (consecutive ones of an episode make a run). */
    public static HostTurns fit(List<Example> examples) {
        TurnCue[] all = TurnCue.values();
        int[] sentences = new int[2];
        int[][][] turns = new int[2][CONTEXTS][2];
        int[][][] cues = new int[all.length][2][];
        for (TurnCue c : all) for (int s = 0; s < 2; s++) cues[c.ordinal()][s] = new int[c.range()];
        Example previous = null;
        for (Example x : examples) {
            int s = x.host() ? HOST : GUEST;
            sentences[s]++;
            for (TurnCue c : all) cues[c.ordinal()][s][c.of(x.episode(), x.sentence())]++;
            if (previous != null && previous.episode() == x.episode() && previous.sentence() == x.sentence() - 1) {
                int from = previous.host() ? HOST : GUEST;
                turns[from][TurnChange.at(x.episode(), x.sentence()).ordinal()][from == s ? 0 : 1]++;
            }
            previous = x;
        }
        return new HostTurns(sentences, turns, cues);
    }

    /** The probability that each sentence of {@code e} is the host's, given all of the episode's sentences. */
    public float[] posteriors(Episode e) {
        int n = e.sentences().size();
        float[] out = new float[n];
        if (n == 0) return out;
        // each sentence's cues and turn context read once: the two states and both passes share them
        double[][] em = new double[n][2];
        int[] context = new int[n];
        TurnCue[] all = TurnCue.values();
        int[] value = new int[all.length];
        for (int i = 0; i < n; i++) {
            for (TurnCue c : all) value[c.ordinal()] = c.of(e, i);
            for (int s = 0; s < 2; s++) {
                double p = 1;
                for (TurnCue c : all) p *= emission[c.ordinal()][s][value[c.ordinal()]];
                em[i][s] = p;
            }
            context[i] = TurnChange.at(e, i).ordinal();
        }
        // forward, scaled per step
        double[][] fw = new double[n][2];
        fw[0][HOST] = hostPrior * em[0][HOST];
        fw[0][GUEST] = (1 - hostPrior) * em[0][GUEST];
        normalize(fw[0]);
        for (int i = 1; i < n; i++) {
            int q = context[i];
            for (int to = 0; to < 2; to++) {
                double sum = 0;
                for (int from = 0; from < 2; from++) sum += fw[i - 1][from] * step(from, to, q);
                fw[i][to] = sum * em[i][to];
            }
            normalize(fw[i]);
        }
        // backward
        double[][] bw = new double[n][2];
        bw[n - 1][HOST] = bw[n - 1][GUEST] = 1;
        for (int i = n - 2; i >= 0; i--) {
            int q = context[i + 1];
            for (int from = 0; from < 2; from++) {
                double sum = 0;
                for (int to = 0; to < 2; to++) sum += step(from, to, q) * em[i + 1][to] * bw[i + 1][to];
                bw[i][from] = sum;
            }
            normalize(bw[i]);
        }
        for (int i = 0; i < n; i++) {
            double h = fw[i][HOST] * bw[i][HOST], g = fw[i][GUEST] * bw[i][GUEST];
            out[i] = (float) (h / (h + g));
        }
        return out;
    }

    private double step(int from, int to, int context) {
        double c = change[from][context];
        return from == to ? 1 - c : c;
    }

    private static void normalize(double[] p) {
        double z = p[0] + p[1];
        p[0] /= z;
        p[1] /= z;
    }

    /** The chance that the turn changes at a sentence, from a speaker, where {@code at} applies: what was learned about turns. */
    public double changeProbability(boolean fromHost, TurnChange at) {
        return change[fromHost ? HOST : GUEST][at.ordinal()];
    }

    /** The counts' checksum: decisions (and what depends on them) are kept per model. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The counts as {@code quotecast train} writes them. */
    public byte[] json() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("about", "host or guest over turns (HostTurns): counts over the train split of eval/labels/speakers.tsv");
        ArrayNode names = root.putArray("cues");
        TurnCue.names().forEach(names::add);
        ArrayNode contexts = root.putArray("turnChanges");
        TurnChange.names().forEach(contexts::add);
        ObjectNode labeled = root.putObject("sentences");
        for (int s = 0; s < 2; s++) labeled.put(STATE[s], sentences[s]);
        ObjectNode t = root.putObject("turns");
        for (int s = 0; s < 2; s++) {
            ObjectNode from = t.putObject(STATE[s]);
            for (TurnChange at : TurnChange.values()) from.putArray(at.name()).add(turns[s][at.ordinal()][0]).add(turns[s][at.ordinal()][1]);
        }
        ObjectNode c = root.putObject("cueCounts");
        for (TurnCue cue : TurnCue.values()) {
            ObjectNode byState = c.putObject(cue.name());
            for (int s = 0; s < 2; s++) {
                ArrayNode a = byState.putArray(STATE[s]);
                for (int v : cues[cue.ordinal()][s]) a.add(v);
            }
        }
        try {
            return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #json()} wrote; the cues must be this build's. */
    public static HostTurns read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<String> names = new ArrayList<>();
        root.path("cues").forEach(n -> names.add(n.asText()));
        List<String> contexts = new ArrayList<>();
        root.path("turnChanges").forEach(n -> contexts.add(n.asText()));
        if (!names.equals(TurnCue.names()) || !contexts.equals(TurnChange.names())) {
            throw new IOException("the turn model counted " + names + " and " + contexts + ", but this build reads " + TurnCue.names()
                    + " and " + TurnChange.names() + ": run quotecast train");
        }
        int[] sentences = new int[2];
        int[][][] turns = new int[2][CONTEXTS][2];
        int[][][] cues = new int[TurnCue.values().length][2][];
        for (int s = 0; s < 2; s++) {
            sentences[s] = root.path("sentences").path(STATE[s]).asInt();
            JsonNode from = root.path("turns").path(STATE[s]);
            for (TurnChange at : TurnChange.values()) {
                for (int k = 0; k < 2; k++) turns[s][at.ordinal()][k] = from.path(at.name()).path(k).asInt();
            }
            for (TurnCue cue : TurnCue.values()) {
                JsonNode a = root.path("cueCounts").path(cue.name()).path(STATE[s]);
                if (a.size() != cue.range()) throw new IOException(cue + " has " + a.size() + " counts, not " + cue.range());
                cues[cue.ordinal()][s] = new int[cue.range()];
                for (int v = 0; v < cue.range(); v++) cues[cue.ordinal()][s][v] = a.path(v).asInt();
            }
        }
        return new HostTurns(sentences, turns, cues);
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
