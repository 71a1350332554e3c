package dev.quotecast.content;

import dev.quotecast.learn.FeatureNames;
import java.util.List;

/**
 * What the no-answer decision knows about a question once its candidates are ranked: how well the
 * best of them, and the rest, match it. Only figures that mean the same in a library of one
 * episode and of a thousand: raw BM25 scores, candidate counts and score spreads depend on the
 * library's size, and a classifier that learned them on the 101 episodes declined plain questions
 * on the one bundled transcript. From these it learns whether the transcripts answer the
 * question at all, on the same labeled questions as the ranker, NONE rows included, so "not in
 * the transcripts" is learned, not a hand-set bar.
 */
public enum AbstainFeature {
    /** The ranker's score of the best candidate. */
    TOP_SCORE,
    /** Cosine of the best candidate's passage with the question. */
    TOP_MEANING,
    /** The best cosine of any passage found. */
    BEST_MEANING,
    /** Coverage of the question around the best candidate (three sentences either side). */
    TOP_CONTEXT,
    /** Coverage of the question by the window shown. */
    TOP_SHOWN,
    /** Share of the question's distinct terms present around the best candidate. */
    TOP_TERMS_MATCHED,
    /** The best candidate's keyword score (0..1 of the question's best BM25 hit). */
    TOP_KEYWORD,
    /** How strongly the question points at the best candidate's episode. */
    TOP_FOCUS,
    /** 1 when the question names a guest. */
    NAMED,
    /** Terms in the question. */
    QUERY_TERMS,
    /** Share of the question's weight held by terms no transcript contains. */
    QUERY_UNSEEN,
    /** The rarest question term in the best candidate's window, relative to the question's rarest. */
    TOP_RAREST_MATCHED,
    /** The rarest question term missing around the best candidate, relative to the question's rarest. */
    TOP_RAREST_MISSING,
    /** Coverage of the question by the best candidate's answering sentence and the one after. */
    TOP_COVER_HIGHLIGHT,
    /** Coverage of the question by the question asked just before the best candidate. */
    TOP_QUESTION_BEFORE,
    /** Cosine of the second-best candidate's passage. */
    SECOND_MEANING,
    /** 1 when the question asks for a number, a person or a reason (its kind, see {@link AnswerFeature#QUESTION_NUMBER}). */
    QUESTION_KIND,
    /**
     * log(1 + episodes in the library). How sure a match must be depends on how many places could
     * have held a better one: one transcript answers far fewer questions than a hundred, and
     * training asks its questions of both.
     */
    LIBRARY;

    public static List<String> names() {
        return FeatureNames.of(AbstainFeature.class);
    }
}
