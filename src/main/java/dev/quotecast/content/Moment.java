package dev.quotecast.content;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Text;

/**
 * A span of sentences in one episode, with the time it starts and a link to that moment: what
 * every quote, answer and citation points at.
 *
 * @param speaker who says it, as a served quote, advice or answer names them
 *     ({@link dev.quotecast.speakers.HostModel#saidBy}); null until decided, and for a span shown
 *     only as context, where the episode's guest (or its title) stands, as it always did
 */
public record Moment(Episode episode, int firstSentence, int lastSentence, String speaker) {

    public Moment {
        if (firstSentence < 0 || lastSentence < firstSentence || lastSentence >= episode.sentences().size()) {
            throw new IllegalArgumentException("bad sentence span " + firstSentence + ".." + lastSentence);
        }
    }

    public Moment(Episode episode, int firstSentence, int lastSentence) {
        this(episode, firstSentence, lastSentence, null);
    }

    /** The same span, said by {@code who}. */
    public Moment saidBy(String who) {
        return new Moment(episode, firstSentence, lastSentence, who);
    }

    /** The name a citation shows: who says it when decided, else the episode's guest, else its title. */
    public String byline() {
        return speaker != null ? speaker : episode.guestOrTitle();
    }

    public String text() {
        return episode.text(firstSentence, lastSentence);
    }

    public int startSeconds() {
        return episode.sentence(firstSentence).startSeconds();
    }

    public boolean timeIsEstimate() {
        return episode.timesEstimated();
    }

    /** {@code ≈21:34} for estimated times, {@code 21:34} for times from WebVTT. */
    public String clock() {
        return (timeIsEstimate() ? "≈" : "") + Text.clock(startSeconds());
    }

    /** Link to this moment in the episode, or null when the episode has no URL. */
    public String link() {
        return episode.linkAt(startSeconds());
    }

    /** The surrounding sentences: {@code radius} before and after this span, within the episode. */
    public Moment widen(int radius) {
        return new Moment(episode, Math.max(0, firstSentence - radius),
                Math.min(episode.sentences().size() - 1, lastSentence + radius));
    }

    /** True when {@code other} is of the same episode and shares a sentence with this span. */
    public boolean overlaps(Moment other) {
        return episode.id().equals(other.episode.id()) && firstSentence <= other.lastSentence && other.firstSentence <= lastSentence;
    }

    /** A key that identifies this span across replies: {@code episodeId#first-last}. */
    public String key() {
        return episode.id() + "#" + firstSentence + "-" + lastSentence;
    }
}
