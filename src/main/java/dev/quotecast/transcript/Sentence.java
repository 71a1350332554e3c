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
 * @param speaker who says it, when the transcript names speakers (a WhisperX label such as
 *     {@code SPEAKER_01}, or a name once the episode's metadata gives one); null when it does not,
 *     as in the seed format, where only the text can suggest who speaks
 */
public record Sentence(int index, String text, int paragraph, int wordOffset, int startSeconds, Role role, int wordCount,
                       String speaker) {

    public Sentence(int index, String text, int paragraph, int wordOffset, int startSeconds, Role role) {
        this(index, text, paragraph, wordOffset, startSeconds, role, Text.wordCount(text), null);
    }

    public Sentence(int index, String text, int paragraph, int wordOffset, int startSeconds, Role role, int wordCount) {
        this(index, text, paragraph, wordOffset, startSeconds, role, wordCount, null);
    }

    /** The same sentence said by {@code who} (null: nobody named). */
    public Sentence withSpeaker(String who) {
        return new Sentence(index, text, paragraph, wordOffset, startSeconds, role, wordCount, who);
    }

    /** The same sentence starting at {@code seconds}. */
    public Sentence at(int seconds) {
        return new Sentence(index, text, paragraph, wordOffset, seconds, role, wordCount, speaker);
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
