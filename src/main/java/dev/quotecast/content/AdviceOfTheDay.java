package dev.quotecast.content;

import dev.quotecast.transcript.Episode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The advice of the day: one advice-like quote per date, the same for everyone.
 *
 * <p>The pool is every quotable span that reads as advice, in a stable order. Days are dealt from
 * a shuffle of the pool seeded by the cycle number, so a date always gets the same advice with no
 * state at all, and no advice repeats until the whole pool has been used. Adding transcripts
 * changes the pool and so the deal: the rotation starts afresh from that day.
 */
public final class AdviceOfTheDay {

    static final Pattern ADVICE = Pattern.compile(
            "(?i)\\b(you (should|have to|need to|must|want to|can't|cannot|shouldn't)|my advice|the key (is|to)|"
                    + "i (would )?(encourage|recommend|advise|suggest)|don't be afraid|never give up|if you want to|"
                    + "the best way to|the secret|remember that|focus on|it'?s important to|the most important thing|"
                    + "try to|make sure|don't (ever )?(let|give|stop|be)|always be|be (kind|patient|honest|curious))\\b");

    /** Fixed seed: the deal must be the same in every process, on every machine. */
    private static final long SEED = 0x51C0FFEE5EEDL;

    private final Supplier<Corpus> corpus;
    private volatile Pool pool;

    private record Pool(Corpus corpus, List<Quote> quotes) {}

    public AdviceOfTheDay(Supplier<Corpus> corpus) {
        this.corpus = corpus;
    }

    /** The advice for a date; empty only when no transcript holds any advice. */
    public Optional<Quote> forDate(LocalDate date) {
        List<Quote> quotes = pool();
        if (quotes.isEmpty()) return Optional.empty();
        long day = date.toEpochDay();
        int n = quotes.size();
        long cycle = Math.floorDiv(day, n);
        int position = (int) Math.floorMod(day, n);
        return Optional.of(quotes.get(dealOf(cycle, n).get(position)));
    }

    /** A random advice from the pool. */
    public Optional<Quote> random(RandomGenerator random) {
        List<Quote> quotes = pool();
        return quotes.isEmpty() ? Optional.empty() : Optional.of(quotes.get(random.nextInt(quotes.size())));
    }

    public int poolSize() {
        return pool().size();
    }

    private static List<Integer> dealOf(long cycle, int n) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, new Random(SEED ^ (cycle * 0x9E3779B97F4A7C15L)));
        return order;
    }

    private List<Quote> pool() {
        Corpus c = corpus.get();
        Pool p = pool;
        if (p == null || p.corpus() != c) {
            p = new Pool(c, build(c));
            pool = p;
        }
        return p.quotes();
    }

    /** Today's pool: every quotable span the advice words match (for labeling and comparison). */
    public static List<Quote> rulePool(Corpus c) {
        return build(c);
    }

    static List<Quote> build(Corpus c) {
        List<Quote> out = new ArrayList<>();
        for (Episode e : c.episodes()) {
            for (int i = 0; i < e.sentences().size(); i++) {
                if (!ADVICE.matcher(e.sentence(i).text()).find()) continue;
                if (QuoteRules.isQuotable(e, i, i) && e.sentence(i).wordCount() <= 45) {
                    out.add(new Quote(new Moment(e, i, i), 1.0));
                } else if (QuoteRules.isQuotable(e, i - 1, i) && !QuoteRules.isQuotable(e, i, i)
                        && e.sentence(i).wordCount() < QuoteRules.MIN_WORDS) {
                    out.add(new Quote(new Moment(e, i - 1, i), 1.0));
                }
            }
        }
        return out;
    }
}
