package dev.quotecast.content;

import dev.quotecast.speakers.HostModel;
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
 * The advice of the day: one advice per date, the same for everyone.
 *
 * <p>The pool is every candidate span the advice classifier ({@link SpanClassifier}, trained on
 * {@code eval/labels/advice.tsv}) accepts, in a stable order: judged with the span's meaning once
 * {@link AdviceScores} has it, with its words alone before that (or when embeddings are off), and
 * by the old word rules only with no classifier at all. Sentences more likely the host's are never
 * in it. Days are dealt from a shuffle of the pool seeded by the cycle number, so a date always
 * gets the same advice with no state at all, no advice repeats until the whole pool has been
 * used, none comes back sooner than about half a pool's length of days later, each person's
 * advice is spread evenly over the days ({@link #evenly}), the same person is not quoted two
 * days running where the pool allows it, and no person gives more than
 * a tenth of the pool ({@link #capShare}), and no two come from one answer ({@link #oneFromEachAnswer}). Adding
 * transcripts changes the pool and so the deal: the rotation starts afresh from that day.
 */
public final class AdviceOfTheDay {

    /** The old rule: advice words, before there was a classifier (kept for a build without one). */
    static final Pattern ADVICE = Pattern.compile(
            "(?i)\\b(you (should|have to|need to|must|want to|can't|cannot|shouldn't)|my advice|the key (is|to)|"
                    + "i (would )?(encourage|recommend|advise|suggest)|don't be afraid|never give up|if you want to|"
                    + "the best way to|the secret|remember that|focus on|it'?s important to|the most important thing|"
                    + "try to|make sure|don't (ever )?(let|give|stop|be)|always be|be (kind|patient|honest|curious))\\b");

    /**
     * Words of a sentence that gives, or nearly gives, advice. Candidates are the sentences with one
     * of them and the rule pool: in 400 labeled sentences with none of these words, none was advice.
     */
    public static final Pattern CUE = Pattern.compile("(?i)\\b(you|your|yourself|should|must|need|needs|don't|never|always|try|"
            + "important|key|best|advice|recommend|lesson|remember|avoid|worth|habit|learn|let|stop|start|keep|find)\\b");

    /**
     * The fewest advice a pool holds: when the classifier accepts fewer (a library of one or two
     * episodes), the pool is this many of its likeliest candidates, so that a day's advice does not
     * come round again every other day.
     */
    static final int MIN_POOL = 7;

    /** Fixed seed: the deal must be the same in every process, on every machine. */
    private static final long SEED = 0x51C0FFEE5EEDL;

    private final Supplier<Corpus> corpus;
    private final SpanClassifier classifier;
    private final HostModel host;
    private final AdviceScores scores;
    private volatile Pool pool;

    /** A pool is built again when the corpus changes or more of its episodes are judged with their meaning. */
    private record Pool(Corpus corpus, int judgedWithMeaning, List<Quote> quotes) {}

    /** @param scores advice judged with its meaning, filled in the background; null when embeddings are off */
    public AdviceOfTheDay(Supplier<Corpus> corpus, SpanClassifier classifier, HostModel host, AdviceScores scores) {
        this.corpus = corpus;
        this.classifier = classifier;
        this.host = host;
        this.scores = scores;
    }

    /** The advice for a date; empty only when no transcript holds any advice. */
    public Optional<Quote> forDate(LocalDate date) {
        List<Quote> quotes = pool();
        if (quotes.isEmpty()) return Optional.empty();
        long day = date.toEpochDay();
        int n = quotes.size();
        long cycle = Math.floorDiv(day, n);
        int position = (int) Math.floorMod(day, n);
        return Optional.of(quotes.get(dealOf(cycle, n, i -> quotes.get(i).moment().byline()).get(position)));
    }

    /** A random advice from the pool. */
    public Optional<Quote> random(RandomGenerator random) {
        List<Quote> quotes = pool();
        return quotes.isEmpty() ? Optional.empty() : Optional.of(quotes.get(random.nextInt(quotes.size())));
    }

    public int poolSize() {
        return pool().size();
    }

    /** The pool, in its stable order, each advice with the probability that accepted it (1 for the old rules). */
    public List<Quote> pool() {
        Corpus c = corpus.get();
        int judged = judgedWithMeaning(c);
        Pool p = pool;
        if (p == null || p.corpus() != c || p.judgedWithMeaning() != judged) {
            p = new Pool(c, judged, build(c));
            pool = p;
        }
        return p.quotes();
    }

    /**
     * How many episodes of the library are judged with their meaning so far; the rest are judged by
     * their words alone (while the background judgement runs, or when embeddings are off).
     */
    public int episodesJudgedWithMeaning() {
        return judgedWithMeaning(corpus.get());
    }

    private int judgedWithMeaning(Corpus c) {
        if (scores == null) return 0;
        int n = 0;
        for (Episode e : c.episodes()) if (scores.of(e).isPresent()) n++;
        return n;
    }

    /**
     * The order in which cycle {@code cycle} deals a pool of {@code n}. The pool is split once, at
     * random with the fixed seed, into an early half and a late half; every cycle deals the early
     * half first and the late half after it, each shuffled afresh. A shuffle of the whole pool per
     * cycle would let the last advice of one cycle open the next, so that a channel sees the same
     * advice twice within days; this way an advice comes back no sooner than about half a pool of
     * days later, with no state beyond the date.
     */
    static List<Integer> dealOf(long cycle, int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) all.add(i);
        Collections.shuffle(all, new Random(SEED));
        List<Integer> early = new ArrayList<>(all.subList(0, n / 2));
        List<Integer> late = new ArrayList<>(all.subList(n / 2, n));
        Random random = new Random(SEED ^ (cycle * 0x9E3779B97F4A7C15L));
        Collections.shuffle(early, random);
        Collections.shuffle(late, random);
        List<Integer> order = new ArrayList<>(early);
        order.addAll(late);
        return order;
    }

    /**
     * As {@link #dealOf(long, int)}, with each half reordered so that two days in a row do not
     * quote the same person where the pool allows it. A few talkative guests hold a large share of
     * the advice (one held 5 of 30 days, two of them side by side, halves of one passage); a
     * channel should not hear the same voice two days running. Reordering stays within each half,
     * so no advice comes back sooner than before.
     */
    static List<Integer> dealOf(long cycle, int n, java.util.function.IntFunction<String> whoSaid) {
        List<Integer> order = dealOf(cycle, n);
        Random offsets = new Random(SEED ^ (cycle * 0xC2B2AE3D27D4EB4FL));
        List<Integer> out = new ArrayList<>(n);
        out.addAll(spread(evenly(order.subList(0, n / 2), whoSaid, offsets), whoSaid, null));
        out.addAll(spread(evenly(order.subList(n / 2, n), whoSaid, offsets), whoSaid,
                out.isEmpty() ? null : whoSaid.apply(out.get(out.size() - 1))));
        return out;
    }

    /**
     * {@code order} with each person's items spread evenly over it: a person with {@code c} of its
     * items takes the places {@code (j + u) / c} of the way through, for {@code j} = 0 to c - 1 and
     * an offset {@code u} drawn per person and cycle; ties keep the shuffled order. A shuffle alone
     * bunches: John Danaher, 9 of a pool of 92, held 5 of 30 graded days. Evenly spread, a person with
     * a tenth of the pool gets about three days in thirty.
     */
    static List<Integer> evenly(List<Integer> order, java.util.function.IntFunction<String> whoSaid, Random offsets) {
        java.util.Map<String, List<Integer>> byPerson = new java.util.LinkedHashMap<>();
        for (int i : order) byPerson.computeIfAbsent(whoSaid.apply(i), k -> new ArrayList<>()).add(i);
        java.util.Map<Integer, Double> place = new java.util.HashMap<>();
        for (List<Integer> items : byPerson.values()) {
            double u = offsets.nextDouble();
            for (int j = 0; j < items.size(); j++) place.put(items.get(j), (j + u) / items.size());
        }
        List<Integer> out = new ArrayList<>(order);
        out.sort(java.util.Comparator.comparingDouble(place::get)); // stable: ties stay in the shuffled order
        return out;
    }

    /**
     * {@code order} with each next item the first whose speaker differs from the one before, unless
     * one speaker holds more than half of what is left: then that speaker's next item, so that
     * their advice is spread out rather than left to pile up at the end.
     */
    static List<Integer> spread(List<Integer> order, java.util.function.IntFunction<String> whoSaid, String before) {
        List<Integer> left = new ArrayList<>(order);
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (int i : left) count.merge(whoSaid.apply(i), 1, Integer::sum);
        List<Integer> out = new ArrayList<>(order.size());
        String previous = before;
        while (!left.isEmpty()) {
            String most = null;
            for (int i : left) {
                String who = whoSaid.apply(i);
                if (most == null || count.get(who) > count.get(most)) most = who;
            }
            int pick = -1;
            if (2 * count.get(most) > left.size() && !most.equals(previous)) {
                for (int k = 0; k < left.size() && pick < 0; k++) if (whoSaid.apply(left.get(k)).equals(most)) pick = k;
            }
            for (int k = 0; k < left.size() && pick < 0; k++) if (!whoSaid.apply(left.get(k)).equals(previous)) pick = k;
            if (pick < 0) pick = 0;
            int chosen = left.remove(pick);
            previous = whoSaid.apply(chosen);
            count.merge(previous, -1, Integer::sum);
            out.add(chosen);
        }
        return out;
    }

    private List<Quote> build(Corpus c) {
        if (!classifier.learned()) return rulePool(c);
        // once any episode is judged with its meaning, the pool is those episodes' (what it was before a transcript
        // was added), and a new episode joins when it is judged; with none judged yet, the words alone decide
        boolean anyScored = scores != null && c.episodes().stream().anyMatch(e -> scores.of(e).isPresent());
        List<Quote> judged = new ArrayList<>();
        for (Episode e : c.episodes()) {
            if (anyScored) {
                // kept scores are keyed by the models (the host model's included) and the transcript, not by the text
                // rules that chose the candidates: a span a newer rule leaves out (QuoteRules.restatesTheOther) must
                // leave the pool without waiting for a new model, and without running the host model again
                java.util.Set<String> stillCandidates = new java.util.HashSet<>();
                for (Moment m : textCandidates(e)) stillCandidates.add(m.key());
                for (AdviceScores.Scored s : scores.of(e).orElse(List.of())) {
                    Moment m = new Moment(e, s.first(), s.last());
                    if (stillCandidates.contains(m.key())) judged.add(new Quote(m, s.probability()));
                }
            } else {
                float[] hostP = host.hostProbabilities(e);
                for (Moment m : candidates(e, host)) judged.add(new Quote(m, classifier.probability(ShapeFeature.of(m, hostP), new float[0], null)));
            }
        }
        List<Quote> accepted = new ArrayList<>();
        for (Quote q : judged) if (classifier.accepts(q.score(), anyScored)) accepted.add(q);
        List<Quote> out = new ArrayList<>();
        for (int i : oneFromEachAnswer(accepted.size(), k -> accepted.get(k).moment(), k -> accepted.get(k).score())) out.add(accepted.get(i));
        if (out.size() < MIN_POOL) {
            // the likeliest, kept in the pool's stable order (episode, then place in it)
            List<Quote> likeliest = new ArrayList<>(judged);
            likeliest.sort(java.util.Comparator.comparingDouble(Quote::score).reversed());
            java.util.Set<Quote> keep = new java.util.HashSet<>(likeliest.subList(0, Math.min(MIN_POOL, likeliest.size())));
            out = new ArrayList<>();
            for (Quote q : judged) if (keep.contains(q)) out.add(q);
        }
        List<Quote> pool = out;
        List<Quote> capped = new ArrayList<>();
        for (int i : capShare(pool.size(), k -> pool.get(k).moment().byline(), k -> pool.get(k).score())) capped.add(pool.get(i));
        return capped;
    }

    /** Sentences between two advice of one episode below which they are taken for one answer ({@link #oneFromEachAnswer}). */
    static final int ONE_ANSWER = 10;
    /**
     * How far an answer reaches either side of an advice when no question ends it: a guest's reply
     * runs until the host asks something, but a transcript without question marks must not become
     * one answer.
     */
    static final int LONGEST_ANSWER = 30;

    /**
     * Which of a pool's {@code n} items to keep so that no two come from one answer: of items of
     * one episode in one answer ({@link #answerAround}), the likeliest (ties by place), the rest in
     * pool order. A guest who gives advice gives it in several sentences of one reply, and each may
     * pass the classifier; dealt on two days they read as the same advice twice (two such pairs were
     * among 30 graded days, issue 15, and two more, 10 and about 10 sentences apart, after a fixed
     * distance of 10 had split them).
     */
    static List<Integer> oneFromEachAnswer(int n, java.util.function.IntFunction<Moment> at, java.util.function.IntToDoubleFunction probability) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(i);
        // each kept item's answer: the item and the sentences either side closer than ONE_ANSWER
        List<Moment> answers = new ArrayList<>();
        java.util.Set<Integer> dropped = new java.util.HashSet<>();
        for (int i : likeliestFirst(all, probability)) {
            Moment m = at.apply(i);
            if (answers.stream().anyMatch(a -> a.overlaps(m))) dropped.add(i);
            else answers.add(answerAround(m));
        }
        return without(n, dropped);
    }

    /**
     * The answer {@code m} is part of: out to the sentences after and before the nearest questions
     * (the host asking), at most {@link #LONGEST_ANSWER} sentences either side, and never less than
     * {@link #ONE_ANSWER} - 1 either side (the fixed distance this rule began with).
     */
    static Moment answerAround(Moment m) {
        var e = m.episode();
        int first = m.firstSentence(), last = m.lastSentence(), end = e.sentences().size() - 1;
        while (first > 0 && m.firstSentence() - first < LONGEST_ANSWER && !Answerer.asks(e, first - 1)) first--;
        while (last < end && last - m.lastSentence() < LONGEST_ANSWER && !Answerer.asks(e, last + 1)) last++;
        return new Moment(e, Math.max(0, Math.min(first, m.firstSentence() - (ONE_ANSWER - 1))),
                Math.min(end, Math.max(last, m.lastSentence() + ONE_ANSWER - 1)));
    }

    /** {@code items} ordered likeliest first, ties by place: who stays when a rule keeps only some. */
    private static List<Integer> likeliestFirst(List<Integer> items, java.util.function.IntToDoubleFunction probability) {
        List<Integer> out = new ArrayList<>(items);
        out.sort(java.util.Comparator.<Integer>comparingDouble(probability::applyAsDouble).reversed().thenComparingInt(i -> i));
        return out;
    }

    /** The indexes {@code 0..n-1} but {@code dropped}, in pool order. */
    private static List<Integer> without(int n, java.util.Set<Integer> dropped) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) if (!dropped.contains(i)) out.add(i);
        return out;
    }

    /** The most of a pool one person may give: a tenth ({@link #capShare}). */
    static final int SHARE = 10;

    /**
     * Which of a pool's {@code n} items to keep so that no person gives more than a tenth of it,
     * or an equal share when fewer than ten people are in it (one person's library keeps all):
     * each person's likeliest items, ties by place, the rest in pool order. The classifier finds
     * advice where people give it, and a coach's or a fighter's episode holds far more of it than
     * a physicist's; left alone, one voice was a fifth of the year's advice (24 of 116 on the
     * 101-episode library, issue 15), the same person every few days however the deal spreads them.
     */
    static List<Integer> capShare(int n, java.util.function.IntFunction<String> whoSaid, java.util.function.IntToDoubleFunction probability) {
        java.util.Map<String, List<Integer>> byPerson = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) byPerson.computeIfAbsent(whoSaid.apply(i), k -> new ArrayList<>()).add(i);
        int cap = Math.max(ceilDiv(n, SHARE), ceilDiv(n, Math.max(1, byPerson.size())));
        java.util.Set<Integer> dropped = new java.util.HashSet<>();
        for (List<Integer> items : byPerson.values()) {
            if (items.size() <= cap) continue;
            List<Integer> likeliest = likeliestFirst(items, probability);
            dropped.addAll(likeliest.subList(cap, likeliest.size()));
        }
        return without(n, dropped);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * The spans the classifier judges in an episode: quotable single sentences of at most 45 words
     * with an advice {@link #CUE}, and the old rule's spans (a short advice sentence with the one
     * before it), none of them more likely the host's.
     */
    public static List<Moment> candidates(Episode e, HostModel host) {
        List<Moment> out = new ArrayList<>();
        for (Moment m : textCandidates(e)) if (!host.anyHost(e, m.firstSentence(), m.lastSentence())) out.add(m);
        return out;
    }

    /** {@link #candidates} by their words alone, before the host model has its say; in episode order. */
    static List<Moment> textCandidates(Episode e) {
        List<Moment> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Quote q : rulePool(e)) if (keys.add(q.moment().key())) out.add(q.moment());
        for (int i = 0; i < e.sentences().size(); i++) {
            if (!QuoteRules.isQuotable(e, i, i) || e.sentence(i).wordCount() > 45) continue;
            if (!CUE.matcher(e.sentence(i).text()).find()) continue;
            Moment m = new Moment(e, i, i);
            if (keys.add(m.key())) out.add(m);
        }
        out.sort(java.util.Comparator.comparingInt(Moment::firstSentence).thenComparingInt(Moment::lastSentence));
        return out;
    }

    /**
     * Judges every candidate of an episode with its meaning: what {@link AdviceScores} keeps.
     *
     * @param embed texts to passage vectors (the bot's embedding model)
     */
    public static List<AdviceScores.Scored> score(Episode e, HostModel host, SpanClassifier classifier,
                                                  java.util.function.Function<List<String>, List<float[]>> embed) {
        List<Moment> candidates = candidates(e, host);
        List<String> texts = new ArrayList<>();
        for (Moment m : candidates) texts.add(m.text());
        List<float[]> meanings = texts.isEmpty() ? List.of() : embed.apply(texts);
        float[] hostP = host.hostProbabilities(e);
        List<AdviceScores.Scored> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Moment m = candidates.get(i);
            out.add(new AdviceScores.Scored(m.firstSentence(), m.lastSentence(),
                    (float) classifier.probability(ShapeFeature.of(m, hostP), new float[0], meanings.get(i))));
        }
        return out;
    }

    /** The old rule pool: every quotable span the advice words match (for labeling, comparison, and a build with no classifier). */
    public static List<Quote> rulePool(Corpus c) {
        List<Quote> out = new ArrayList<>();
        for (Episode e : c.episodes()) out.addAll(rulePool(e));
        return out;
    }

    static List<Quote> rulePool(Episode e) {
        List<Quote> out = new ArrayList<>();
        for (int i = 0; i < e.sentences().size(); i++) {
            if (!ADVICE.matcher(e.sentence(i).text()).find()) continue;
            if (QuoteRules.isQuotable(e, i, i) && e.sentence(i).wordCount() <= 45) {
                out.add(new Quote(new Moment(e, i, i), 1.0));
            } else if (QuoteRules.isQuotable(e, i - 1, i) && !QuoteRules.isQuotable(e, i, i)
                    && e.sentence(i).wordCount() < QuoteRules.MIN_WORDS) {
                out.add(new Quote(new Moment(e, i - 1, i), 1.0));
            }
        }
        return out;
    }
}
