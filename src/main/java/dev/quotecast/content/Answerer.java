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
 * <p>Four steps. <b>Focus</b>: a guest named in the question ("what did Gosling say ...") limits
 * the search to that guest's episodes, and a question that describes an episode ("the creator of
 * JavaScript") favours the episode whose title and introduction say so. <b>Retrieval</b>: BM25 over
 * sentence-window passages, with sloppy-phrase boosts, joined by the passages closest in meaning
 * from the vector index once it is filled. <b>Candidates</b>: every sentence in and around those
 * passages may be the answer on its own, and a sentence that asks may be answered by the one
 * after it (an interview answers its questions); each candidate is described by the
 * {@link AnswerFeature}s. <b>Ranking</b>: a model learned from the question bank
 * ({@link AnswerModel}) orders the candidates, and a second one says whether the best of them
 * answers at all: an honest "not in the transcripts" beats a confident wrong passage.
 *
 * <p>An answer is shown as the exchange: from the question it answers (or the sentence before it)
 * on through what follows, up to about {@link #SHOWN_WORDS} words, with the answering sentence as
 * the highlight; a lead-in ("When I was 21, I quit my job teaching.") then carries its point.
 */
public final class Answerer {

    static final int PASSAGES = 40;
    static final int FOCUSED_PASSAGES = 20;
    /** Passages taken from the vector index, beside the keyword ones. */
    static final int SIMILAR_PASSAGES = 50;
    /** Sentences either side that count as a candidate's neighbourhood. */
    static final int CONTEXT_RADIUS = 3;
    /** About how many words an answer shows, from the question it answers on. */
    static final int SHOWN_WORDS = 120;
    /** Share of the question an episode's title and intro must cover for the episode to be in focus. */
    static final double ABOUT_SHARE = 0.3;

    /*
     * The hand-set ranking the bot used before its model, kept as a feature (HAND_SCORE) and as the
     * fallback when no model is given (training the first one). The cosines are bge-small-en-v1.5's.
     */
    static final double MIN_COVERAGE = 0.5, MIN_COVERAGE_KNOWN = 0.3, MIN_COVERAGE_FOCUSED = 0.3;
    static final double INTRO_FACTOR = 0.6, NEXT_ASKS_FACTOR = 0.9;
    static final double SIMILAR_FLOOR = 0.5, SIMILAR_CEILING = 0.85, SIMILAR_ENOUGH = 0.66;

    private final Supplier<Searcher> searcher;
    private final Supplier<Corpus> corpus;
    private final AnswerModel model;

    public Answerer(Supplier<Searcher> searcher, Supplier<Corpus> corpus, AnswerModel model) {
        this.searcher = searcher;
        this.corpus = corpus;
        this.model = model;
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

    /**
     * One way to answer: the sentence that answers and the window shown ({@link Answer}), what the
     * ranker read about it, and its score.
     */
    public record Candidate(Answer answer, float[] features, double score) {
        public float feature(AnswerFeature f) {
            return features[f.ordinal()];
        }
    }

    /**
     * A question's candidates, best first, what the no-answer decision read, and its verdict.
     *
     * @param answerable false when the transcripts do not answer the question, by the model (or, with
     *     no model, the hand-set bars)
     * @param asked what the question asks, for the highlight chooser (null for an empty ranking)
     * @param model the model that ordered the candidates; its highlight chooser picks each answer's highlight
     */
    public record Ranking(List<Candidate> candidates, float[] abstainFeatures, double confidence, boolean answerable, float bestMeaning,
                          int libraryEpisodes, Asked asked, AnswerModel model) {
        static final Ranking EMPTY = new Ranking(List.of(), new float[0], 0, false, 0, 0, null, AnswerModel.none());

        /** The same candidates ordered by another model (training compares models on fixed features). */
        public Ranking with(AnswerModel model) {
            return candidates.isEmpty() ? this : order(candidates, bestMeaning, libraryEpisodes, model, null, asked);
        }
    }

    /**
     * What the question asks, kept with its ranking for reading sentences the ranking did not score
     * (the highlight chooser reads every sentence of a window).
     */
    record Asked(TermCoverage coverage, QuestionKind kind, Dense dense, Corpus corpus) {}

    public Optional<Answer> answer(String question) {
        return answers(question, 1).stream().findFirst();
    }

    /**
     * Up to {@code n} candidates whose shown windows do not overlap, best first, each highlighting
     * the sentence of its window the ranking's {@link HighlightChooser} picks: what a user pages through.
     */
    public static List<Answer> distinct(Ranking r, int n) {
        return highlighted(r, distinct(r.candidates(), n));
    }

    /** Each window with the highlight the ranking's {@link HighlightChooser} picks in it. */
    private static List<Answer> highlighted(Ranking r, List<Answer> windows) {
        List<Answer> out = new ArrayList<>(windows.size());
        for (Answer a : windows) out.add(r.model().highlight().choose(a, r));
        // the chooser's coverage of a few windows is cheap to recompute; a ranking kept for training must not hold every episode's
        if (r.asked() != null) r.asked().coverage().forget();
        return out;
    }

    /** Up to {@code n} answers from different passages, best first; empty when the transcripts do not answer it. */
    public List<Answer> answers(String question, int n) {
        Ranking r = rank(question);
        return r.answerable() ? reread(question, r, n) : List.of();
    }

    /**
     * Up to {@code n} answers from different passages, best first, with no threshold: everything the
     * ranking chose among. How far down the right one sits measures the ranking apart from retrieval.
     */
    public List<Answer> candidates(String question, int n) {
        return reread(question, rank(question), n);
    }

    /**
     * The ranking's first distinct windows, the first few read again word by word ({@link
     * LateInteraction}); the highlight is chosen only in the {@code n} kept (the reading looks at
     * whole windows, not at their highlights).
     */
    private List<Answer> reread(String question, Ranking r, int n) {
        List<Answer> windows = distinct(r.candidates(), Math.max(n, LateInteraction.WINDOWS));
        List<Answer> reread = new LateInteraction(searcher.get()::piecesOf).reorder(question, windows);
        return List.copyOf(highlighted(r, reread.subList(0, Math.min(n, reread.size()))));
    }

    private static List<Answer> distinct(List<Candidate> ranked, int n) {
        List<Answer> out = new ArrayList<>();
        for (Candidate c : ranked) {
            Answer answer = answering(c.answer());
            if (out.stream().anyMatch(a -> a.passage().overlaps(answer.passage()))) continue;
            out.add(answer);
            if (out.size() >= n) break;
        }
        return out;
    }

    /**
     * The answer as shown: when the sentence that ranked best is itself a question, its reply is the
     * highlight (and credited), the window running from the same place on through it. The ranker
     * may rank a question on its own above the same question with its answer (it often holds the
     * question's words); the reader is still pointed at the reply, as the exchange promises.
     */
    static Answer answering(Answer a) {
        Episode e = a.highlight().episode();
        int h = a.highlight().firstSentence();
        if (!asks(e, h)) return a;
        int reply = answerAfter(e, h);
        if (reply < 0) return a;
        return new Answer(shown(e, a.passage().firstSentence(), reply), new Moment(e, reply, reply), a.score());
    }

    /** The question's candidates ranked, and whether it is answered; empty when nothing was found. */
    public Ranking rank(String question) {
        Searcher s = searcher.get();
        Corpus c = corpus.get();
        Searcher.ParsedQuery q = s.parse(question);
        if (q.isEmpty()) return Ranking.EMPTY;
        Focus focus = focus(s, c, question, q);
        TermCoverage coverage = new TermCoverage(c.sentenceTerms(s.indexAnalyzer()), q, focus.nameTerms());
        if (coverage.isEmpty()) return Ranking.EMPTY;
        float[] meant = s.meaningOf(focus.named() ? withoutGuestNames(question, c, focus) : question);
        Meaning meaning = Meaning.of(s.similar(meant, SIMILAR_PASSAGES, focus.named() ? focus.episodes().keySet() : Set.of()), c);
        Keywords keywords = new Keywords();
        if (focus.named()) {
            keywords.add(s.passages(q, PASSAGES, Map.of(), focus.episodes().keySet()));
        } else {
            keywords.add(s.passages(q, PASSAGES, Map.of()));
            if (focus.any()) keywords.add(s.passages(q, FOCUSED_PASSAGES, Map.of(), focus.episodes().keySet()));
        }
        List<Searcher.Hit> hits = new ArrayList<>(keywords.hits);
        hits.addAll(meaning.hits());
        if (hits.isEmpty()) return Ranking.EMPTY;
        Dense dense = Dense.of(s, meant, hits, c);
        hits.addAll(dense.bestPassages(DENSE_PER_EPISODE));

        Query query = new Query(q, coverage, focus, keywords, meaning, QuestionKind.of(question), dense, c, meant != null);
        List<Candidate> all = candidates(c, hits, query);
        if (all.isEmpty()) return Ranking.EMPTY;
        episodeEvidence(all);
        Ranking ranked = order(all, (float) meaning.best(), c.size(), model, query, new Asked(coverage, query.kind(), dense, c));
        coverage.forget(); // what every candidate's neighbourhood held: megabytes for a ranking that training keeps
        return ranked;
    }

    /**
     * Scores and sorts candidates with {@code model} (or the hand-set score when it has no ranker),
     * then decides whether the best answers: by the model's no-answer classifier, or with no model
     * by the hand-set bars ({@code query} needed then; without it, answerable is left false).
     */
    static Ranking order(List<Candidate> all, float bestMeaning, int libraryEpisodes, AnswerModel model, Query query, Asked asked) {
        List<Candidate> ranked = new ArrayList<>(all.size());
        double[] learned = model.learned() ? model.ranker().margins(all.stream().map(Candidate::features).toList()) : null;
        for (int i = 0; i < all.size(); i++) {
            Candidate cand = all.get(i);
            double score = learned != null ? learned[i] : cand.feature(AnswerFeature.HAND_SCORE);
            ranked.add(new Candidate(cand.answer(), cand.features(), score));
        }
        // ties by place in the transcripts: the same question ranks the same way every time
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(x -> x.answer().highlight().episode().id()).thenComparingInt(x -> x.answer().highlight().firstSentence())
                .thenComparingDouble(x -> x.feature(AnswerFeature.AFTER_QUESTION)));
        float[] abstain = abstainFeatures(ranked, bestMeaning, libraryEpisodes);
        if (model.abstain() == null) {
            return new Ranking(ranked, abstain, Double.NaN, query != null && handAnswers(ranked.get(0), query), bestMeaning, libraryEpisodes, asked,
                    model);
        }
        double p = model.abstain().probability(abstain);
        return new Ranking(ranked, abstain, p, p >= model.threshold(), bestMeaning, libraryEpisodes, asked, model);
    }

    /** What one question's candidates share: its terms, coverage, focus, the hits found and the library searched. */
    private record Query(Searcher.ParsedQuery q, TermCoverage coverage, Focus focus, Keywords keywords, Meaning meaning, QuestionKind kind,
                         Dense dense, Corpus corpus, boolean meant) {
        int libraryEpisodes() {
            return corpus.size();
        }
    }

    /** Candidate episodes read in full for closeness in meaning, and passages taken from each beyond the hits. */
    static final int DENSE_EPISODES = 40, DENSE_PER_EPISODE = 3;

    /**
     * The question's cosine with every passage of the episodes the hits came from, and which
     * passage each sentence is in: every candidate's closeness in meaning, and its neighbours',
     * not only for the few passages the approximate search returned.
     */
    record Dense(Map<String, float[]> cosines, Map<String, int[]> passageOf, Map<String, List<dev.quotecast.search.Passages.Span>> windows) {
        static Dense of(Searcher s, float[] meant, List<Searcher.Hit> hits, Corpus c) {
            Map<String, Episode> episodes = new LinkedHashMap<>();
            for (Searcher.Hit h : hits) {
                if (episodes.size() >= DENSE_EPISODES) break;
                c.get(h.episodeId()).ifPresent(e -> episodes.putIfAbsent(e.id(), e));
            }
            Map<String, float[]> cos = s.cosines(meant, episodes.values(), e -> c.spans(e).size());
            Map<String, int[]> passageOf = new HashMap<>();
            Map<String, List<dev.quotecast.search.Passages.Span>> windows = new HashMap<>();
            for (String id : cos.keySet()) {
                Episode e = episodes.get(id);
                passageOf.put(id, c.passageOf(e));
                windows.put(id, c.spans(e));
            }
            return new Dense(cos, passageOf, windows);
        }

        /** Cosine of passage {@code k} of the episode; NaN when unknown. */
        float at(String episode, int k) {
            float[] c = cosines.get(episode);
            return c == null || k < 0 || k >= c.length ? Float.NaN : c[k];
        }

        /** The passage sentence {@code i} is in; -1 when unknown. */
        int passage(String episode, int i) {
            int[] of = passageOf.get(episode);
            return of == null || i < 0 || i >= of.length ? -1 : of[i];
        }

        /** The best cosine over the passages holding sentences {@code first..last}. */
        float best(String episode, int first, int last) {
            float best = Float.NaN;
            for (int k = passage(episode, first); k >= 0 && k <= passage(episode, last); k++) {
                float v = at(episode, k);
                if (Float.isNaN(best) || v > best) best = v;
            }
            return best;
        }

        /** How many passages of the episode are closer to the question than passage {@code k}. */
        int rankInEpisode(String episode, int k) {
            float[] c = cosines.get(episode);
            if (c == null || k < 0) return -1;
            int above = 0;
            for (float v : c) if (v > c[k]) above++;
            return above;
        }

        float episodeBest(String episode) {
            float[] c = cosines.get(episode);
            if (c == null) return Float.NaN;
            float best = -1;
            for (float v : c) best = Math.max(best, v);
            return best;
        }

        /** The {@code n} passages of each episode closest in meaning, as hits. */
        List<Searcher.Hit> bestPassages(int n) {
            List<Searcher.Hit> out = new ArrayList<>();
            for (Map.Entry<String, float[]> e : new java.util.TreeMap<>(cosines).entrySet()) {
                for (int k : closest(e.getValue(), n)) {
                    dev.quotecast.search.Passages.Span w = windows.get(e.getKey()).get(k);
                    out.add(new Searcher.Hit(e.getKey(), w.first(), w.last(), 0f));
                }
            }
            return out;
        }
    }

    /**
     * The indexes of the {@code n} highest cosines, highest first, the lower index first among
     * equals: the head of sorting every index that way, kept by insertion instead, as sorting the
     * several hundred passages of 40 episodes for three each was a tenth of a warm ask (issue 20).
     */
    static int[] closest(float[] c, int n) {
        int[] best = new int[Math.min(n, c.length)];
        int kept = 0;
        for (int k = 0; k < c.length && best.length > 0; k++) {
            if (kept == best.length && !before(c, k, best[kept - 1])) continue;
            int at = kept < best.length ? kept++ : kept - 1;
            while (at > 0 && before(c, k, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = k;
        }
        return best;
    }

    /** Whether index {@code a} comes before {@code b}: a higher cosine ({@link Float#compare}), or the same and a lower index. */
    private static boolean before(float[] c, int a, int b) {
        int byCosine = Float.compare(c[b], c[a]);
        return byCosine != 0 ? byCosine < 0 : a < b;
    }

    /** The keyword hits in rank order, and per episode and sentence the best of them holding it. */
    private static final class Keywords {
        final List<Searcher.Hit> hits = new ArrayList<>();
        float best = Float.MIN_NORMAL;

        void add(List<Searcher.Hit> more) {
            for (Searcher.Hit h : more) {
                hits.add(h);
                best = Math.max(best, h.score());
            }
        }

        /** The best hit holding sentence {@code i}, as {score / best, rank}; null when none does. */
        float[] at(String episode, int i) {
            float[] out = null;
            for (int r = 0; r < hits.size(); r++) {
                Searcher.Hit h = hits.get(r);
                if (h.first() <= i && i <= h.last() && h.episodeId().equals(episode)) {
                    float share = h.score() / best;
                    if (out == null || share > out[0]) out = new float[] {share, r + 1};
                }
            }
            return out;
        }
    }

    /** Every candidate around the hits, once each: the sentence on its own, and after a question the answer to it. */
    private List<Candidate> candidates(Corpus c, List<Searcher.Hit> hits, Query query) {
        Map<String, Candidate> byKey = new LinkedHashMap<>();
        for (Searcher.Hit h : hits) {
            Episode e = c.get(h.episodeId()).orElse(null);
            if (e == null) continue;
            int lastIndex = e.sentences().size() - 1;
            for (int i = Math.max(0, h.first() - 1); i <= Math.min(lastIndex, h.last() + 1); i++) {
                Sentence sentence = e.sentence(i);
                if (sentence.role() == Sentence.Role.SPONSOR) continue;
                if (query.coverage().of(e, i, i) <= 0 && query.meaning().cosine(e.id(), i) <= SIMILAR_FLOOR) continue;
                String key = e.id() + "#" + i;
                if (!byKey.containsKey(key)) byKey.put(key, candidate(e, i, false, query));
                if (asks(e, i) && answerAfter(e, i) >= 0 && !byKey.containsKey(key + "?")) {
                    byKey.put(key + "?", candidate(e, i, true, query));
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    static boolean asks(Episode e, int i) {
        return e.sentence(i).text().endsWith("?");
    }

    /**
     * The window an answer shows: from {@code from} through the highlight and on, while it stays
     * under {@link #SHOWN_WORDS} words and until the next sentence that asks (the host moving on).
     */
    static Moment shown(Episode e, int from, int highlight) {
        int last = e.sentences().size() - 1;
        int words = 0;
        boolean answered = false; // a sentence that does not ask has been shown since the last one that does
        for (int i = from; i <= highlight; i++) {
            words += e.sentence(i).wordCount();
            answered = !asks(e, i);
        }
        int end = highlight;
        // a question asked in several sentences runs on into its answer; a question after an answer is the host moving on
        while (end + 1 <= last && !(answered && asks(e, end + 1)) && e.sentence(end + 1).role() != Sentence.Role.SPONSOR
                && words + e.sentence(end + 1).wordCount() <= SHOWN_WORDS) {
            end++;
            words += e.sentence(end).wordCount();
            answered = !asks(e, end);
        }
        return new Moment(e, from, end);
    }

    /** The first sentence after the question at {@code i} (and any questions right after it) that does not ask; -1 when none within three. */
    static int answerAfter(Episode e, int i) {
        int last = e.sentences().size() - 1;
        for (int j = i + 1; j <= Math.min(last, i + 3); j++) {
            if (e.sentence(j).role() == Sentence.Role.SPONSOR) return -1;
            if (!asks(e, j)) return j;
        }
        return -1;
    }

    /**
     * A candidate and its features. {@code afterQuestion}: sentence {@code i} asks, and the answer is
     * the one after it; otherwise sentence {@code i} answers, shown from the sentence before it.
     */
    private Candidate candidate(Episode e, int i, boolean afterQuestion, Query query) {
        TermCoverage cov = query.coverage();
        int last = e.sentences().size() - 1;
        int highlight = afterQuestion ? answerAfter(e, i) : i;
        int from = afterQuestion ? i : Math.max(0, i - 1);
        if (e.sentence(from).role() == Sentence.Role.SPONSOR) from = highlight;
        Moment shown = shown(e, from, highlight);
        float[] f = AnswerFeature.empty();
        set(f, AnswerFeature.AFTER_QUESTION, afterQuestion ? 1 : 0);
        float[] kw = query.keywords().at(e.id(), highlight);
        if (afterQuestion) {
            float[] asked = query.keywords().at(e.id(), i);
            if (kw == null || (asked != null && asked[0] > kw[0])) kw = asked;
        }
        set(f, AnswerFeature.KEYWORD_SCORE, kw == null ? 0 : kw[0]);
        set(f, AnswerFeature.KEYWORD_RANK, kw == null ? Float.NaN : (float) Math.log1p(kw[1]));
        Dense dense = query.dense();
        int k = dense.passage(e.id(), highlight);
        double cosine = dense.at(e.id(), k);
        if (Double.isNaN(cosine)) cosine = query.meaning().cosine(e.id(), highlight);
        int meaningRank = query.meaning().rank(e.id(), highlight);
        if (afterQuestion && query.meaning().cosine(e.id(), i) > cosine) {
            cosine = query.meaning().cosine(e.id(), i);
            meaningRank = query.meaning().rank(e.id(), i);
        }
        set(f, AnswerFeature.MEANING, cosine);
        set(f, AnswerFeature.MEANING_RANK, meaningRank == 0 ? Float.NaN : (float) Math.log1p(meaningRank));
        set(f, AnswerFeature.PREVIOUS_MEANING, dense.at(e.id(), k - 1));
        set(f, AnswerFeature.NEXT_MEANING, dense.at(e.id(), k + 1));
        set(f, AnswerFeature.SHOWN_MEANING, dense.best(e.id(), shown.firstSentence(), shown.lastSentence()));
        int inEpisode = dense.rankInEpisode(e.id(), k);
        set(f, AnswerFeature.MEANING_RANK_IN_EPISODE, inEpisode < 0 ? Float.NaN : (float) Math.log1p(inEpisode));
        double own = cov.of(e, highlight, highlight);
        double window = afterQuestion ? cov.of(e, i, Math.min(last, highlight + 1)) : cov.of(e, i - 1, i + 1);
        double context = cov.of(e, highlight - CONTEXT_RADIUS, highlight + CONTEXT_RADIUS);
        set(f, AnswerFeature.COVER_SENTENCE, own);
        set(f, AnswerFeature.COVER_WINDOW, window);
        set(f, AnswerFeature.COVER_CONTEXT, context);
        set(f, AnswerFeature.COVER_SHOWN, cov.of(e, shown.firstSentence(), shown.lastSentence()));
        set(f, AnswerFeature.TERMS_MATCHED, (double) cov.matched(e, shown.firstSentence(), shown.lastSentence()) / cov.termCount());
        set(f, AnswerFeature.ASKS, asks(e, highlight) ? 1 : 0);
        set(f, AnswerFeature.PREVIOUS_ASKS, highlight > 0 && asks(e, highlight - 1) ? 1 : 0);
        set(f, AnswerFeature.NEXT_ASKS, highlight < last && asks(e, highlight + 1) ? 1 : 0);
        double before = 0;
        for (int b = highlight - 1; b >= Math.max(0, highlight - CONTEXT_RADIUS); b--) {
            if (asks(e, b)) {
                before = cov.of(e, b, b);
                break;
            }
        }
        set(f, AnswerFeature.QUESTION_BEFORE, before);
        set(f, AnswerFeature.WORDS, Math.log1p(e.sentence(highlight).wordCount()));
        set(f, AnswerFeature.INTRO, e.sentence(highlight).role() == Sentence.Role.INTRO ? 1 : 0);
        set(f, AnswerFeature.POSITION, last == 0 ? 0 : (double) highlight / last);
        set(f, AnswerFeature.FOCUS, query.focus().of(e.id()));
        set(f, AnswerFeature.NAMED, query.focus().named() ? 1 : 0);
        set(f, AnswerFeature.QUERY_TERMS, cov.termCount());
        set(f, AnswerFeature.QUERY_UNSEEN, unseenShare(query.q()));
        set(f, AnswerFeature.RAREST_MATCHED, cov.rarestMatched(e, shown.firstSentence(), shown.lastSentence()));
        set(f, AnswerFeature.QUESTION_NUMBER, query.kind().number() ? 1 : 0);
        set(f, AnswerFeature.QUESTION_PERSON, query.kind().person() ? 1 : 0);
        set(f, AnswerFeature.QUESTION_REASON, query.kind().reason() ? 1 : 0);
        int kinds = query.corpus().answerKinds(e, highlight);
        set(f, AnswerFeature.HAS_NUMBER, (kinds & QuestionKind.HAS_NUMBER) != 0 ? 1 : 0);
        set(f, AnswerFeature.HAS_NAME, (kinds & QuestionKind.HAS_NAME) != 0 ? 1 : 0);
        set(f, AnswerFeature.HAS_REASON, (kinds & QuestionKind.HAS_REASON) != 0 ? 1 : 0);
        set(f, AnswerFeature.COVER_HIGHLIGHT, cov.of(e, highlight, highlight + 1));
        set(f, AnswerFeature.RAREST_MISSING, cov.rarestMissing(e, highlight - CONTEXT_RADIUS, highlight + CONTEXT_RADIUS));
        set(f, AnswerFeature.LIBRARY, Math.log1p(query.libraryEpisodes()));
        set(f, AnswerFeature.HAS_MEANING, query.meant() ? 1 : 0);
        set(f, AnswerFeature.HAND_SCORE, handScore(e, i, afterQuestion, query, kw == null ? 0 : kw[0], cosine, own, context));
        return new Candidate(new Answer(shown, new Moment(e, highlight, highlight), 0), f, 0);
    }

    /**
     * The ranking before the model: the candidate's keyword score, coverage of the sentence, its
     * neighbourhood and window, focus and closeness in meaning, added with hand-set weights, and
     * discounted for questions, interruptions, short sentences and the host's introduction.
     */
    private static double handScore(Episode e, int i, boolean afterQuestion, Query query, double keyword, double cosine, double own,
                                    double context) {
        TermCoverage cov = query.coverage();
        int last = e.sentences().size() - 1;
        double base = 0.35 * keyword + 0.5 * own + context + 0.3 * query.focus().of(e.id()) + closeness(cosine);
        if (afterQuestion) return base + cov.of(e, i, Math.min(last, i + 2));
        double centred = base + cov.of(e, i - 1, i + 1);
        if (asks(e, i)) centred *= 0.7;
        if (i + 1 <= last && asks(e, i + 1)) centred *= NEXT_ASKS_FACTOR;
        if (e.sentence(i).wordCount() < 5) centred *= 0.8;
        if (e.sentence(i).role() == Sentence.Role.INTRO) centred *= INTRO_FACTOR;
        return centred;
    }

    /** The hand-set no-answer bars, for a bot with no model. */
    private static boolean handAnswers(Candidate top, Query query) {
        if (top.feature(AnswerFeature.MEANING) >= SIMILAR_ENOUGH) return true;
        Moment p = top.answer().passage();
        double min = query.focus().of(p.episode().id()) > 0 ? MIN_COVERAGE_FOCUSED
                : query.coverage().holdsAll(query.q().unseen(), p.episode(), p.firstSentence() - CONTEXT_RADIUS, p.lastSentence() + CONTEXT_RADIUS)
                ? MIN_COVERAGE_KNOWN : MIN_COVERAGE;
        int need = Math.min(2, query.coverage().termCount());
        return top.feature(AnswerFeature.COVER_CONTEXT) >= min
                && query.coverage().matched(p.episode(), p.firstSentence() - 1, p.lastSentence() + 1) >= need;
    }

    /** The per-episode features, once every candidate is known. */
    private static void episodeEvidence(List<Candidate> all) {
        Map<String, float[]> byEpisode = new HashMap<>();
        for (Candidate c : all) {
            float[] ep = byEpisode.computeIfAbsent(c.answer().highlight().episode().id(), k -> new float[3]);
            // the episode's best passage in meaning, known from the dense cosines, not only from these candidates
            ep[0]++;
            ep[1] = Math.max(ep[1], c.feature(AnswerFeature.KEYWORD_SCORE));
            ep[2] = Math.max(ep[2], c.feature(AnswerFeature.MEANING));
        }
        for (Candidate c : all) {
            float[] ep = byEpisode.get(c.answer().highlight().episode().id());
            set(c.features(), AnswerFeature.EPISODE_SHARE, ep[0] / all.size());
            set(c.features(), AnswerFeature.EPISODE_KEYWORD, ep[1]);
            set(c.features(), AnswerFeature.EPISODE_MEANING, ep[2]);
        }
    }

    private static float[] abstainFeatures(List<Candidate> ranked, float bestMeaning, int libraryEpisodes) {
        float[] f = new float[AbstainFeature.values().length];
        Candidate top = ranked.get(0);
        f[AbstainFeature.TOP_SCORE.ordinal()] = (float) top.score();
        f[AbstainFeature.TOP_MEANING.ordinal()] = top.feature(AnswerFeature.MEANING);
        f[AbstainFeature.BEST_MEANING.ordinal()] = bestMeaning;
        f[AbstainFeature.TOP_CONTEXT.ordinal()] = top.feature(AnswerFeature.COVER_CONTEXT);
        f[AbstainFeature.TOP_SHOWN.ordinal()] = top.feature(AnswerFeature.COVER_SHOWN);
        f[AbstainFeature.TOP_TERMS_MATCHED.ordinal()] = top.feature(AnswerFeature.TERMS_MATCHED);
        f[AbstainFeature.TOP_KEYWORD.ordinal()] = top.feature(AnswerFeature.KEYWORD_SCORE);
        f[AbstainFeature.TOP_FOCUS.ordinal()] = top.feature(AnswerFeature.FOCUS);
        f[AbstainFeature.NAMED.ordinal()] = top.feature(AnswerFeature.NAMED);
        f[AbstainFeature.QUERY_TERMS.ordinal()] = top.feature(AnswerFeature.QUERY_TERMS);
        f[AbstainFeature.QUERY_UNSEEN.ordinal()] = top.feature(AnswerFeature.QUERY_UNSEEN);
        f[AbstainFeature.TOP_RAREST_MATCHED.ordinal()] = top.feature(AnswerFeature.RAREST_MATCHED);
        f[AbstainFeature.TOP_RAREST_MISSING.ordinal()] = top.feature(AnswerFeature.RAREST_MISSING);
        f[AbstainFeature.TOP_COVER_HIGHLIGHT.ordinal()] = top.feature(AnswerFeature.COVER_HIGHLIGHT);
        f[AbstainFeature.TOP_QUESTION_BEFORE.ordinal()] = top.feature(AnswerFeature.QUESTION_BEFORE);
        f[AbstainFeature.SECOND_MEANING.ordinal()] = ranked.size() > 1 ? ranked.get(1).feature(AnswerFeature.MEANING) : Float.NaN;
        f[AbstainFeature.LIBRARY.ordinal()] = (float) Math.log1p(libraryEpisodes);
        f[AbstainFeature.QUESTION_KIND.ordinal()] = top.feature(AnswerFeature.QUESTION_NUMBER) + 2 * top.feature(AnswerFeature.QUESTION_PERSON)
                + 4 * top.feature(AnswerFeature.QUESTION_REASON);
        return f;
    }

    private static double unseenShare(Searcher.ParsedQuery q) {
        double total = q.totalWeight();
        if (total <= 0) return 0;
        double unseen = 0;
        for (String t : q.unseen()) unseen += q.idf().getOrDefault(t, 0.0);
        return unseen / total;
    }

    private static void set(float[] f, AnswerFeature which, double value) {
        f[which.ordinal()] = (float) value;
    }

    /** 0 for a cosine at or below {@link #SIMILAR_FLOOR}, 1 at or above {@link #SIMILAR_CEILING}. */
    static double closeness(double cosine) {
        return Math.max(0, Math.min(1, (cosine - SIMILAR_FLOOR) / (SIMILAR_CEILING - SIMILAR_FLOOR)));
    }

    /**
     * The passages the vector index found close to the question, by episode, current ones only (a
     * passage embedded from an older version of an episode may cover other sentences now).
     */
    record Meaning(Map<String, List<PassageVectors.Similar>> byEpisode, Map<PassageVectors.Similar, Integer> ranks, double best) {
        static Meaning of(List<PassageVectors.Similar> similar, Corpus c) {
            Map<String, List<PassageVectors.Similar>> by = new HashMap<>();
            Map<PassageVectors.Similar, Integer> ranks = new HashMap<>();
            double best = 0;
            int rank = 0;
            for (PassageVectors.Similar p : similar) {
                rank++;
                Episode e = c.get(p.episodeId()).orElse(null);
                if (e == null || !e.checksum().equals(p.checksum()) || p.last() >= e.sentences().size()) continue;
                by.computeIfAbsent(p.episodeId(), k -> new ArrayList<>()).add(p);
                ranks.put(p, rank);
                best = Math.max(best, p.similarity());
            }
            return new Meaning(by, ranks, best);
        }

        List<Searcher.Hit> hits() {
            List<Searcher.Hit> out = new ArrayList<>();
            for (List<PassageVectors.Similar> ps : byEpisode.values()) {
                for (PassageVectors.Similar p : ps) out.add(new Searcher.Hit(p.episodeId(), p.first(), p.last(), 0f));
            }
            out.sort(Comparator.comparing(Searcher.Hit::episodeId).thenComparingInt(Searcher.Hit::first));
            return out;
        }

        /** Cosine of the found passage holding sentence {@code i}; 0 when none was found. */
        double cosine(String episodeId, int i) {
            PassageVectors.Similar p = holding(episodeId, i);
            return p == null ? 0 : p.similarity();
        }

        /** Rank (1 = closest) of the found passage holding sentence {@code i}; 0 when none was found. */
        int rank(String episodeId, int i) {
            PassageVectors.Similar p = holding(episodeId, i);
            return p == null ? 0 : ranks.get(p);
        }

        private PassageVectors.Similar holding(String episodeId, int i) {
            for (PassageVectors.Similar p : byEpisode.getOrDefault(episodeId, List.of())) {
                if (p.first() <= i && i <= p.last()) return p;
            }
            return null;
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
            for (String id : boosts.keySet().stream().sorted().toList()) episodes.put(id, 1.0);
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
