package dev.quotecast.content;

import dev.quotecast.learn.FeatureNames;
import java.util.List;

/**
 * What the advice and quote classifiers read off a span's words ({@link TextShape}) and its
 * place in the conversation. The classifiers add the span's meaning (its embedding) after these;
 * the order is the models' input order, recorded with them by {@code quotecast train}.
 */
public enum ShapeFeature {
    /** log(1 + words). */
    WORDS,
    /** Sentences in the span (1 to 3). */
    SENTENCES,
    /** "you", "your" per word: advice speaks to the listener; the host speaks to the guest. */
    YOU,
    /** "I", "my" per word: an anecdote speaks of oneself. */
    FIRST_PERSON,
    /** "this", "that", "it", "they", "he" per word: what points back at something said before. */
    POINTING,
    /** 1 when the first word leans on the sentence before ("And", "It", "That's", "Yeah"). */
    DANGLES,
    /** 1 when it opens with a command: "Don't…", "Try…", "Be…", "Find…". */
    IMPERATIVE,
    /** 1 for "should", "must", "need to", "have to", "the key is". */
    MODAL,
    /** 1 for "my advice", "I recommend", "the best way", "if you want to", "don't be afraid". */
    ADVISING,
    /** 1 for "I think", "I believe", "to me": a view. */
    OPINION,
    /** 1 for "people", "everyone", "life", "always", "never": speaking of everyone, not one case. */
    GENERAL,
    /** "kind of", "you know", "I mean" per word: loose speech. */
    HEDGES,
    /** Commas per word: lists and restarted sentences. */
    COMMAS,
    /** Words said twice in a row. */
    STUTTERS,
    /** 1 when it asks. */
    ASKS,
    /** 1 when it holds digits. */
    NUMBER,
    /** Capitalised words past the first, per word: names and places, a story about someone. */
    NAMES,
    /** How likely the span is the host's ({@link dev.quotecast.speakers.HostModel}): the highest of its sentences. */
    HOST,
    /** 1 when the sentence before it asks: the span answers a question, and may need it. */
    AFTER_QUESTION,
    /** Position in the episode, 0 to 1. */
    POSITION;

    public static List<String> names() {
        return FeatureNames.of(ShapeFeature.class);
    }

    /** The features of sentences {@code m} of its episode, given how likely each sentence is the host's. */
    public static float[] of(Moment m, float[] hostProbabilities) {
        TextShape t = new TextShape(m.text());
        float[] f = new float[values().length];
        f[WORDS.ordinal()] = (float) Math.log1p(t.words());
        f[SENTENCES.ordinal()] = m.lastSentence() - m.firstSentence() + 1;
        f[YOU.ordinal()] = (float) t.youShare();
        f[FIRST_PERSON.ordinal()] = (float) t.firstPersonShare();
        f[POINTING.ordinal()] = (float) t.pointingShare();
        f[DANGLES.ordinal()] = t.dangles() ? 1 : 0;
        f[IMPERATIVE.ordinal()] = t.imperative() ? 1 : 0;
        f[MODAL.ordinal()] = t.modal() ? 1 : 0;
        f[ADVISING.ordinal()] = t.advising() ? 1 : 0;
        f[OPINION.ordinal()] = t.opinion() ? 1 : 0;
        f[GENERAL.ordinal()] = t.general() ? 1 : 0;
        f[HEDGES.ordinal()] = (float) t.hedgeShare();
        f[COMMAS.ordinal()] = (float) t.commaShare();
        f[STUTTERS.ordinal()] = t.stutters();
        f[ASKS.ordinal()] = t.asks() ? 1 : 0;
        f[NUMBER.ordinal()] = t.number() ? 1 : 0;
        f[NAMES.ordinal()] = (float) t.nameShare();
        float host = 0;
        for (int i = m.firstSentence(); i <= m.lastSentence(); i++) host = Math.max(host, hostProbabilities[i]);
        f[HOST.ordinal()] = host;
        int before = m.firstSentence() - 1;
        f[AFTER_QUESTION.ordinal()] = before >= 0 && m.episode().sentence(before).text().endsWith("?") ? 1 : 0;
        int n = m.episode().sentences().size();
        f[POSITION.ordinal()] = n <= 1 ? 0 : (float) m.firstSentence() / (n - 1);
        return f;
    }
}
