package dev.quotecast.content;

/**
 * A passage that answers a question, and within it the sentence that answers best.
 *
 * @param passage the sentences shown as the answer's context
 * @param highlight the single sentence that answers, inside {@code passage}
 * @param score the ranking score
 */
public record Answer(Moment passage, Moment highlight, double score) {}
