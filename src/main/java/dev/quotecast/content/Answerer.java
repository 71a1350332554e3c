package dev.quotecast.content;

import dev.quotecast.search.Analyzers;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers a question from the transcripts, or says it cannot.
 *
 * <p>Three steps. <b>Focus</b>: a guest named in the question ("what did Gosling say ...") limits
 * the search to that guest's episodes, and a question that describes an episode ("the creator of
 * JavaScript") favours the episode whose title and introduction say so. <b>Retrieval</b>: BM25 over
 * sentence-window passages, with sloppy-phrase boosts, joined by the passages closest in meaning
 * from the vector index once it is filled (they find answers worded unlike the question). <b>Re-ranking</b>: every sentence in and
 * around the passages is scored by how much of the question (IDF-weighted) it and its neighbours
 * cover; a matching question in the conversation ("Why did Lenin pick Stalin?") points at the
 * sentences after it, which is where an interview answers; closeness in meaning adds to that. The
 * answer is given only when its neighbourhood covers enough of the question, or its passage is
 * very close to it in meaning: an honest "not in the transcripts" beats a confident wrong passage.
 */
public final class Answerer {

    /** Share of the question's weight the answer's neighbourhood must cover, with no episode in focus ... */
    static final double MIN_COVERAGE = 0.5;
    /**
     * ... and when every word of the question occurs somewhere in the transcripts. A word that no
     * transcript contains ("kombucha") is usually the very thing the question is about, so a passage
     * that lacks it (and every variant of it) must cover more of the rest to count as an answer.
     */
    static final double MIN_COVERAGE_KNOWN = 0.3;
    /** ... and with one in focus (the question names or describes it, so fewer of its words are left to match). */
    static final double MIN_COVERAGE_FOCUSED = 0.3;
    /** Share of the question an episode's title and intro must cover for the episode to be in focus. */
    static final double ABOUT_SHARE = 0.3;
    static final int PASSAGES = 30;
    /** Sentences either side that count as an answer's neighbourhood, for ranking and for the threshold. */
    static final int CONTEXT_RADIUS = 3;
    /** Weight of the neighbourhood's coverage in the ranking, beside the window's own. */
    static final double CONTEXT_WEIGHT = 1.0;
    /** Ranking factor for an answer taken from the host's introduction of the guest. */
    static final double INTRO_FACTOR = 0.6;
    /** An answer the host interrupts with a new question is usually a passing remark, not the answer. */
    static final double NEXT_ASKS = 0.9;
    static final int FOCUSED_PASSAGES = 20;
    /** Passages taken from the vector index, beside the keyword ones. */
    static final int SIMILAR_PASSAGES = 50;
    /*
     * The cosines below are those of bge-small-en-v1.5 ({@link dev.quotecast.search.BgeSmallEmbedder}),
     * which puts almost any question and passage above 0.4 and related ones in a narrow band above
     * it; another model needs them measured again (README "Quality").
     */
    /** Cosine at and below which a passage counts as unrelated in meaning ... */
    static final double SIMILAR_FLOOR = 0.5;
    /** ... and at and above which as fully related. */
    static final double SIMILAR_CEILING = 0.85;
    /** Weight of closeness in meaning in the ranking, beside the keyword coverage. */
    static final double MEANING_WEIGHT = 1.0;
    /**
     * Cosine at which a passage answers even when it shares too few of the question's words: a
     * paraphrase. On the development set the best passage for a question the transcripts do not
     * answer reached 0.64 at most; right answers that keywords alone rejected scored 0.70 and up.
     */
    static final double SIMILAR_ENOUGH = 0.66;

    private final Supplier<Searcher> searcher;
    private final Supplier<Corpus> corpus;

    public Answerer(Supplier<Searcher> searcher, Supplier<Corpus> corpus) {
        this.searcher = searcher;
        this.corpus = corpus;
    }

    public Optional<Answer> answer(String question) {
        return answers(question, 1).stream().findFirst();
    }

    /** The episodes a question points at, how strongly (0..1), and the words that only did the pointing. */
    record Focus(Map<String, Double> episodes, Set<String> nameTerms, boolean named) {
        double of(String id) {
            return episodes.getOrDefault(id, 0.0);
        }

        boolean any() {
            return !episodes.isEmpty();
        }
    }

    /** One way to answer: a passage, its answering sentence, and the figures that ranked it. */
    record Candidate(Answer answer, double context, double score, double cosine) {}

    /**
     * Up to {@code n} answers from different passages, best first. Empty when even the best does not
     * cover enough of the question.
     */
    public List<Answer> answers(String question, int n) {
        return distinct(rank(question), n);
    }

    /**
     * Up to {@code n} answers from different passages, best first, with no threshold: everything the
     * ranking chose among. How far down the right one sits measures the ranking apart from retrieval.
     */
    public List<Answer> candidates(String question, int n) {
        return distinct(rank(question, false), n);
    }

    private static List<Answer> distinct(List<Candidate> ranked, int n) {
        List<Answer> out = new ArrayList<>();
        for (Candidate c : ranked) {
            if (out.stream().anyMatch(a -> overlaps(a.passage(), c.answer().passage()))) continue;
            out.add(c.answer());
            if (out.size() >= n) break;
        }
        return out;
    }

    /** Candidates that pass the threshold, best first; empty when the best does not. */
    List<Candidate> rank(String question) {
        return rank(question, true);
    }

    /** Every candidate, best first, with or without the no-answer threshold (without: for diagnosis). */
    List<Candidate> rank(String question, boolean threshold) {
        Searcher s = searcher.get();
        Corpus c = corpus.get();
        Searcher.ParsedQuery q = s.parse(question);
        if (q.isEmpty()) return List.of();
        Focus focus = focus(s, c, question, q);
        TermCoverage coverage = new TermCoverage(s.indexAnalyzer(), q, focus.nameTerms());
        if (coverage.isEmpty()) return List.of();
        List<Searcher.Hit> hits = new ArrayList<>();
        float[] meant = s.meaningOf(focus.named() ? withoutGuestNames(question, c, focus) : question);
        Meaning meaning = Meaning.of(s.similar(meant, SIMILAR_PASSAGES, focus.named() ? focus.episodes().keySet() : Set.of()), c);
        hits.addAll(meaning.hits());
        if (focus.named()) {
            hits.addAll(s.passages(q, PASSAGES, Map.of(), focus.episodes().keySet()));
        } else {
            hits.addAll(s.passages(q, PASSAGES, Map.of()));
            if (focus.any()) hits.addAll(s.passages(q, FOCUSED_PASSAGES, Map.of(), focus.episodes().keySet()));
        }
        if (hits.isEmpty()) return List.of();
        float best = Float.MIN_NORMAL;
        for (Searcher.Hit h : hits) best = Math.max(best, h.score());
        Map<String, Candidate> byPassage = new LinkedHashMap<>();
        for (Searcher.Hit h : hits) {
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            double passage = h.score() / best;
            double boost = 0.3 * focus.of(e.id());
            int lastIndex = e.sentences().size() - 1;
            for (int i = Math.max(0, h.first() - 1); i <= Math.min(lastIndex, h.last() + 1); i++) {
                Sentence sentence = e.sentence(i);
                if (sentence.role() == Sentence.Role.SPONSOR) continue;
                double own = coverage.of(e, i, i);
                double cosine = meaning.cosine(e.id(), i);
                if (own <= 0 && cosine <= SIMILAR_FLOOR) continue;
                double close = MEANING_WEIGHT * closeness(cosine);
                double context = coverage.of(e, i - CONTEXT_RADIUS, i + CONTEXT_RADIUS);
                boolean asks = sentence.text().endsWith("?");
                // what both ways of answering from this sentence share: its passage, its own words, its neighbourhood, focus, meaning
                double base = 0.35 * passage + 0.5 * own + CONTEXT_WEIGHT * context + boost + close;
                // the sentence itself answers, with one sentence either side as context
                double centred = base + coverage.of(e, i - 1, i + 1);
                if (asks) centred *= 0.7;
                if (i + 1 <= lastIndex && e.sentence(i + 1).text().endsWith("?")) centred *= NEXT_ASKS;
                if (sentence.wordCount() < 5) centred *= 0.8;
                // the host's introduction repeats the words that describe the guest; it rarely answers
                if (sentence.role() == Sentence.Role.INTRO) centred *= INTRO_FACTOR;
                offer(byPassage, new Candidate(new Answer(new Moment(e, Math.max(0, i - 1), Math.min(lastIndex, i + 1)),
                        new Moment(e, i, i), centred), context, centred, cosine));
                // a question in the conversation that matches: the answer is what follows it
                if (asks && i + 1 <= lastIndex && !e.sentence(i + 1).text().endsWith("?")
                        && e.sentence(i + 1).role() != Sentence.Role.SPONSOR) {
                    int last = Math.min(lastIndex, i + 2);
                    double after = base + coverage.of(e, i, last);
                    offer(byPassage, new Candidate(new Answer(new Moment(e, i, last), new Moment(e, i + 1, i + 1), after), context, after,
                            Math.max(cosine, meaning.cosine(e.id(), i + 1))));
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(byPassage.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        if (ranked.isEmpty() || !threshold) return ranked;
        int need = Math.min(2, coverage.termCount());
        List<Candidate> out = new ArrayList<>();
        for (Candidate cand : ranked) {
            Moment p = cand.answer().passage();
            double min = focus.of(p.episode().id()) > 0 ? MIN_COVERAGE_FOCUSED
                    : coverage.holdsAll(q.unseen(), p.episode(), p.firstSentence() - CONTEXT_RADIUS, p.lastSentence() + CONTEXT_RADIUS)
                    ? MIN_COVERAGE_KNOWN : MIN_COVERAGE;
            boolean good = cand.context() >= min && coverage.matched(p.episode(), p.firstSentence() - 1, p.lastSentence() + 1) >= need
                    || cand.cosine() >= SIMILAR_ENOUGH;
            if (!good) {
                if (out.isEmpty()) return List.of();
                continue;
            }
            out.add(cand);
        }
        return out;
    }

    /** 0 for a cosine at or below {@link #SIMILAR_FLOOR}, 1 at or above {@link #SIMILAR_CEILING}. */
    static double closeness(double cosine) {
        return Math.max(0, Math.min(1, (cosine - SIMILAR_FLOOR) / (SIMILAR_CEILING - SIMILAR_FLOOR)));
    }

    /**
     * The passages the vector index found close to the question, by episode, current ones only (a
     * passage embedded from an older version of an episode may cover other sentences now).
     */
    record Meaning(Map<String, List<PassageVectors.Similar>> byEpisode) {
        static Meaning of(List<PassageVectors.Similar> similar, Corpus c) {
            Map<String, List<PassageVectors.Similar>> by = new HashMap<>();
            for (PassageVectors.Similar p : similar) {
                Episode e = c.get(p.episodeId()).orElse(null);
                if (e == null || !e.checksum().equals(p.checksum()) || p.last() >= e.sentences().size()) continue;
                by.computeIfAbsent(p.episodeId(), k -> new ArrayList<>()).add(p);
            }
            return new Meaning(by);
        }

        List<Searcher.Hit> hits() {
            List<Searcher.Hit> out = new ArrayList<>();
            for (List<PassageVectors.Similar> ps : byEpisode.values()) {
                for (PassageVectors.Similar p : ps) out.add(new Searcher.Hit(p.episodeId(), p.first(), p.last(), 0f));
            }
            return out;
        }

        /** Cosine of the found passage holding sentence {@code i}; 0 when none was found. */
        double cosine(String episodeId, int i) {
            for (PassageVectors.Similar p : byEpisode.getOrDefault(episodeId, List.of())) {
                if (p.first() <= i && i <= p.last()) return p.similarity();
            }
            return 0;
        }
    }

    /**
     * The question without the names of the guests it names. The search is already limited to
     * their episodes, and a name left in draws the question towards the host's introduction of
     * the guest, the one passage that says it.
     */
    static String withoutGuestNames(String question, Corpus c, Focus focus) {
        Set<String> names = new HashSet<>();
        for (String id : focus.episodes().keySet()) {
            Episode e = c.get(id).orElse(null);
            if (e == null || e.title().guest() == null) continue;
            for (String w : e.title().guest().split("\\s+")) names.add(w.toLowerCase(java.util.Locale.ROOT));
        }
        StringBuilder out = new StringBuilder();
        for (String w : question.split("\\s+")) {
            String bare = w.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}-]+$", "").replaceAll("'s$|’s$", "");
            if (names.contains(bare)) continue;
            if (out.length() > 0) out.append(' ');
            out.append(w);
        }
        return out.length() == 0 ? question : out.toString();
    }

    private static void offer(Map<String, Candidate> best, Candidate c) {
        String key = c.answer().passage().key();
        Candidate old = best.get(key);
        if (old == null || c.score() > old.score()) best.put(key, c);
    }

    private static boolean overlaps(Moment a, Moment b) {
        return a.episode().id().equals(b.episode().id()) && a.firstSentence() <= b.lastSentence() && b.firstSentence() <= a.lastSentence();
    }

    /**
     * The episodes the question is about. A named guest puts that guest's episodes in focus with
     * weight 1, and the name's terms are left out of coverage (a conversation rarely says its
     * guest's name). Otherwise an episode whose title and introduction cover at least
     * {@link #ABOUT_SHARE} of the question's weight is in focus, weighted by that share.
     */
    static Focus focus(Searcher s, Corpus c, String question, Searcher.ParsedQuery q) {
        Map<String, Float> boosts = new HashMap<>();
        Set<String> nameTerms = new HashSet<>();
        namedGuests(s, c, question, q, boosts, nameTerms);
        Map<String, Double> episodes = new LinkedHashMap<>();
        if (!boosts.isEmpty()) {
            for (String id : boosts.keySet()) episodes.put(id, 1.0);
            return new Focus(episodes, nameTerms, true);
        }
        List<String> terms = q.terms();
        double total = q.totalWeight();
        if (total <= 0) return new Focus(episodes, nameTerms, false);
        for (Searcher.EpisodeHit h : s.episodesAbout(terms, 3)) {
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            Set<String> about = new HashSet<>(Analyzers.terms(s.indexAnalyzer(), e.title().full() + " " + TranscriptIndex.introduction(e), 2_000));
            double got = 0;
            for (String t : terms) if (about.contains(t)) got += q.idf().getOrDefault(t, 0.0);
            double share = got / total;
            if (share >= ABOUT_SHARE) episodes.put(e.id(), Math.min(1.0, share / (2 * ABOUT_SHARE)));
        }
        return new Focus(episodes, nameTerms, false);
    }

    /**
     * Finds guests named in the question. Each named guest's episodes get a boost, and the terms of
     * the name are left out of coverage, since a conversation rarely says its guest's name.
     */
    static void namedGuests(Searcher s, Corpus c, String question, Searcher.ParsedQuery q,
                            Map<String, Float> boosts, Set<String> nameTerms) {
        Set<String> queryTerms = new HashSet<>(q.terms());
        for (String id : s.guestsNamed(question).keySet()) {
            Episode e = c.get(id).orElse(null);
            if (e == null || e.title().guest() == null) continue;
            List<String> guestTerms = Analyzers.terms(s.indexAnalyzer(), e.title().guest(), 8);
            long named = guestTerms.stream().filter(queryTerms::contains).count();
            // a surname alone names a guest ("Gosling"); a common first name alone does not
            boolean surname = !guestTerms.isEmpty() && queryTerms.contains(guestTerms.get(guestTerms.size() - 1));
            if (named >= 2 || surname) {
                boosts.put(id, 4f);
                for (String t : guestTerms) if (queryTerms.contains(t)) nameTerms.add(t);
            }
        }
    }
}
