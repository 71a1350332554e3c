package dev.quotecast.content;

import java.util.ArrayList;
import java.util.List;

/**
 * What the no-answer decision knows about a question once its candidates are ranked: whether the
 * best of them is likely right. Trained on the same labeled questions as the ranker, NONE rows
 * included, so "not in the transcripts" is learned, not a hand-set bar.
 */
public enum AbstainFeature {
    /** The ranker's score of the best candidate. */
    TOP_SCORE,
    /** How far the best candidate leads the second (ranker scores); NaN with one candidate. */
    LEAD,
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
    /** The best raw BM25 score of the question: low when its words are rare together. */
    BEST_BM25,
    /** How strongly the question points at the best candidate's episode. */
    TOP_FOCUS,
    /** 1 when the question names a guest. */
    NAMED,
    /** Terms in the question. */
    QUERY_TERMS,
    /** Share of the question's weight held by terms no transcript contains. */
    QUERY_UNSEEN,
    /** Share of all candidates in the best candidate's episode. */
    TOP_EPISODE_SHARE,
    /** The rarest question term in the best candidate's window, relative to the question's rarest. */
    TOP_RAREST_MATCHED,
    /** The rarest question term missing around the best candidate, relative to the question's rarest. */
    TOP_RAREST_MISSING,
    /** Coverage of the question by the best candidate's answering sentence and the one after. */
    TOP_COVER_HIGHLIGHT,
    /** Coverage of the question by the question asked just before the best candidate. */
    TOP_QUESTION_BEFORE,
    /** log(1 + candidates): a question whose words are everywhere has many. */
    CANDIDATES,
    /** Cosine of the second-best candidate's passage. */
    SECOND_MEANING;

    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (AbstainFeature f : values()) out.add(f.name());
        return out;
    }
}
