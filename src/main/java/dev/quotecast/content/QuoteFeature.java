package dev.quotecast.content;

import dev.quotecast.learn.FeatureNames;
import java.util.List;

/**
 * How a candidate quote relates to its topic, beside its {@link ShapeFeature}s: whether it is
 * about the topic's meaning or only shares its word is what most first quotes got wrong
 * ("successful in images" for {@code success}).
 */
public enum QuoteFeature {
    /** IDF-weighted share of the topic's terms in the span. */
    TOPIC_COVERAGE,
    /** 1 when the first sentence of the span holds a topic term. */
    TOPIC_FIRST,
    /** The best BM25 score of a passage holding the span, over the topic's best (0 when none). */
    KEYWORD,
    /** Cosine between the topic and the embedded passage holding the span; NaN without embeddings. */
    TOPIC_MEANING,
    /** Cosine between the topic and the span itself (the meaning model only; NaN otherwise). */
    SPAN_MEANING,
    /** Terms in the topic. */
    TOPIC_TERMS,
    /**
     * 1 when the span speaks of the topic: a topic term followed by its verb ("Work is sacrifice",
     * "Failure usually makes us…"). In the labeled candidates such spans were worth posting about
     * three times as often as the others (train: 36% against 12%): a general statement about the
     * thing itself, where most others use the word on the way to something else.
     */
    TOPIC_SUBJECT;

    public static List<String> names() {
        return FeatureNames.of(QuoteFeature.class);
    }

    /** The features of {@code m} for {@code topic}; {@code spanMeaning} is the span's embedding, or null. */
    public static float[] of(Moment m, QuoteFinder.Topic topic, float[] spanMeaning) {
        float[] f = new float[values().length];
        f[TOPIC_COVERAGE.ordinal()] = (float) topic.coverage().of(m.episode(), m.firstSentence(), m.lastSentence());
        f[TOPIC_FIRST.ordinal()] = topic.coverage().of(m.episode(), m.firstSentence(), m.firstSentence()) > 0 ? 1 : 0;
        float[] k = topic.keyword().get(m.episode().id());
        float keyword = 0;
        if (k != null) for (int i = m.firstSentence(); i <= m.lastSentence() && i < k.length; i++) keyword = Math.max(keyword, k[i]);
        f[KEYWORD.ordinal()] = keyword;
        float[] cos = topic.cosines().get(m.episode().id());
        int p = cos == null ? -1 : QuoteFinder.passageOf(m.episode(), m.firstSentence());
        f[TOPIC_MEANING.ordinal()] = p < 0 || p >= cos.length ? Float.NaN : cos[p];
        f[SPAN_MEANING.ordinal()] = spanMeaning == null || topic.meaning() == null ? Float.NaN
                : org.apache.lucene.util.VectorUtil.dotProduct(spanMeaning, topic.meaning());
        f[TOPIC_TERMS.ordinal()] = topic.coverage().termCount();
        f[TOPIC_SUBJECT.ordinal()] = topic.coverage().speaksOf(m.episode(), m.firstSentence(), m.lastSentence()) ? 1 : 0;
        return f;
    }
}
