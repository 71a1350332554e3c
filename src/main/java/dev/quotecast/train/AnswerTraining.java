package dev.quotecast.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.content.AbstainFeature;
import dev.quotecast.content.Answer;
import dev.quotecast.content.AnswerFeature;
import dev.quotecast.content.AnswerModel;
import dev.quotecast.content.Answerer;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Corpus;
import dev.quotecast.content.HighlightChooser;
import dev.quotecast.content.HighlightFeature;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptParser;
import dev.quotecast.eval.EvalSet;
import dev.quotecast.learn.Dataset;
import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.learn.Xgb;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the answer ranker, the no-answer classifier and the highlight chooser ({@link AnswerModel})
 * on the question bank.
 *
 * <p>Each question's candidates and their {@link AnswerFeature}s come from the bot itself
 * ({@link ContentService#ranking}); a candidate's label is 2 when an expected text is in its
 * highlighted sentence or the one after, 1 when it is elsewhere in the window shown, 0 otherwise.
 * The ranker learns to order candidates by those labels (LambdaMART, XGBoost's {@code rank:ndcg});
 * a few settings are compared on {@code dev} and the best kept. The no-answer classifier learns,
 * from the ranker's best candidate, whether it is right; it is fitted on rankings of questions the
 * ranker did not see (five folds by episode), since on its own training questions a ranker looks
 * surer than it is; it predicts whether the transcripts answer the question at all. Its settings
 * and threshold are chosen on dev: most questions right, saying "not found" to at least
 * {@link #NONE_SHARE} of those with no answer. The highlight chooser learns, from the same
 * out-of-fold rankings, which sentence of a window that holds the answer points at it
 * ({@link #windows}), and how sure it must be to move a highlight ({@link #chooseMargin}).
 */
public final class AnswerTraining {

    /** Share of unanswerable training questions the threshold must decline, where any threshold can. */
    static final double NONE_SHARE = 0.8;
    static final int FOLDS = 5;
    /** The split name of {@link MinedQuestions}: ranker data only, never a row of the no-answer classifier. */
    static final String MINED = "train/mined";

    /**
     * The ranker's settings: the one {@code train --compare} chose on dev among {@link #RANKERS}
     * (eval/QUALITY.md, "Fifth round", has the comparison); fitting only it keeps a rebuild of the shipped models
     * to a few minutes.
     */
    static final Xgb.Params RANKER = new Xgb.Params("rank:pairwise", 500, 3, 0.03, 10, 5);
    /** The settings {@code train --compare} compares on dev, the chosen one among them. */
    static final List<Xgb.Params> RANKERS = List.of(
            new Xgb.Params("rank:ndcg", 300, 4, 0.03, 10, 5),
            new Xgb.Params("rank:pairwise", 300, 4, 0.05, 1, 1),
            RANKER);
    /** The no-answer classifier's settings, chosen on dev as {@link #RANKER} was among {@link #ABSTAINS}. */
    static final Xgb.Params ABSTAIN = new Xgb.Params("binary:logistic", 150, 3, 0.05, 2, 1);
    static final List<Xgb.Params> ABSTAINS = List.of(ABSTAIN, new Xgb.Params("binary:logistic", 300, 2, 0.03, 5, 5));
    /** The highlight chooser's settings, chosen on dev among {@link #HIGHLIGHTS} by highlight hit@1. */
    static final Xgb.Params HIGHLIGHT = new Xgb.Params("rank:pairwise", 400, 2, 0.03, 10, 10);
    static final List<Xgb.Params> HIGHLIGHTS = List.of(new Xgb.Params("rank:pairwise", 200, 3, 0.05, 5, 5), HIGHLIGHT,
            new Xgb.Params("binary:logistic", 200, 3, 0.05, 5, 5));

    /** A question with its candidates (features fixed, order by whatever model is applied) and their labels. */
    record Labeled(EvalSet.Row row, String split, Answerer.Ranking ranking, List<Float> relevance) {
        boolean answerable() {
            return !row.expectsNone();
        }

        boolean anyRelevant() {
            return relevance.stream().anyMatch(r -> r > 0);
        }
    }

    /** hit@1 and hit@3 on the window shown, highlight hit@1, and "not found" for NONE rows. */
    record Figures(int answerable, int hit1, int hit3, int highlight1, int none, int noneHandled) {
        String describe() {
            return String.format("hit@1 %d/%d (%.1f%%), hit@3 %d/%d, highlight %d/%d (%.1f%%), NONE %d/%d", hit1, answerable,
                    100.0 * hit1 / Math.max(1, answerable), hit3, answerable, highlight1, answerable, 100.0 * highlight1 / Math.max(1, answerable),
                    noneHandled, none);
        }
    }

    private final PrintStream log;
    private final boolean compare;

    /** @param compare fit every setting of {@link #RANKERS} and {@link #ABSTAINS} and keep the best on dev, instead of the chosen ones */
    public AnswerTraining(PrintStream log, boolean compare) {
        this.log = log;
        this.compare = compare;
    }

    /** Every ask row of {@code set} with its candidates and labels. */
    static List<Labeled> label(ContentService content, EvalSet set, String split) {
        return label(content, set.rows(), split);
    }

    static List<Labeled> label(ContentService content, List<EvalSet.Row> rows, String split) {
        List<Labeled> out = new ArrayList<>();
        for (EvalSet.Row row : rows) {
            if (row.kind() != EvalSet.Kind.ASK) continue;
            Answerer.Ranking r = content.ranking(row.query(), AnswerModel.none());
            List<Float> rel = new ArrayList<>();
            for (Answerer.Candidate c : r.candidates()) rel.add(row.expectsNone() ? 0f : relevance(c.answer(), row.expected()));
            out.add(new Labeled(row, split, r, rel));
        }
        return out;
    }

    /**
     * The same questions asked of a library of one episode: each answerable question of its own
     * episode, and the questions with no answer shared out among the episodes. A user's first
     * library is the one bundled transcript, or a handful; features such as how many candidates an
     * episode has or how rare a word is mean something else there, and a model that saw only the
     * 101-episode library declined plain questions on the one transcript.
     */
    static List<Labeled> labelInSmallLibraries(Corpus corpus, PassageVectors vectors, EvalSet set, String split) {
        List<Labeled> out = new ArrayList<>(labelInSmallLibraries(corpus, vectors, set, split, true));
        // and with index.embeddings: false, where nothing is known of meaning
        out.addAll(labelInSmallLibraries(corpus, vectors, set, split, false));
        return out;
    }

    private static List<Labeled> labelInSmallLibraries(Corpus corpus, PassageVectors vectors, EvalSet set, String split, boolean meaning) {
        Map<String, List<EvalSet.Row>> byEpisode = new TreeMap<>();
        List<EvalSet.Row> none = new ArrayList<>();
        for (EvalSet.Row row : set.rows()) {
            if (row.kind() != EvalSet.Kind.ASK) continue;
            if (row.expectsNone()) none.add(row);
            else byEpisode.computeIfAbsent(TranscriptParser.idOf(Path.of(row.episodeFile())), k -> new ArrayList<>()).add(row);
        }
        List<String> episodes = new ArrayList<>(byEpisode.keySet());
        for (int i = 0; i < none.size() && !episodes.isEmpty(); i++) byEpisode.get(episodes.get(i % episodes.size())).add(none.get(i));
        List<Labeled> out = new ArrayList<>();
        for (Map.Entry<String, List<EvalSet.Row>> lib : byEpisode.entrySet()) {
            Episode e = corpus.get(lib.getKey()).orElse(null);
            if (e == null) continue;
            try (TranscriptIndex index = TranscriptIndex.open(null, new Analyzers());
                 PassageVectors one = meaning ? PassageVectors.copyOf(vectors, List.of(e)) : null) {
                index.sync(List.of(e));
                ContentService content = new ContentService(new ContentService.Snapshot(new Corpus(List.of(e)), new Searcher(index, one)),
                        new java.util.SplittableRandom(1), AnswerModel.none());
                out.addAll(label(content, lib.getValue(), split + (meaning ? "/one episode" : "/one episode, keywords")));
                content.close();
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** 2: the highlight or the sentence after it holds an expected text; 1: the window shown does; 0: neither. */
    static float relevance(Answer a, List<String> expected) {
        if (EvalSet.matches(highlightText(a), expected)) return 2;
        return EvalSet.matches(a.passage().text(), expected) ? 1 : 0;
    }

    /** The highlighted sentence and the one after it: where {@code eval} looks for a highlight hit. */
    public static String highlightText(Answer a) {
        int i = a.highlight().firstSentence();
        return a.highlight().episode().text(i, i + 1);
    }

    static Dataset rankerData(List<Labeled> questions) {
        Dataset d = new Dataset(AnswerFeature.values().length);
        for (Labeled q : questions) {
            if (!q.answerable() || !q.anyRelevant()) continue; // nothing to order
            List<float[]> rows = new ArrayList<>();
            for (Answerer.Candidate c : q.ranking().candidates()) rows.add(c.features());
            d.addGroup(rows, q.relevance());
        }
        return d;
    }

    /** The figures of {@code model} on {@code questions}; with no abstain part every question is answered. */
    static Figures evaluate(List<Labeled> questions, AnswerModel model) {
        int answerable = 0, hit1 = 0, hit3 = 0, highlight = 0, none = 0, handled = 0;
        for (Labeled q : questions) {
            Answerer.Ranking r = q.ranking().with(model);
            boolean answers = model.abstain() == null ? !r.candidates().isEmpty() : r.answerable();
            if (!q.answerable()) {
                none++;
                if (!answers) handled++;
                continue;
            }
            answerable++;
            if (!answers) continue;
            List<Answer> top = Answerer.distinct(r, 3);
            if (top.isEmpty()) continue;
            if (EvalSet.matches(top.get(0).passage().text(), q.row().expected())) hit1++;
            if (top.stream().anyMatch(a -> EvalSet.matches(a.passage().text(), q.row().expected()))) hit3++;
            if (EvalSet.matches(highlightText(top.get(0)), q.row().expected())) highlight++;
        }
        return new Figures(answerable, hit1, hit3, highlight, none, handled);
    }

    /** What {@link #train} made, and what it measured on dev. */
    public record Result(AnswerModel model, byte[] rankerJson, byte[] abstainJson, byte[] highlightJson, String manifest, Xgb.Params chosen,
                         Figures dev) {}

    /** The figures on each library the questions were asked of (the whole one, one episode), as one line each. */
    static String byLibrary(List<Labeled> questions, AnswerModel model) {
        Map<String, List<Labeled>> libs = new TreeMap<>();
        for (Labeled q : questions) libs.computeIfAbsent(q.split(), k -> new ArrayList<>()).add(q);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Labeled>> e : libs.entrySet()) {
            if (out.length() > 0) out.append("\n      ");
            out.append(String.format("%-17s %s", e.getKey(), evaluate(e.getValue(), model).describe()));
        }
        return out.toString();
    }

    /** Fits on {@code train}, chooses the ranker's settings on {@code dev}, and returns the models. */
    public Result train(List<Labeled> train, List<Labeled> dev) throws IOException {
        Dataset data = rankerData(train);
        log.printf("answer ranker: %d questions, %d candidates, %d features%n", data.groups().length, data.size(), data.columns());
        log.printf("  hand-set weights: %s%n", byLibrary(dev, AnswerModel.none()));
        Xgb.Model best = null;
        Xgb.Params chosen = null;
        Figures bestDev = null;
        for (Xgb.Params p : compare ? RANKERS : List.of(RANKER)) {
            Xgb.Model m = Xgb.fit(data, p);
            Figures f = evaluate(dev, AnswerModel.rankerOnly(m.trees()));
            log.printf("  %s%n      %s%n", p.describe(), byLibrary(dev, AnswerModel.rankerOnly(m.trees())));
            if (bestDev == null || f.hit1() + f.highlight1() > bestDev.hit1() + bestDev.highlight1()) {
                best = m;
                chosen = p;
                bestDev = f;
            }
        }
        log.printf("  chosen on dev: %s%n", chosen.describe());

        List<OutOfFold> outOfFold = outOfFold(train, chosen);
        AbstainData abstainData = abstainData(outOfFold);
        Xgb.Model abstain = null;
        double threshold = 0.5;
        int bestScore = -1;
        for (Xgb.Params p : compare ? ABSTAINS : List.of(ABSTAIN)) {
            Xgb.Model m = Xgb.fit(abstainData.rows(), p);
            double t = chooseThreshold(dev, best.trees(), m.trees(), threshold(abstainData, m.trees()));
            AnswerModel answering = new AnswerModel(best.trees(), m.trees(), t, HighlightChooser.NONE);
            Figures f = evaluate(dev, answering);
            log.printf("  no-answer %s, threshold %.2f%n      %s%n", p.describe(), t, byLibrary(dev, answering));
            if (f.hit1() + f.noneHandled() > bestScore) {
                abstain = m;
                threshold = t;
                bestScore = f.hit1() + f.noneHandled();
            }
        }
        double onTrain = threshold(abstainData, abstain.trees());
        AnswerModel model = new AnswerModel(best.trees(), abstain.trees(), threshold, HighlightChooser.NONE);
        log.printf("no-answer classifier: %d questions (out of fold), threshold %.2f (train's folds alone: %.2f)%n", abstainData.rows().size(),
                threshold, onTrain);

        List<Window> windows = windows(outOfFold);
        Dataset highlightData = dataset(windows);
        log.printf("highlight chooser: %d windows (out of fold), %d sentences%n", highlightData.groups().length, highlightData.size());
        log.printf("  the ranker's sentence: %s%n", byLibrary(dev, model));
        Xgb.Model highlight = null;
        double margin = 0;
        int bestHighlight = -1;
        for (Xgb.Params p : compare ? HIGHLIGHTS : List.of(HIGHLIGHT)) {
            Xgb.Model m = Xgb.fit(highlightData, p);
            double mp = chooseMargin(windows, p);
            AnswerModel with = model.withHighlight(new HighlightChooser(m.trees(), mp));
            log.printf("  %s, margin %.2f%n      %s%n", p.describe(), mp, byLibrary(dev, with));
            int h = evaluate(dev, with).highlight1();
            if (h > bestHighlight) {
                highlight = m;
                margin = mp;
                bestHighlight = h;
            }
        }
        model = model.withHighlight(new HighlightChooser(highlight.trees(), margin));
        Figures devFinal = evaluate(dev, model);
        log.printf("  train %s%n", byLibrary(train, model));
        log.printf("  dev   %s%n", byLibrary(dev, model));
        return new Result(model, best.json(), abstain.json(), highlight.json(), manifest(threshold, margin), chosen, devFinal);
    }

    /**
     * A window that holds the answer, among the first {@link #WINDOWS} a ranker fitted without its question's
     * fold shows: each of its {@link HighlightChooser#choices} with its features, labelled 1 when the
     * sentence or the one after it holds an expected text.
     */
    record Window(int fold, List<float[]> features, List<Float> labels) {}

    /** How many of a question's first answers give windows to learn from. */
    static final int WINDOWS = 3;

    /**
     * The windows of {@code ranked} that teach something about choosing: where some sentences are
     * right and others not (where every one is right, or none, any choice scores the same).
     */
    static List<Window> windows(List<OutOfFold> ranked) {
        List<Window> out = new ArrayList<>();
        for (OutOfFold o : ranked) {
            if (!o.question().answerable()) continue;
            List<String> expected = o.question().row().expected();
            for (Answer a : Answerer.distinct(o.ranking(), WINDOWS)) {
                if (!EvalSet.matches(a.passage().text(), expected)) continue;
                List<Float> labels = new ArrayList<>();
                for (int s : HighlightChooser.choices(a)) labels.add(EvalSet.matches(a.passage().episode().text(s, s + 1), expected) ? 1f : 0f);
                if (!labels.contains(1f) || !labels.contains(0f)) continue;
                out.add(new Window(fold(o.question()), HighlightChooser.features(a, o.ranking()), labels));
            }
        }
        return out;
    }

    static Dataset dataset(List<Window> windows) {
        Dataset d = new Dataset(HighlightFeature.values().length);
        for (Window w : windows) d.addGroup(w.features(), w.labels());
        return d;
    }

    /** Margins tried for {@link #chooseMargin}, in steps of a tenth. */
    static final int MARGIN_STEPS = 30;

    /**
     * How far another sentence must outscore the ranker's for the chooser to move the highlight:
     * the margin with the most right highlights on training windows scored by a chooser fitted
     * without their fold (on its own windows a chooser is surer than on any a user's question
     * brings); the larger margin among equals, as a move that mends nothing is not worth making.
     */
    double chooseMargin(List<Window> windows, Xgb.Params params) {
        int[] right = new int[MARGIN_STEPS + 1];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Window> rest = new ArrayList<>();
            for (Window w : windows) if (w.fold() != fold) rest.add(w);
            TreeEnsemble chooser = Xgb.fit(dataset(rest), params).trees();
            for (Window w : windows) {
                if (w.fold() != fold) continue;
                double[] scores = chooser.margins(w.features());
                for (int step = 0; step <= MARGIN_STEPS; step++) {
                    if (w.labels().get(HighlightChooser.best(scores, step / 10.0)) > 0) right[step]++;
                }
            }
        }
        int best = 0;
        StringBuilder curve = new StringBuilder("    right out of fold by margin, of " + windows.size() + ":");
        for (int step = 0; step <= MARGIN_STEPS; step++) {
            if (right[step] >= right[best]) best = step;
            if (step % 2 == 0) curve.append(String.format(" %.1f:%d", step / 10.0, right[step]));
        }
        log.println(curve);
        return best / 10.0;
    }

    /**
     * One row per training question: the abstain features of its best candidate as ranked by a
     * ranker fitted without the question's fold, labelled 1 when the transcripts answer the
     * question, and which rows are questions with no answer. (Labelling "the best candidate is
     * right" instead mixed the unanswerable questions with answerable ones ranked wrongly, and on
     * dev cost about one right answer per "not found" it got right; this way it costs a fraction.)
     */
    record AbstainData(Dataset rows, boolean[] none, int noneWithoutCandidates, int noneTotal) {}

    /** A training question as ranked by a ranker fitted without its fold. */
    record OutOfFold(Labeled question, Answerer.Ranking ranking) {}

    /**
     * Every training question but the mined ones, ranked by a ranker fitted on the other folds: on
     * its own training questions a ranker looks surer, and right more often, than on any a user
     * asks, and what learns from its rankings would learn that. A mined question repeats the
     * transcript's own words: a ranker is surer of it than of anything a person asks.
     */
    static List<OutOfFold> outOfFold(List<Labeled> train, Xgb.Params params) {
        Map<Integer, List<Labeled>> byFold = new TreeMap<>();
        for (Labeled q : train) byFold.computeIfAbsent(fold(q), k -> new ArrayList<>()).add(q);
        List<OutOfFold> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Labeled>> heldOut : byFold.entrySet()) {
            List<Labeled> rest = new ArrayList<>();
            for (Labeled q : train) if (fold(q) != heldOut.getKey()) rest.add(q);
            TreeEnsemble ranker = Xgb.fit(rankerData(rest), params).trees();
            for (Labeled q : heldOut.getValue()) {
                if (!MINED.equals(q.split())) out.add(new OutOfFold(q, q.ranking().with(AnswerModel.rankerOnly(ranker))));
            }
        }
        return out;
    }

    static AbstainData abstainData(List<OutOfFold> ranked) {
        Dataset out = new Dataset(AbstainFeature.values().length);
        List<Boolean> none = new ArrayList<>();
        int noneWithout = 0, noneTotal = 0;
        for (OutOfFold o : ranked) {
            Labeled q = o.question();
            if (!q.answerable()) noneTotal++;
            Answerer.Ranking r = o.ranking();
            if (r.candidates().isEmpty()) { // nothing found: "not found" without asking the model
                if (!q.answerable()) noneWithout++;
                continue;
            }
            out.add(r.abstainFeatures(), q.answerable() ? 1 : 0, 1);
            none.add(!q.answerable());
        }
        boolean[] flags = new boolean[none.size()];
        for (int i = 0; i < flags.length; i++) flags[i] = none.get(i);
        return new AbstainData(out, flags, noneWithout, noneTotal);
    }

    /** Questions are folded by episode, so that a fold's rankings come from a ranker that saw none of its episodes. */
    static int fold(Labeled q) {
        String key = q.answerable() ? q.row().episodeFile() : q.row().query();
        return Math.floorMod(key.hashCode(), FOLDS);
    }

    /**
     * The probability to answer from: the one that gets most training questions right (a right
     * first answer, or "not found" for a question with none), among those that decline at least
     * {@link #NONE_SHARE} of the unanswerable ones, when any does.
     */
    static double threshold(AbstainData d, TreeEnsemble abstain) {
        List<float[]> rows = d.rows().rows();
        float[] labels = d.rows().labels();
        double[] p = new double[rows.size()];
        for (int i = 0; i < p.length; i++) p[i] = abstain.probability(rows.get(i));
        double bestT = 0.5;
        int bestScore = -1;
        boolean bestMeets = false;
        for (int step = 1; step < 100; step++) {
            double t = step / 100.0;
            int right = 0, declined = d.noneWithoutCandidates();
            for (int i = 0; i < p.length; i++) {
                if (labels[i] > 0 && p[i] >= t) right++;
                if (d.none()[i] && p[i] < t) declined++;
            }
            boolean meets = d.noneTotal() == 0 || (double) declined / d.noneTotal() >= NONE_SHARE;
            int score = right + declined;
            if ((meets && !bestMeets) || (meets == bestMeets && score > bestScore)) {
                bestT = t;
                bestScore = score;
                bestMeets = meets;
            }
        }
        return bestT;
    }

    /**
     * The threshold chosen on dev, as the ranker's settings are: the one with most dev questions
     * right (a right first answer, or "not found" for one with none) among those that decline at
     * least {@link #NONE_SHARE} of dev's unanswerable questions. The folds of train alone gave a
     * threshold too high for the final ranker, whose best candidates are right more often than
     * those of the rankers fitted on four fifths of the data; dev corrects for that.
     */
    double chooseThreshold(List<Labeled> dev, TreeEnsemble ranker, TreeEnsemble abstain, double onTrain) {
        double best = onTrain;
        int bestScore = -1;
        boolean bestMeets = false;
        Map<String, List<Labeled>> libs = new TreeMap<>();
        for (Labeled q : dev) libs.computeIfAbsent(q.split(), k -> new ArrayList<>()).add(q);
        StringBuilder curve = new StringBuilder("    dev by threshold (hit@1 + NONE declined):");
        for (int step = 5; step <= 90; step += 5) {
            double t = step / 100.0;
            AnswerModel m = new AnswerModel(ranker, abstain, t, HighlightChooser.NONE);
            Figures f = evaluate(dev, m);
            // the share of "not found" must hold in each library, not only on the two together
            boolean meets = true;
            for (List<Labeled> lib : libs.values()) {
                Figures l = evaluate(lib, m);
                meets &= l.none() == 0 || (double) l.noneHandled() / l.none() >= NONE_SHARE;
            }
            int score = f.hit1() + f.noneHandled();
            curve.append(String.format(" %.2f:%d+%d", t, f.hit1(), f.noneHandled()));
            if ((meets && !bestMeets) || (meets == bestMeets && score > bestScore)) {
                best = t;
                bestScore = score;
                bestMeets = meets;
            }
        }
        log.println(curve);
        return best;
    }

    /** The manifest {@link AnswerModel#load} reads, and the three models it names. */
    static final String MANIFEST = "answers.json", RANKER_FILE = "answer-ranker.json", ABSTAIN_FILE = "answer-abstain.json",
            HIGHLIGHT_FILE = "answer-highlight.json";
    /** Every file {@link #write} writes. */
    static final List<String> FILES = List.of(MANIFEST, RANKER_FILE, ABSTAIN_FILE, HIGHLIGHT_FILE);

    static String manifest(double threshold, double highlightMargin) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("ranker", RANKER_FILE);
        m.put("abstain", ABSTAIN_FILE);
        m.put("highlight", HIGHLIGHT_FILE);
        m.put("threshold", threshold);
        m.put("highlightMargin", highlightMargin);
        m.putPOJO("rankerFeatures", AnswerFeature.names());
        m.putPOJO("abstainFeatures", AbstainFeature.names());
        m.putPOJO("highlightFeatures", HighlightFeature.names());
        try {
            return json.writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the four files {@link AnswerModel#load} reads. */
    static void write(Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(RANKER_FILE), r.rankerJson());
        Files.write(dir.resolve(ABSTAIN_FILE), r.abstainJson());
        Files.write(dir.resolve(HIGHLIGHT_FILE), r.highlightJson());
        Files.writeString(dir.resolve(MANIFEST), r.manifest());
    }
}
