package dev.quotecast.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.learn.Dataset;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.learn.Xgb;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.speakers.HostTurns;
import dev.quotecast.speakers.SpeakerFeature;
import dev.quotecast.transcript.Episode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the host-or-guest classifier ({@link HostModel}) on {@code eval/labels/speakers.tsv}:
 * settings compared on the dev episodes, the best kept; then the turn decoder
 * ({@link HostTurns}) that the decisions follow, counted on the same training sentences.
 */
public final class SpeakerTraining {

    static final List<Xgb.Params> SETTINGS = List.of(
            new Xgb.Params("binary:logistic", 200, 3, 0.05, 1, 1),
            new Xgb.Params("binary:logistic", 400, 2, 0.05, 1, 1),
            new Xgb.Params("binary:logistic", 200, 4, 0.05, 3, 1));

    /** What was fitted, and its accuracy on the dev episodes. */
    public record Result(byte[] json, String manifest, HostModel model, double devAccuracy, byte[] turns) {}

    private final PrintStream log;

    public SpeakerTraining(PrintStream log) {
        this.log = log;
    }

    static Dataset data(List<LabelFiles.Labeled> rows, String split) {
        Dataset d = new Dataset(SpeakerFeature.values().length);
        Map<Episode, float[][]> features = new IdentityHashMap<>();
        for (LabelFiles.Labeled r : rows) {
            if (!r.split().equals(split)) continue;
            float[][] f = features.computeIfAbsent(r.moment().episode(), HostModel::features);
            d.add(f[r.moment().firstSentence()], r.label().equals("host") ? 1 : 0, 1);
        }
        return d;
    }

    /** Share of rows whose label the model's 0.5 cut gets right. */
    static double accuracy(Dataset d, TreeEnsemble m) {
        int right = 0;
        float[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) if ((m.probability(d.rows().get(i)) > HostModel.HOST) == (labels[i] > 0)) right++;
        return d.size() == 0 ? 0 : (double) right / d.size();
    }

    /** Accuracy on each training episode of a model fitted on the other training episodes: what one unseen episode looks like. */
    void crossValidate(List<LabelFiles.Labeled> rows, Xgb.Params p) {
        java.util.Set<String> episodes = new java.util.TreeSet<>();
        for (LabelFiles.Labeled r : rows) if (r.split().equals("train")) episodes.add(r.file());
        StringBuilder line = new StringBuilder("  by episode, fitted on the others:");
        int right = 0, all = 0;
        for (String held : episodes) {
            List<LabelFiles.Labeled> rest = rows.stream().filter(r -> !r.file().equals(held)).toList();
            List<LabelFiles.Labeled> one = rows.stream().filter(r -> r.file().equals(held)).toList();
            TreeEnsemble m = Xgb.fit(data(rest, "train"), p).trees();
            Dataset d = data(one, "train");
            double acc = accuracy(d, m);
            right += Math.round(acc * d.size());
            all += d.size();
            line.append(String.format(" %s %.0f%%", held.replaceAll("^episode-|^lex-fridman-|\\.txt$", ""), 100 * acc));
        }
        log.println(line);
        log.printf("  all held-out training episodes: %.1f%%%n", 100.0 * right / Math.max(1, all));
    }

    /**
     * @param rows the labeled sentences the models are fitted on (and chosen on, dev)
     * @param scoredOnly labeled sentences of other episodes, on which the decoder's accuracy is only printed (train and dev splits)
     */
    public Result train(List<LabelFiles.Labeled> rows, List<LabelFiles.Labeled> scoredOnly) {
        crossValidate(rows, SETTINGS.get(0));
        Dataset train = data(rows, "train"), dev = data(rows, "dev");
        int guests = 0;
        for (float l : dev.labels()) if (l == 0) guests++;
        log.printf("host or guest: %d train and %d dev sentences; everyone-is-the-guest gets %.1f%% of dev%n", train.size(), dev.size(),
                100.0 * guests / Math.max(1, dev.size()));
        Xgb.Model best = null;
        double bestDev = -1;
        for (Xgb.Params p : SETTINGS) {
            Xgb.Model m = Xgb.fit(train, p);
            double acc = accuracy(dev, m.trees());
            log.printf("  %-55s train %.1f%%, dev %.1f%%%n", p.describe(), 100 * accuracy(train, m.trees()), 100 * acc);
            if (acc > bestDev) {
                best = m;
                bestDev = acc;
            }
        }
        HostTurns turns = turns(rows, "train");
        crossValidateTurns(rows);
        log.printf("  over turns (%s): dev %.1f%%, everyone-is-the-guest %.1f%%%n", HostTurns.FILE, 100 * turnAccuracy(turns, rows, "dev"),
                100.0 * guests / Math.max(1, dev.size()));
        for (String split : List.of("train", "dev")) {
            long n = scoredOnly.stream().filter(r -> r.split().equals(split)).count();
            long g = scoredOnly.stream().filter(r -> r.split().equals(split) && r.label().equals("guest")).count();
            log.printf("  over turns, second round's %s episodes (scored only, %d sentences): %.1f%%, everyone-is-the-guest %.1f%%%n", split, n,
                    100 * turnAccuracy(turns, scoredOnly, split), 100.0 * g / Math.max(1, n));
        }
        return new Result(best.json(), manifest(), new HostModel(best.trees(), turns), bestDev, turns.json());
    }

    /** The turn decoder counted on the labeled sentences of {@code split}, in the file's order (its runs give the turn changes). */
    public static HostTurns turns(List<LabelFiles.Labeled> rows, String split) {
        List<HostTurns.Example> examples = new java.util.ArrayList<>();
        for (LabelFiles.Labeled r : rows) {
            if (r.split().equals(split)) examples.add(new HostTurns.Example(r.moment().episode(), r.moment().firstSentence(), r.label().equals("host")));
        }
        return HostTurns.fit(examples);
    }

    /** Share of the labeled sentences of {@code split} whose label the decoder's posterior (cut at 0.5) gets right. */
    static double turnAccuracy(HostTurns turns, List<LabelFiles.Labeled> rows, String split) {
        Map<Episode, float[]> posteriors = new IdentityHashMap<>();
        int right = 0, all = 0;
        for (LabelFiles.Labeled r : rows) {
            if (!r.split().equals(split)) continue;
            float[] p = posteriors.computeIfAbsent(r.moment().episode(), turns::posteriors);
            if ((p[r.moment().firstSentence()] > HostModel.HOST) == r.label().equals("host")) right++;
            all++;
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /** The decoder on each training episode, counted on the others, beside everyone-is-the-guest on the same sentences. */
    void crossValidateTurns(List<LabelFiles.Labeled> rows) {
        java.util.Set<String> episodes = new java.util.TreeSet<>();
        for (LabelFiles.Labeled r : rows) if (r.split().equals("train")) episodes.add(r.file());
        double right = 0;
        int all = 0, guests = 0;
        for (String held : episodes) {
            List<LabelFiles.Labeled> rest = rows.stream().filter(r -> !r.file().equals(held)).toList();
            List<LabelFiles.Labeled> one = rows.stream().filter(r -> r.file().equals(held)).toList();
            right += turnAccuracy(turns(rest, "train"), one, "train") * one.size();
            all += one.size();
            guests += (int) one.stream().filter(r -> r.label().equals("guest")).count();
        }
        log.printf("  over turns, each training episode counted on the others: %.1f%%, everyone-is-the-guest %.1f%%%n",
                100 * right / Math.max(1, all), 100.0 * guests / Math.max(1, all));
    }

    /** The manifest {@code HostModel} reads, and the two models it and {@code HostTurns} load. */
    static final String MANIFEST = "speakers.json", MODEL = "speaker-host.json";
    /** Every file {@link #write} writes. */
    static final List<String> FILES = List.of(MANIFEST, MODEL, HostTurns.FILE);

    static String manifest() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("model", MODEL);
        m.putPOJO("features", SpeakerFeature.names());
        try {
            return json.writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL), r.json());
        Files.writeString(dir.resolve(MANIFEST), r.manifest());
        Files.write(dir.resolve(HostTurns.FILE), r.turns());
    }
}
