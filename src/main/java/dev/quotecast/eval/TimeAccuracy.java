package dev.quotecast.eval;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import dev.quotecast.transcript.TimeEstimator;
import dev.quotecast.transcript.TranscriptLibrary;
import dev.quotecast.transcript.TranscriptParser;
import dev.quotecast.transcript.VttTimes;
import dev.quotecast.transcript.WebVtt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How far estimated sentence times are from real ones: every {@code name.txt} that has a
 * {@code name.vtt} beside it is read without its VTT, and each sentence's estimated start is compared
 * with the start the VTT gives the same words. Every estimator is measured in the same run.
 */
public final class TimeAccuracy {

    private TimeAccuracy() {}

    /** Absolute errors in seconds, pooled over every sentence of every pair, per estimator. */
    public record Report(int episodes, int sentences, Map<TimeEstimator, double[]> errors) {
        public double median(TimeEstimator e) {
            return percentile(errors.get(e), 50);
        }

        public double p90(TimeEstimator e) {
            return percentile(errors.get(e), 90);
        }

        /** Median of the per-episode medians would hide long episodes; this is over all sentences. */
        static double percentile(double[] sorted, double p) {
            if (sorted == null || sorted.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    public static Report measure(List<Path> dirs) {
        TranscriptLibrary library = new TranscriptLibrary();
        Map<TimeEstimator, List<Double>> errs = new EnumMap<>(TimeEstimator.class);
        for (TimeEstimator t : TimeEstimator.values()) errs.put(t, new ArrayList<>());
        int episodes = 0, sentences = 0;
        for (Path txt : pairs(dirs)) {
            Path vtt = txt.resolveSibling(TranscriptParser.idOf(txt) + ".vtt");
            if (!(library.parseFile(txt) instanceof TranscriptParser.Parsed p)) continue;
            Episode e = p.episode();
            WebVtt.Track track;
            try {
                track = WebVtt.parse(vtt, Files.readString(vtt, StandardCharsets.UTF_8));
            } catch (IOException | WebVtt.Malformed ex) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            List<Integer> paragraphs = new ArrayList<>();
            for (Sentence s : e.sentences()) {
                texts.add(s.text());
                paragraphs.add(s.paragraph());
            }
            int[] exact = VttTimes.sentenceStarts(texts, track);
            for (TimeEstimator t : TimeEstimator.values()) {
                int[] est = t.starts(texts, paragraphs, e.duration().toSeconds(), TranscriptParser.WORDS_PER_SECOND);
                List<Double> out = errs.get(t);
                for (int i = 0; i < est.length; i++) out.add((double) Math.abs(est[i] - exact[i]));
            }
            episodes++;
            sentences += texts.size();
        }
        Map<TimeEstimator, double[]> sorted = new EnumMap<>(TimeEstimator.class);
        for (Map.Entry<TimeEstimator, List<Double>> en : errs.entrySet()) {
            double[] a = en.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            sorted.put(en.getKey(), a);
        }
        return new Report(episodes, sentences, sorted);
    }

    /** The {@code .txt} files that have a {@code .vtt} of the same name beside them. */
    static List<Path> pairs(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(f -> f.getFileName().toString().endsWith(".txt"))
                        .filter(f -> Files.isRegularFile(f.resolveSibling(TranscriptParser.idOf(f) + ".vtt")))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable folder has no pairs to measure
            }
        }
        return out;
    }

    public static void print(PrintStream out, Report r) {
        out.printf("estimated sentence start times vs WebVTT: %d episodes, %d sentences%n", r.episodes(), r.sentences());
        out.printf("  %-10s %12s %12s%n", "estimator", "median |err|", "p90 |err|");
        for (TimeEstimator t : TimeEstimator.values()) {
            out.printf("  %-10s %11.1fs %11.1fs%s%n", t.name().toLowerCase(), r.median(t), r.p90(t), t == TimeEstimator.DEFAULT ? "   (in use)" : "");
        }
    }
}
