package dev.quotecast.transcript;

/**
 * One sentence of an episode, located in the text and in time.
 *
 * <p>{@code startSeconds} comes from a WebVTT cue when the episode has one, otherwise it is an
 * estimate from the sentence's position in the text; {@link Episode#timesEstimated()} says which.
 *
 * @param index position in the episode, from 0
 * @param text the sentence as spoken, whitespace collapsed
 * @param paragraph the paragraph (from 0) in which the sentence starts
 * @param wordOffset words before this sentence in the episode body
 * @param startSeconds when the sentence starts, in seconds from the beginning
 * @param role whether these are the conversation's words or an intro or sponsor read
 * @param wordCount words in {@code text}, counted once: quote rules ask for it on every query
 */
public record Sentence(int index, String text, int paragraph, int wordOffset, int startSeconds, Role role, int wordCount) {

    public Sentence(int index, String text, int paragraph, int wordOffset, int startSeconds, Role role) {
        this(index, text, paragraph, wordOffset, startSeconds, role, Text.wordCount(text));
    }

    /** Who is speaking, in the sense that matters for quoting. */
    public enum Role {
        /** The conversation itself: quotable. */
        CONVERSATION,
        /** The host's opening description of the guest and closing words: searchable, not quotable. */
        INTRO,
        /** An ad read, a call to subscribe or to support the show: never served as content. */
        SPONSOR
    }

    public boolean quotable() {
        return role == Role.CONVERSATION;
    }

}
