package dev.quotecast.eval;

import dev.quotecast.content.Answer;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Quote;
import java.util.List;
import java.util.Optional;

/** Quotecast's own answers and quotes, exactly as the bot serves them. */
public final class QuotecastResponder implements Responder {

    private final ContentService content;

    public QuotecastResponder(ContentService content) {
        this.content = content;
    }

    @Override
    public String name() {
        return "quotecast";
    }

    @Override
    public List<Passage> answers(String question, int n) {
        return content.answers(question, n).stream().map(QuotecastResponder::passage).toList();
    }

    @Override
    public List<Passage> candidates(String question, int n) {
        return content.candidates(question, n).stream().map(QuotecastResponder::passage).toList();
    }

    @Override
    public Optional<Passage> quote(String topic) {
        return content.quotes(topic, 1).stream().findFirst()
                .map((Quote q) -> new Passage(q.moment().episode().id(), q.text()));
    }

    private static Passage passage(Answer a) {
        int h = a.highlight().firstSentence();
        return new Passage(a.passage().episode().id(), a.passage().text(), a.highlight().episode().text(h, h + 1));
    }
}
