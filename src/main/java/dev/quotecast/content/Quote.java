package dev.quotecast.content;

/** A quotable span: 1 to 3 clean sentences, with the score that ranked it. */
public record Quote(Moment moment, double score) {
    public String text() {
        return moment.text();
    }
}
