package dev.quotecast.eval;

import java.util.List;
import java.util.Optional;

/**
 * What the evaluation asks of a retrieval system: answer passages and a first quote. Quotecast and
 * the plain-Lucene baseline both implement it, so one run scores both on the same questions.
 */
public interface Responder {

    /** Short name for reports. */
    String name();

    /** Up to {@code n} answer passages, best first; empty means "not in the transcripts". */
    List<Passage> answers(String question, int n);

    /**
     * Up to {@code n} passages the system ranked for the question, best first, whether or not it
     * would answer with them: where the right one sits tells retrieval misses from ranking misses.
     * The answers themselves for a system that always answers.
     */
    default List<Passage> candidates(String question, int n) {
        return answers(question, n);
    }

    /** The first quote for a topic, if any. */
    Optional<Passage> quote(String topic);

    /**
     * A returned text and the episode it came from.
     *
     * @param highlight the part a reader is pointed at: the answering sentence and the one after it
     *     (for a system that highlights nothing, the whole text)
     */
    record Passage(String episodeId, String text, String highlight) {
        public Passage(String episodeId, String text) {
            this(episodeId, text, text);
        }
    }
}
