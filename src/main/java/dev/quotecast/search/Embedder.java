package dev.quotecast.search;

import java.util.List;

/**
 * Turns text into unit-length vectors whose dot product says how alike two texts are in meaning,
 * not in words: "how bad did his finances get" lands near "I was so broke I had to borrow $4,000
 * from my dad". The keyword index cannot make that step; this is the port that can.
 */
public interface Embedder {

    /** A name that changes whenever the vectors would: stored vectors of another model are rebuilt. */
    String name();

    /** Vectors for passages, in order. */
    List<float[]> passages(List<String> texts);

    /** The vector of a question or topic, comparable with {@link #passages}. */
    float[] query(String text);

    /**
     * The text's words as the model read them in context: one unit vector per word piece, markers
     * and punctuation left out. Empty from a model that gives none; then nothing is read word by word.
     */
    default List<float[]> pieces(String text) {
        return List.of();
    }

    /** {@link #pieces} of each text, in order; a model may read them in parallel. */
    default List<List<float[]>> pieces(List<String> texts) {
        return texts.stream().map(this::pieces).toList();
    }
}
