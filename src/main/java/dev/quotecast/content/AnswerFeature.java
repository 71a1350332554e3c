package dev.quotecast.content;

import dev.quotecast.learn.FeatureNames;
import java.util.List;

/**
 * What the answer ranker knows about one candidate: a sentence that may answer the question, with
 * the window shown around it. Each value is computed in {@link Answerer}; a value that does not
 * apply is NaN, which the trees route the way they learned for "missing".
 *
 * <p>The order is the model's input order: adding a feature means retraining ({@code quotecast
 * train}), and the model files record the names they were trained with, so a model and a list that
 * disagree fail at load rather than score nonsense.
 */
public enum AnswerFeature {
    /** 1 when the candidate is the sentence after a matching question (the answer the interview gives it), 0 for a sentence taken on its own. */
    AFTER_QUESTION,
    /** Best BM25 score among the keyword hits holding the sentence, divided by the question's best hit: 0..1, 0 when no keyword hit holds it. */
    KEYWORD_SCORE,
    /** Rank (1 = first) of the best keyword hit holding the sentence, as log(1 + rank); NaN when none does. */
    KEYWORD_RANK,
    /** Cosine between the question and the embedded passage holding the sentence (or the question before it); 0 when unknown. */
    MEANING,
    /** Rank of that passage among those closest in meaning, as log(1 + rank); NaN when it was not among them. */
    MEANING_RANK,
    /** Cosine of the passage before the one holding the sentence (NaN when unknown). */
    PREVIOUS_MEANING,
    /** Cosine of the passage after: a window that runs on into it may carry the answer. */
    NEXT_MEANING,
    /** The best cosine of the passages the window shown overlaps. */
    SHOWN_MEANING,
    /** How many passages of the same episode are closer to the question, as log(1 + n). */
    MEANING_RANK_IN_EPISODE,
    /** IDF-weighted share of the question's terms in the sentence itself. */
    COVER_SENTENCE,
    /** ... in the sentence and one either side (for an answer after a question: the question and two after). */
    COVER_WINDOW,
    /** ... within three sentences either side: the neighbourhood that decides whether the topic is there at all. */
    COVER_CONTEXT,
    /** ... in the window shown to the user (up to about 120 words). */
    COVER_SHOWN,
    /** Share of the question's distinct terms (or their variants) present in the window, unweighted. */
    TERMS_MATCHED,
    /** 1 when the sentence ends with a question mark. */
    ASKS,
    /** 1 when the sentence before it asks. */
    PREVIOUS_ASKS,
    /** 1 when the sentence after it asks: an answer the host interrupts is often a passing remark. */
    NEXT_ASKS,
    /** Coverage of the question by the nearest preceding sentence that asks, within three: "follows a matching question". */
    QUESTION_BEFORE,
    /** log(1 + words) of the sentence. */
    WORDS,
    /** 1 when the sentence is in the host's introduction of the guest. */
    INTRO,
    /** Position in the episode, 0 (start) to 1 (end). */
    POSITION,
    /** How strongly the question points at this episode: 1 when it names the guest, the title-and-intro share otherwise, 0 when not. */
    FOCUS,
    /** 1 when the question names a guest (the search is then limited to that guest's episodes). */
    NAMED,
    /** Share of all candidates that come from this candidate's episode: an episode that keeps matching is likely the one. */
    EPISODE_SHARE,
    /** The best keyword score of any candidate from this episode (0..1). */
    EPISODE_KEYWORD,
    /** The best cosine of any passage of this episode. */
    EPISODE_MEANING,
    /** Terms in the question after stop words. */
    QUERY_TERMS,
    /** Share of the question's IDF weight held by terms no transcript contains ("kombucha"). */
    QUERY_UNSEEN,
    /** The rarest question term present in the window: its IDF divided by the rarest term of the question's. */
    RAREST_MATCHED,
    /** 1 when the question asks for a number, an amount, a time or a date ("how many", "how long", "what year", "when"). */
    QUESTION_NUMBER,
    /** 1 when the question asks for a person ("who", "whom", "whose"). */
    QUESTION_PERSON,
    /** 1 when the question asks for a reason ("why", "what made", "what led"). */
    QUESTION_REASON,
    /** 1 when the answering sentence or the one after holds a number (digits or a number word). */
    HAS_NUMBER,
    /** 1 when the answering sentence or the one after holds a capitalised word past its start (a name), other than "I". */
    HAS_NAME,
    /** 1 when the answering sentence or the one after gives a reason ("because", "the reason", "that's why", "so that"). */
    HAS_REASON,
    /** Coverage of the question by the answering sentence and the one after it: where the highlight is judged. */
    COVER_HIGHLIGHT,
    /**
     * The rarest question term missing from three sentences either side: its IDF over the question's
     * rarest term's. An answer that lacks the one word that singles the question out ("pickleball")
     * is rarely the answer, whatever else it shares.
     */
    RAREST_MISSING,
    /** log(1 + episodes in the library): which cues count depends on how many places could match (training asks in 1 and 101). */
    LIBRARY,
    /** 1 when passages have embeddings (closeness in meaning is known), 0 with keywords only. */
    HAS_MEANING,
    /** The ranking score the bot used before the model (a hand-set sum of the figures above): a strong prior to start from. */
    HAND_SCORE;

    /** The names in input order, as the model files record them. */
    public static List<String> names() {
        return FeatureNames.of(AnswerFeature.class);
    }

    static float[] empty() {
        float[] v = new float[values().length];
        java.util.Arrays.fill(v, Float.NaN);
        return v;
    }
}
