package dev.quotecast.content;

import dev.quotecast.transcript.Episode;
import java.util.List;

/**
 * What {@code /episode} shows: the episode, an extractive summary from different parts of it,
 * its key topics and notable quotes.
 */
public record EpisodeCard(Episode episode, List<Moment> summary, List<String> topics, List<Quote> quotes) {
    public EpisodeCard {
        summary = List.copyOf(summary);
        topics = List.copyOf(topics);
        quotes = List.copyOf(quotes);
    }
}
