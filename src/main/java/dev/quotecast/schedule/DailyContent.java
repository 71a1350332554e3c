package dev.quotecast.schedule;

import dev.quotecast.bot.Commands;
import dev.quotecast.bot.Reply;
import dev.quotecast.content.Quote;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a daily post says on a date. Advice comes from the same deal as {@code /advice} (no state:
 * the date decides). A topic quote is the best one the channel has not had yet, from the same list
 * {@code /quote TOPIC} pages through; when every one has been posted the rotation starts over at
 * the best, rather than going silent or posting "no more quotes" every morning.
 */
public final class DailyContent {

    /** A post ready to send; {@code momentKey} is recorded so the channel never gets it twice in a row. */
    public record Composed(Reply reply, String momentKey, boolean startedOver) {}

    private final Commands commands;

    public DailyContent(Commands commands) {
        this.commands = commands;
    }

    /** Whether a topic has any quote at all: a chat command refuses a topic that would never post. */
    public boolean hasQuotes(String topic) {
        return !commands.quotes(topic).isEmpty();
    }

    /**
     * The post for {@code date}. {@code alreadyPosted} is the channel's memory of quotes; it is only
     * read here, the scheduler records the choice durably.
     */
    public Optional<Composed> compose(DailyPost post, LocalDate date, Set<String> alreadyPosted) {
        if (post instanceof DailyPost.Advice) {
            return commands.content().advice(date).map(q -> new Composed(new Reply.AdviceReply(date, q, false), q.moment().key(), false));
        }
        DailyPost.TopicQuote t = (DailyPost.TopicQuote) post;
        List<Quote> all = commands.quotes(t.topic());
        if (all.isEmpty()) return Optional.empty();
        for (int i = 0; i < all.size(); i++) {
            Quote q = all.get(i);
            if (!alreadyPosted.contains(q.moment().key())) return Optional.of(new Composed(quote(t, q, i), q.moment().key(), false));
        }
        return Optional.of(new Composed(quote(t, all.get(0), 0), all.get(0).moment().key(), true));
    }

    /** The same post again for a retry: the quote chosen at the first attempt, not a new one. */
    public Optional<Reply> recompose(DailyPost post, LocalDate date, String momentKey) {
        if (post instanceof DailyPost.Advice) return compose(post, date, Set.of()).map(Composed::reply);
        DailyPost.TopicQuote t = (DailyPost.TopicQuote) post;
        List<Quote> all = commands.quotes(t.topic());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).moment().key().equals(momentKey)) return Optional.of(quote(t, all.get(i), i));
        }
        return commands.content().moment(momentKey).map(m -> quote(t, new Quote(m, 0), 0));
    }

    /** All quotes the topic has, to forget them when the rotation starts over. */
    public List<String> topicKeys(DailyPost.TopicQuote t) {
        return commands.quotes(t.topic()).stream().map(q -> q.moment().key()).toList();
    }

    /** A scheduled quote has no "Another" button: the channel did not ask for it. */
    private static Reply quote(DailyPost.TopicQuote t, Quote q, int page) {
        return new Reply.QuoteReply(t.topic(), q, page, false);
    }
}
