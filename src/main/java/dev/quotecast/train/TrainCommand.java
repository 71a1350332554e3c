package dev.quotecast.train;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigLoader;
import dev.quotecast.config.OwnedFolders;
import dev.quotecast.eval.EvalSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quotecast train}: rebuilds every learned model from the labeled files in {@code eval/}
 * and writes them where the build packs them ({@code src/main/resources/models/}). The same files
 * give the same models: fixed seeds, one thread, the same candidates every run. Needs the
 * transcripts the labels refer to (the seed and {@code ../shared/corpus/lex}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Rebuild the learned models (host or guest, advice, quotes, answer ranker, no-answer classifier) from the labeled files in eval/.",
        footerHeading = "%nExamples:%n", footer = {
                "  java -jar target/quotecast.jar train --transcripts transcripts --transcripts ../shared/corpus/lex --index target/eval-index/corpus"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--transcripts", paramLabel = "DIR", required = true, description = "transcript folders the labels refer to; repeatable")
    List<Path> transcripts = new ArrayList<>();

    @Option(names = "--index", paramLabel = "DIR", description = "keep the index and its passage embeddings in DIR, so that a rerun "
            + "embeds only what changed (default: in memory, which embeds the whole library: minutes)")
    Path index;

    @Option(names = "--labels", paramLabel = "DIR", description = "the labeled files (default: ${DEFAULT-VALUE})")
    Path labels = Path.of("eval");

    @Option(names = "--out", paramLabel = "DIR", description = "where the models are written (default: ${DEFAULT-VALUE})")
    Path out = Path.of("src", "main", "resources", "models");

    @Option(names = "--compare", description = "also fit the other settings of the answer models and keep the best on dev (slower; "
            + "the shipped models come from the settings chosen this way)")
    boolean compare;

    @Option(names = "--mined", paramLabel = "N", description = "also train the answer ranker on up to N host questions and the guest's "
            + "replies per train episode (default: ${DEFAULT-VALUE}; eval/QUALITY.md has what they gave on dev)")
    int mined = 0;

    @Option(names = "--episodes-share", paramLabel = "F", description = "fit the answer models on the questions of only this share "
            + "of the train episodes (and of its NONE rows), drawn with a fixed seed: a learning curve (default: ${DEFAULT-VALUE}; eval/QUALITY.md, \"Eleventh round\")")
    double episodesShare = 1.0;

    /**
     * Every file {@code train} writes into {@link #out}: a folder that holds anything else is not a
     * models folder, and {@code train --out ~/data} must not write over a user's {@code quotes.json}.
     */
    static final Set<String> WRITES = writes();

    private static Set<String> writes() {
        Set<String> all = new java.util.TreeSet<>(SpeakerTraining.FILES);
        all.addAll(ContentTraining.files(ContentTraining.ADVICE));
        all.addAll(ContentTraining.files(ContentTraining.QUOTES));
        all.addAll(AnswerTraining.FILES);
        return Set.copyOf(all);
    }

    /** Why {@link #out} cannot take the models. */
    static final class NotAModelsFolder extends java.io.IOException {
        NotAModelsFolder(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            run(log);
        } catch (NotAModelsFolder e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** Refuses an {@link #out} that is a file or holds files {@code train} does not write, before minutes of training. */
    void checkOut() throws java.io.IOException {
        if (!Files.exists(out)) return;
        String folder = dev.quotecast.transcript.Text.escape(out.toString());
        if (!Files.isDirectory(out)) throw new NotAModelsFolder("--out " + folder + " is not a folder");
        List<String> others = OwnedFolders.foreignNames(out, WRITES::contains);
        if (!others.isEmpty()) {
            throw new NotAModelsFolder("refusing to write the models into " + folder + ": it holds " + OwnedFolders.listed(others)
                    + ", which train does not write; choose a new or empty folder with --out");
        }
    }

    /** The rows of {@code set} in {@link #episodesShare} of its episodes (NONE rows by line), the same share every run. */
    EvalSet share(EvalSet set) {
        if (episodesShare >= 1) return set;
        List<EvalSet.Row> kept = set.rows().stream()
                .filter(r -> draw(r.expectsNone() ? set.name() + ":" + r.line() : r.episodeFile()) < episodesShare).toList();
        return new EvalSet(set.name(), kept);
    }

    private static double draw(String key) {
        long h = new java.util.SplittableRandom(key.hashCode() * 0x9E3779B97F4A7C15L).nextLong();
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Trains everything and writes it to {@link #out}; the figures go to {@code log}. */
    public void run(PrintStream log) throws Exception {
        checkOut();
        BotConfig config = ConfigLoader.fromEnvironment().defaults(Path.of("").toAbsolutePath())
                .withTranscripts(transcripts).withIndexDir(index).withEmbeddings(true);
        long t0 = System.nanoTime();
        if (index != null) {
            // first bring the persisted passage embeddings up to date (minutes the first time, a second after)
            try (Engine persisted = Engine.start(config, dev.quotecast.content.Models.none())) {
                persisted.awaitEmbeddings();
            }
        }
        // no shipped model is needed (or read) to make one: after a change of features the old one would not even load
        try (Engine engine = Engine.startForTraining(config, dev.quotecast.content.Models.none())) {
            engine.awaitEmbeddings();
            log.printf("%d episodes, %d passage embeddings (%.0f s)%n", engine.content().corpus().size(), engine.embeddedPassages(),
                    (System.nanoTime() - t0) / 1e9);
            LabelFiles files = new LabelFiles(labels);
            dev.quotecast.content.Corpus corpus = engine.content().corpus();
            SpeakerTraining.Result speakers = new SpeakerTraining(log).train(files.speakers(corpus), files.speakersScoredOnly(corpus));
            SpeakerTraining.write(speakers, out);
            ContentTraining content = new ContentTraining(log);
            ContentTraining.write(ContentTraining.ADVICE, content.advice(files.advice(corpus), speakers.model(), engine.vectors()), out);
            ContentTraining.write(ContentTraining.QUOTES, content.quotes(files.quotes(corpus), speakers.model(), engine.content(), engine.vectors()), out);
            Path questions = labels.resolve("questions");
            EvalSet trainSet = share(EvalSet.read(questions.resolve("train.tsv"))), devSet = EvalSet.read(questions.resolve("dev.tsv"));
            List<AnswerTraining.Labeled> train = new ArrayList<>(AnswerTraining.label(engine.content(), trainSet, "train"));
            List<AnswerTraining.Labeled> dev = new ArrayList<>(AnswerTraining.label(engine.content(), devSet, "dev"));
            // the same questions in libraries of one episode: the bot is run on one transcript as often as on a hundred;
            // there also the short chat questions, which a whole library answers in too many places to label
            List<EvalSet.Row> small = new ArrayList<>(trainSet.rows());
            small.addAll(share(EvalSet.read(questions.resolve("train-short.tsv"))).rows());
            train.addAll(AnswerTraining.labelInSmallLibraries(corpus, engine.vectors(), new EvalSet("train", small), "train"));
            dev.addAll(AnswerTraining.labelInSmallLibraries(corpus, engine.vectors(), devSet, "dev"));
            List<EvalSet.Row> minedRows = MinedQuestions.from(corpus, files.splits(), mined);
            if (!minedRows.isEmpty()) {
                train.addAll(AnswerTraining.label(engine.content(), minedRows, AnswerTraining.MINED));
                log.printf("%d questions mined from the train episodes' interviews%n", minedRows.size());
            }
            log.printf("questions labeled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            AnswerTraining.Result answers = new AnswerTraining(log, compare).train(train, dev);
            AnswerTraining.write(answers, out);
            log.printf("wrote %s (%.0f s in all)%n", out, (System.nanoTime() - t0) / 1e9);
        }
        if (!Files.isDirectory(out)) throw new IllegalStateException("nothing written to " + out);
    }
}
