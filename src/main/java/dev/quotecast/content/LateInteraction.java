package dev.quotecast.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads the question against each of the ranker's first windows word by word, and puts first the
 * window that meets it most closely. Every word piece of the question is matched with the window's
 * word piece nearest to it in the embedding model's last layer, and the window scores the mean of
 * those best matches: late interaction, as ColBERT scores passages, here over bge-small's own layer
 * with nothing trained for it.
 *
 * <p>Why a second look: the ranker knows each candidate through figures about it (how much of the
 * question its words cover, one cosine per passage, where it stands), and its misses are mostly a
 * neighbour of the answer ranked above it. The word pieces are read in their sentences, so a window
 * scores well only when every word of the question, names and all, finds its counterpart there as
 * meant: a window that meets "where was Yann LeCun born" whole outscores one that shares "born".
 * It is no paraphrase reader (a window that repeats the question's words scores high whether or not
 * it answers), which is why it only reorders what the ranker put first, and why a place further
 * down the ranker's order costs something ({@link #PLACE_COST}). Both constants were chosen on the
 * train questions' out-of-fold rankings; measured in eval/QUALITY.md, "Eighteenth round".
 */
final class LateInteraction {

    /** How many of the ranker's first windows (distinct, as shown) are read again. */
    static final int WINDOWS = 5;
    /** What each window gives up for its place in the ranker's order: {@code PLACE_COST * ln(1 + place)}, place 0 first. */
    static final double PLACE_COST = 0.02;

    private final Function<List<String>, List<List<float[]>>> pieces;

    /**
     * @param pieces each text's word-piece vectors, in order ({@link dev.quotecast.search.Searcher#piecesOf});
     *     none for the question turns the second look off
     */
    LateInteraction(Function<List<String>, List<List<float[]>>> pieces) {
        this.pieces = pieces;
    }

    /**
     * The same answers with the first {@link #WINDOWS} in the order of their reading against the
     * question (ties keep the ranker's order); the rest as they were. Unchanged when the model
     * gives no word pieces (keywords only).
     */
    List<Answer> reorder(String question, List<Answer> ranked) {
        if (ranked.size() < 2) return ranked;
        int read = Math.min(WINDOWS, ranked.size());
        List<String> texts = new ArrayList<>(read + 1);
        texts.add(question);
        for (int i = 0; i < read; i++) texts.add(ranked.get(i).passage().text());
        List<List<float[]>> all = pieces.apply(texts);
        List<float[]> asked = all.get(0);
        if (asked.isEmpty()) return ranked;
        record Read(Answer answer, int place, double score) {}
        List<Read> first = new ArrayList<>(read);
        for (int i = 0; i < read; i++) first.add(new Read(ranked.get(i), i, score(asked, all.get(i + 1)) - PLACE_COST * Math.log1p(i)));
        first.sort(Comparator.comparingDouble(Read::score).reversed().thenComparingInt(Read::place));
        List<Answer> out = new ArrayList<>(ranked.size());
        for (Read r : first) out.add(r.answer());
        out.addAll(ranked.subList(read, ranked.size()));
        return out;
    }

    /**
     * The mean, over the question's word pieces, of each one's best dot product with a piece of the
     * window (unit vectors: the cosine of the nearest word); 0 when either has none.
     */
    static double score(List<float[]> question, List<float[]> window) {
        if (question.isEmpty() || window.isEmpty()) return 0;
        double sum = 0;
        for (float[] q : question) {
            double best = -1;
            for (float[] w : window) best = Math.max(best, VectorUtil.dotProduct(q, w));
            sum += best;
        }
        return sum / question.size();
    }
}
