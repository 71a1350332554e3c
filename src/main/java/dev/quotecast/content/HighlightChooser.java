package dev.quotecast.content;

import dev.quotecast.learn.TreeEnsemble;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses which sentence of an answer's window is highlighted, once the window is chosen. The
 * window (what the user reads) stays as the ranker found it; only the sentence the reader is
 * pointed at, credited and linked to moves, and only to a sentence of that window that does not
 * ask. A model learned from the question bank scores each such sentence from its
 * {@link HighlightFeature}s; the best one becomes the highlight when it beats the ranker's own
 * choice by the model's margin. The margin is chosen on training questions the model did not see:
 * a move that is as likely to break a right highlight as to mend a wrong one is not worth making.
 *
 * @param model scores each of {@link #choices} from its {@link #features}; null keeps the ranker's sentence
 * @param margin how much higher than the ranker's sentence another must score to be chosen
 */
public record HighlightChooser(TreeEnsemble model, double margin) {

    /** Keeps the ranker's sentence. */
    public static final HighlightChooser NONE = new HighlightChooser(null, 0);

    private static final Pattern POINTS_BACK = Pattern.compile(
            "^(so|and so|that|and that|this|and this|those|these|which|it's|thus|therefore|in other words)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * The sentences of {@code a}'s window that may be highlighted, the current highlight first:
     * every one that does not ask (a question is never the highlight when the window shows its reply).
     */
    public static List<Integer> choices(Answer a) {
        Episode e = a.passage().episode();
        int h = a.highlight().firstSentence();
        List<Integer> out = new ArrayList<>();
        out.add(h);
        for (int s = a.passage().firstSentence(); s <= a.passage().lastSentence(); s++) {
            if (s != h && !Answerer.asks(e, s)) out.add(s);
        }
        return out;
    }

    /** The {@link HighlightFeature}s of each of {@link #choices}, in that order. */
    public static List<float[]> features(Answer a, Answerer.Ranking r) {
        Episode e = a.passage().episode();
        Map<Integer, Double> scored = bestScores(r, e);
        TermCoverage cov = r.asked().coverage();
        QuestionKind kind = r.asked().kind();
        int wanted = (kind.number() ? QuestionKind.HAS_NUMBER : 0) | (kind.person() ? QuestionKind.HAS_NAME : 0)
                | (kind.reason() ? QuestionKind.HAS_REASON : 0);
        int h = a.highlight().firstSentence();
        double rankedPair = cov.of(e, h, h + 1);
        Answerer.Dense dense = r.asked().dense();
        float rankedMeaning = dense.at(e.id(), dense.passage(e.id(), h));
        List<float[]> out = new ArrayList<>();
        for (int s : choices(a)) {
            float[] f = new float[HighlightFeature.values().length];
            set(f, HighlightFeature.OFFSET, s - h);
            set(f, HighlightFeature.FROM_START, s - a.passage().firstSentence());
            set(f, HighlightFeature.TO_END, a.passage().lastSentence() - s);
            Double score = scored.get(s);
            set(f, HighlightFeature.SCORE_GAP, score == null ? Double.NaN : score - a.score());
            float meaning = dense.at(e.id(), dense.passage(e.id(), s));
            set(f, HighlightFeature.PASSAGE_MEANING, meaning);
            set(f, HighlightFeature.MEANING_GAIN, meaning - rankedMeaning);
            set(f, HighlightFeature.COVER_SENTENCE, cov.of(e, s, s));
            double pair = cov.of(e, s, s + 1);
            set(f, HighlightFeature.COVER_PAIR, pair);
            set(f, HighlightFeature.COVER_GAIN, pair - rankedPair);
            set(f, HighlightFeature.RAREST_MATCHED, cov.rarestMatched(e, s, s + 1));
            set(f, HighlightFeature.ASKS, Answerer.asks(e, s) ? 1 : 0);
            set(f, HighlightFeature.PREVIOUS_ASKS, s > 0 && Answerer.asks(e, s - 1) ? 1 : 0);
            String text = e.sentence(s).text();
            set(f, HighlightFeature.WORDS, Math.log1p(e.sentence(s).wordCount()));
            set(f, HighlightFeature.POINTS_BACK, POINTS_BACK.matcher(text).find() ? 1 : 0);
            set(f, HighlightFeature.KIND_FOUND, wanted == 0 ? Double.NaN : (r.asked().corpus().answerKinds(e, s) & wanted) != 0 ? 1 : 0);
            set(f, HighlightFeature.QUESTION_KIND, (kind.number() ? 1 : 0) + (kind.person() ? 2 : 0) + (kind.reason() ? 4 : 0));
            out.add(f);
        }
        return out;
    }

    /** {@code a} with the highlight the model scores best among {@link #choices}, if by the margin; {@code a} itself with no model. */
    Answer choose(Answer a, Answerer.Ranking r) {
        if (model == null) return a;
        List<Integer> choices = choices(a);
        if (choices.size() < 2) return a;
        int best = best(model.margins(features(a, r)), margin);
        int s = choices.get(best);
        return best == 0 ? a : new Answer(a.passage(), new Moment(a.passage().episode(), s, s), a.score());
    }

    /** The index of the highest of {@code scores} when it beats the first (the ranker's sentence) by more than {@code margin}, else 0. */
    public static int best(double[] scores, double margin) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
        return scores[best] - scores[0] > margin ? best : 0;
    }

    /** Per sentence of {@code e}, the ranker's best score for a candidate highlighting it. */
    private static Map<Integer, Double> bestScores(Answerer.Ranking r, Episode e) {
        Map<Integer, Double> out = new HashMap<>();
        for (Answerer.Candidate c : r.candidates()) {
            Moment h = c.answer().highlight();
            if (h.episode().id().equals(e.id())) out.merge(h.firstSentence(), c.score(), Math::max);
        }
        return out;
    }

    private static void set(float[] f, HighlightFeature which, double value) {
        f[which.ordinal()] = (float) value;
    }
}
