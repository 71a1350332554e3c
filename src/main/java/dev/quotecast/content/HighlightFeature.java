package dev.quotecast.content;

import dev.quotecast.learn.FeatureNames;
import java.util.List;

/**
 * What the highlight chooser ({@link HighlightChooser}) knows about one sentence of an answer's
 * window: whether it, rather than the sentence the ranker chose, is the one a reader should be
 * pointed at. Computed in {@link HighlightChooser#features}; NaN where a value does not apply.
 *
 * <p>The ranker scores sentences one at a time against every other candidate of the library; the
 * chooser compares the few sentences of one window with each other, where the misses are a
 * lead-in highlighted before its point, or a summing-up after it ("That's how we rank black
 * holes."). The order is the model's input order, recorded in the model files.
 */
public enum HighlightFeature {
    /** The sentence's place relative to the ranker's highlight: -1 the sentence before, 0 the highlight itself, 2 two after. */
    OFFSET,
    /** Sentences between the window's first and this one. */
    FROM_START,
    /** Sentences between this one and the window's last. */
    TO_END,
    /** The ranker's best score for a candidate highlighting this sentence, minus the answer's own score; NaN when it was no candidate. */
    SCORE_GAP,
    /** Cosine between the question and the passage holding the sentence (passages are runs of up to three sentences); NaN when unknown. */
    PASSAGE_MEANING,
    /** {@link #PASSAGE_MEANING} minus the same for the ranker's highlight: whether moving here moves closer in meaning. */
    MEANING_GAIN,
    /** IDF-weighted share of the question's terms in the sentence. */
    COVER_SENTENCE,
    /** ... in the sentence and the one after: what a reader pointed here reads. */
    COVER_PAIR,
    /** {@link #COVER_PAIR} minus the same for the ranker's highlight: what moving here gains in the question's words. */
    COVER_GAIN,
    /** The rarest question term in the sentence and the one after, its IDF over the question's rarest term's. */
    RAREST_MATCHED,
    /** 1 when the sentence asks. */
    ASKS,
    /** 1 when the sentence before it asks: the first words of a reply. */
    PREVIOUS_ASKS,
    /** log(1 + words) of the sentence. */
    WORDS,
    /** 1 when the sentence opens by pointing back ("So", "That's", "This is", "Which"): the point or summing-up of what came before. */
    POINTS_BACK,
    /** For a question wanting a number, a person or a reason: 1 when the sentence or the one after holds that kind of thing, 0 when not; NaN for other questions. */
    KIND_FOUND,
    /** The kind of answer the question wants: 1 number, 2 person, 4 reason, added. */
    QUESTION_KIND;

    /** The names in input order, as the model files record them. */
    public static List<String> names() {
        return FeatureNames.of(HighlightFeature.class);
    }
}
