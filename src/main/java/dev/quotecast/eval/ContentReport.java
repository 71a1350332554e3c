package dev.quotecast.eval;

import dev.quotecast.Engine;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Quote;
import dev.quotecast.content.ShapeFeature;
import dev.quotecast.content.SpanClassifier;
import dev.quotecast.train.ContentTraining;
import dev.quotecast.train.LabelFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code quotecast eval --content}: what the bot posts unasked, in figures and in text a person can
 * judge at a glance. The classifiers' figures are on the {@code test} episodes of the labeled files
 * (never used to choose anything); the everyday topics and the dates of advice are printed whole.
 */
public final class ContentReport {

    /** The topics people judge the first quote of: everyday subjects, none of them among the labeled topics. */
    public static final List<String> EVERYDAY = List.of("love", "death", "fear", "success", "failure", "happiness", "discipline",
            "habits", "books", "writing", "learning", "work", "money", "friendship", "family", "kids", "marriage", "time", "sleep",
            "health", "courage", "leadership", "startups", "science", "truth", "god", "meaning of life", "consciousness", "ai", "future");

    private final PrintStream out;

    /**
     * How many episode cards name their key topics as a listener would (issue 15: at least 4 of the
     * 6 a phrase of several words or a name). A name is told by a capital, as the card writes it
     * ("Karpov", "iPod", "AGI"); a topic of one word in lower case ("helicopter") is neither.
     *
     * @param cards the cards counted
     * @param phrasesOrNames cards with at least {@link #ENOUGH} such topics
     * @param topics all the cards' topics
     * @param named those of them that are phrases or names
     */
    record CardFigures(int cards, int phrasesOrNames, int topics, int named) {
        static final int ENOUGH = 4;

        static CardFigures of(List<dev.quotecast.content.EpisodeCard> cards) {
            int enough = 0, topics = 0, named = 0;
            for (dev.quotecast.content.EpisodeCard c : cards) {
                int n = (int) c.topics().stream().filter(CardFigures::phraseOrName).count();
                if (n >= ENOUGH) enough++;
                topics += c.topics().size();
                named += n;
            }
            return new CardFigures(cards.size(), enough, topics, named);
        }

        static boolean phraseOrName(String topic) {
            return topic.strip().contains(" ") || topic.chars().anyMatch(Character::isUpperCase);
        }

        String describe() {
            return String.format("episode cards: %d of %d name at least %d of their key topics as phrases or names (%d of %d topics)",
                    phrasesOrNames, cards, ENOUGH, named, topics);
        }
    }

    public ContentReport(PrintStream out) {
        this.out = out;
    }

    public void run(Engine engine, Path labels, LocalDate firstDate, int days) {
        ContentService content = engine.content();
        var models = content.models();
        out.printf("advice pool: %d (%s)%n", content.advicePoolSize(), models.advice().learned() ? "the advice classifier"
                : "the word rules: no classifier in this build");
        if (models.advice().learned() && engine.vectors() != null) {
            LabelFiles files = new LabelFiles(labels);
            List<LabelFiles.Labeled> advice = files.advice(content.corpus());
            var meaning = ContentTraining.embed(advice, engine.vectors());
            int accepted = 0, right = 0, positives = 0, rows = 0;
            for (LabelFiles.Labeled r : advice) {
                if (!r.split().equals("test")) continue;
                rows++;
                boolean yes = r.label().equals("advice");
                if (yes) positives++;
                double p = models.advice().probability(ShapeFeature.of(r.moment(), models.host().hostProbabilities(r.moment().episode())),
                        new float[0], meaning.get(r));
                if (models.advice().accepts(p, true)) {
                    accepted++;
                    if (yes) right++;
                }
            }
            out.printf("advice classifier on test: %d of %d labeled spans accepted at %.2f, %d of them advice (precision %.0f%%); "
                    + "%d advice among the %d%n", accepted, rows, models.advice().threshold(), right, accepted == 0 ? 0.0 : 100.0 * right / accepted,
                    positives, rows);
            List<LabelFiles.Labeled> quotes = files.quotes(content.corpus());
            var quoteMeaning = ContentTraining.embed(quotes, engine.vectors());
            Map<String, dev.quotecast.content.QuoteFinder.Topic> topics = ContentTraining.topics(quotes, content);
            out.printf("quote classifier on test topics: first pick worth posting for %s%n",
                    ContentTraining.firstPosts(quotes, "test", models.host(), topics, quoteMeaning, models.quotes()));
        }
        List<dev.quotecast.content.EpisodeCard> cards = new java.util.ArrayList<>();
        for (dev.quotecast.transcript.Episode e : content.corpus().episodes()) content.episode(e.id()).ifPresent(cards::add);
        out.println(CardFigures.of(cards).describe());
        out.println();
        out.println("the first quote for each everyday topic (judge: about the topic's meaning, self-contained, says something):");
        for (String t : EVERYDAY) {
            List<Quote> q = content.quotes(t, 1);
            out.printf("  %-16s %s%n", t, q.isEmpty() ? "(none)" : "“" + q.get(0).text() + "” — " + q.get(0).moment().episode().guestOrTitle());
        }
        out.println();
        out.printf("the advice of the day, %d dates from %s (judge: advice a listener could act on, understandable alone):%n", days, firstDate);
        for (int d = 0; d < days; d++) {
            LocalDate date = firstDate.plusDays(d);
            out.printf("  %s %s%n", date, content.advice(date).map(q -> "“" + q.text() + "” — " + q.moment().episode().guestOrTitle()).orElse("(none)"));
        }
    }
}
