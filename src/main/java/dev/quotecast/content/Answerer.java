package dev.quotecast.content;

import dev.quotecast.search.Analyzers;
import dev.quotecast.search.Searcher;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers a question from the transcripts, or says it cannot.
 *
 * <p>Passages are retrieved with BM25, then every sentence in and around them is re-ranked by how
 * much of the question (IDF-weighted) it and its neighbours cover. A guest named in the question
 * narrows the search to that guest's episodes, and the name then counts as context, not content.
 * The answer is given only when the best window covers enough of the question: an honest "not in
 * the transcripts" beats a confident wrong passage.
 */
public final class Answerer {

    /** Share of the question's weight the answer window must cover. */
    static final double MIN_COVERAGE = 0.5;
    static final int PASSAGES = 40;

    private final Supplier<Searcher> searcher;
    private final Supplier<Corpus> corpus;

    public Answerer(Supplier<Searcher> searcher, Supplier<Corpus> corpus) {
        this.searcher = searcher;
        this.corpus = corpus;
    }

    public Optional<Answer> answer(String question) {
        return answers(question, 1).stream().findFirst();
    }

    /**
     * Up to {@code n} answers from different passages, best first. Empty when even the best does not
     * cover enough of the question.
     */
    public List<Answer> answers(String question, int n) {
        Searcher s = searcher.get();
        Corpus c = corpus.get();
        Searcher.ParsedQuery q = s.parse(question);
        if (q.isEmpty()) return List.of();
        Map<String, Float> boosts = new HashMap<>();
        Set<String> nameTerms = new HashSet<>();
        namedGuests(s, c, question, q, boosts, nameTerms);
        TermCoverage coverage = new TermCoverage(s.indexAnalyzer(), q, nameTerms);
        if (coverage.isEmpty()) return List.of();
        List<Searcher.Hit> hits = s.passages(q, PASSAGES, boosts);
        if (hits.isEmpty()) return List.of();
        float best = hits.get(0).score();
        List<Candidate> candidates = new ArrayList<>();
        for (Searcher.Hit h : hits) {
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            double passage = h.score() / best;
            int lastIndex = e.sentences().size() - 1;
            Candidate top = null;
            for (int i = Math.max(0, h.first() - 1); i <= Math.min(lastIndex, h.last() + 1); i++) {
                Sentence sentence = e.sentence(i);
                if (sentence.role() == Sentence.Role.SPONSOR) continue;
                double window = coverage.of(e, i - 1, i + 1);
                double own = coverage.of(e, i, i);
                double score = 0.35 * passage + window + 0.5 * own;
                if (sentence.text().endsWith("?")) score *= 0.7;
                if (sentence.wordCount() < 5) score *= 0.8;
                if (top == null || score > top.answer().score()) {
                    top = new Candidate(new Answer(new Moment(e, Math.max(0, i - 1), Math.min(lastIndex, i + 1)), new Moment(e, i, i), score), window);
                }
            }
            if (top != null) candidates.add(top);
        }
        candidates.sort(Comparator.comparingDouble((Candidate x) -> x.answer().score()).reversed());
        int need = Math.min(2, coverage.termCount());
        List<Answer> out = new ArrayList<>();
        for (Candidate cand : candidates) {
            Moment p = cand.answer().passage();
            boolean good = cand.coverage() >= MIN_COVERAGE && coverage.matched(p.episode(), p.firstSentence(), p.lastSentence()) >= need;
            if (!good) {
                if (out.isEmpty()) return List.of();
                continue;
            }
            if (out.stream().anyMatch(a -> overlaps(a.passage(), p))) continue;
            out.add(cand.answer());
            if (out.size() >= n) break;
        }
        return out;
    }

    private record Candidate(Answer answer, double coverage) {}

    private static boolean overlaps(Moment a, Moment b) {
        return a.episode().id().equals(b.episode().id()) && a.firstSentence() <= b.lastSentence() && b.firstSentence() <= a.lastSentence();
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
