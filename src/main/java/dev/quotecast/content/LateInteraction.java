package dev.quotecast.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads the question against each of the ranker's first windows word by word, and puts first the
 * window that answers it most closely. Every word piece of the question is matched with the
 * window's word piece nearest to it in the embedding model's last layer, and the window scores the
 * mean of those best matches: late interaction, as ColBERT scores passages, here over bge-small's
 * own layer with no training of its own.
 *
 * <p>Why a second look: the ranker knows each candidate through figures about it (how much of the
 * question its words cover, one cosine per passage, where it stands), and its misses are mostly a
 * neighbour of the answer ranked above it, the host's question or the guest's lead-in, which share
 * the question's words as well as the answer does. One vector per passage sums a window up; the
 * word pieces keep what each word means in its sentence, so "how bad did his finances get" finds
 * its match in "so broke" rather than in a window that repeats "finances". A place further down
 * the ranker's order still costs something ({@link #PLACE_COST}): where the words match about as
 * well, the ranker's order stands. Measured in eval/QUALITY.md, "Eighteenth round".
 */
final class LateInteraction {

    /** How many of the ranker's first windows (distinct, as shown) are read again. */
    static final int WINDOWS = 5;
    /** What each window gives up for its place in the ranker's order: {@code PLACE_COST * ln(1 + place)}, place 0 first. */
    static final double PLACE_COST = 0.02;

    private final Function<String, List<float[]>> pieces;

    /** @param pieces a text's word-piece vectors ({@link dev.quotecast.search.Searcher#piecesOf}); empty turns the second look off */
    LateInteraction(Function<String, List<float[]>> pieces) {
        this.pieces = pieces;
    }

    /**
     * The same answers with the first {@link #WINDOWS} in the order of their reading against the
     * question (ties keep the ranker's order); the rest as they were. Unchanged when the model
     * gives no word pieces (keywords only).
     */
    List<Answer> reorder(String question, List<Answer> ranked) {
        if (ranked.size() < 2) return ranked;
        List<float[]> asked = pieces.apply(question);
        if (asked.isEmpty()) return ranked;
        int read = Math.min(WINDOWS, ranked.size());
        record Read(Answer answer, int place, double score) {}
        List<Read> first = new ArrayList<>(read);
        for (int i = 0; i < read; i++) {
            Answer a = ranked.get(i);
            first.add(new Read(a, i, score(asked, pieces.apply(a.passage().text())) - PLACE_COST * Math.log1p(i)));
        }
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
