package dev.quotecast.content;

import dev.quotecast.speakers.HostModel;
import java.nio.file.Path;

/**
 * Everything learned that the content layer uses, as {@code quotecast train} wrote it: who speaks,
 * how answers rank and when there is none, what is advice, what is worth posting as a quote; and
 * one model it did not train, OpenNLP's part-of-speech tagger, that tells a fragment from a statement.
 */
public record Models(AnswerModel answers, HostModel host, SpanClassifier advice, SpanClassifier quotes, PartsOfSpeech partsOfSpeech) {

    /** The models this build ships ({@code src/main/resources/models/}). */
    public static Models shipped() {
        return new Models(AnswerModel.shipped(), HostModel.shipped(), SpanClassifier.shipped("advice", java.util.List.of()),
                SpanClassifier.shipped("quotes", QuoteFeature.names()), PartsOfSpeech.shipped());
    }

    /** No learned model at all: hand-set rankings and rules (training starts from here). */
    public static Models none() {
        return new Models(AnswerModel.none(), HostModel.none(), SpanClassifier.none("advice"), SpanClassifier.none("quotes"),
                PartsOfSpeech.none());
    }

    /** The models {@code quotecast train --out DIR} wrote, to score them before they ship ({@code eval --models DIR}). */
    public static Models from(Path dir) {
        return new Models(AnswerModel.from(dir), HostModel.from(dir), SpanClassifier.from(dir, "advice", java.util.List.of()),
                SpanClassifier.from(dir, "quotes", QuoteFeature.names()), PartsOfSpeech.shipped());
    }

    public Models withAnswers(AnswerModel a) {
        return new Models(a, host, advice, quotes, partsOfSpeech);
    }
}
