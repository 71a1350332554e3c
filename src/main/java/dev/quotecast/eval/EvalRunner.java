package dev.quotecast.eval;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.transcript.TranscriptProblem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code eval} command: loads the transcripts once, then scores question files (beside the
 * baseline when asked), checks quote quality, or measures estimated times. It reports figures and
 * fails only when it cannot run, never on a score.
 */
public final class EvalRunner {

    private final PrintStream out;
    private final PrintStream err;

    public EvalRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(BotConfig config, List<Path> files, boolean misses, boolean baseline, int quoteTopics, boolean times) {
        return run(config, files, misses, baseline, quoteTopics, times, null);
    }

    /** @param models answer models written by {@code quotecast train --out}, scored instead of the shipped ones; null: the shipped ones */
    public int run(BotConfig config, List<Path> files, boolean misses, boolean baseline, int quoteTopics, boolean times, Path models) {
        return run(config, files, misses, baseline, quoteTopics, times, models, false);
    }

    /** @param content also print the content report ({@link ContentReport}: advice and quote classifiers, everyday topics, dates of advice) */
    public int run(BotConfig config, List<Path> files, boolean misses, boolean baseline, int quoteTopics, boolean times, Path models,
                   boolean content) {
        List<EvalSet> sets = new ArrayList<>();
        for (Path f : files) {
            try {
                sets.add(EvalSet.read(f));
            } catch (RuntimeException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
        if (times) {
            TimeAccuracy.Report r = TimeAccuracy.measure(config.transcriptDirs());
            TimeAccuracy.print(out, r);
        }
        if (sets.isEmpty() && quoteTopics <= 0 && !content) return 0;
        long t0 = System.nanoTime();
        try (Engine engine = models == null ? Engine.start(config)
                : Engine.start(config, dev.quotecast.content.Models.from(models))) {
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            for (TranscriptProblem p : engine.problems()) err.println("warning: skipped " + p);
            out.printf("%d episodes, %d sentences loaded and indexed in %.1f s%n", engine.content().corpus().size(),
                    engine.content().corpus().sentenceCount(), loadSeconds);
            if (config.embeddings()) {
                long e0 = System.nanoTime();
                // the state a running bot answers from: every passage embedded, the vector index one segment
                engine.awaitCompactedVectors();
                out.printf("%d passage embeddings ready after %.1f s more%n", engine.embeddedPassages(), (System.nanoTime() - e0) / 1e9);
            } else {
                out.println("keywords only: no passage embeddings");
            }
            BaselineResponder base = null;
            if (baseline && !sets.isEmpty()) {
                long b0 = System.nanoTime();
                base = new BaselineResponder(engine.content().corpus().episodes());
                out.printf("baseline: %.1f MB of paragraphs indexed in %.1f s%n", base.charsIndexed() / 1e6, (System.nanoTime() - b0) / 1e9);
            }
            try {
                Responder qc = new QuotecastResponder(engine.content());
                for (EvalSet set : sets) {
                    out.println();
                    // one untimed pass first, so that latencies are those of a warm process, as in service
                    Evaluation.run(set, qc);
                    if (base != null) Evaluation.run(set, base);
                    List<Evaluation.Score> scores = new ArrayList<>();
                    scores.add(Evaluation.run(set, qc));
                    if (base != null) scores.add(Evaluation.run(set, base));
                    Evaluation.print(out, scores);
                    if (misses) for (Evaluation.Score s : scores) Evaluation.printMisses(out, s);
                }
                if (content) {
                    out.println();
                    new ContentReport(out).run(engine, Path.of("eval"), java.time.LocalDate.of(2026, 12, 1), 30);
                }
                if (quoteTopics > 0) {
                    out.println();
                    List<String> topics = QuoteQuality.topics(engine.content().corpus(), quoteTopics);
                    out.println("topics (every 10th): " + java.util.stream.IntStream.range(0, topics.size()).filter(i -> i % 10 == 0)
                            .mapToObj(topics::get).collect(java.util.stream.Collectors.joining(", ")));
                    QuoteQuality.Report r = QuoteQuality.run(engine.commands(), topics);
                    printQuotes(r, misses);
                }
            } finally {
                if (base != null) base.close();
            }
            return 0;
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void printQuotes(QuoteQuality.Report r, boolean details) {
        out.printf("quote quality over %d corpus topics (first quote + %d 'Another' clicks each):%n", r.topics(), QuoteQuality.PAGES - 1);
        out.printf("  topics with a quote            %d/%d%n", r.topicsWithQuotes(), r.topics());
        out.printf("  well-formed quotes             %d/%d %.1f%%%n", r.wellFormed(), r.quotes(), 100 * r.wellFormedShare());
        out.printf("  topics where 'Another' repeats %d/%d%n", r.topicsWithRepeat(), r.topicsWithQuotes());
        r.failures().entrySet().stream().sorted(QuoteQuality.byCount())
                .forEach((Map.Entry<String, Integer> f) -> out.printf("    %-28s %d%n", f.getKey(), f.getValue()));
        if (details) for (String ex : r.examples()) out.println("    e.g. " + ex);
    }
}
