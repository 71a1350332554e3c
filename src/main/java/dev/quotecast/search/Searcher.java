package dev.quotecast.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Searches the {@link TranscriptIndex}. User text is analysed into terms and the query is built
 * from {@link TermQuery} and {@link PhraseQuery} objects; no text ever reaches a query parser, so
 * {@code AND OR ((( "}, {@code *:*} or {@code title:x~2^9} are just words.
 *
 * <p>A searcher reads the index as it was when the searcher was made, not as it is now: its hits
 * name sentences by number, and they must be looked up in the corpus of the same moment. Made
 * afresh after each reload beside the new corpus, it keeps the older view open for queries still
 * running on the old pair until {@link #close()} and the last {@link #release()}.
 */
public final class Searcher implements java.io.Closeable {

    /** Most terms taken from one query: bounds the cost of a pathological input. */
    public static final int MAX_QUERY_TERMS = 24;
    /** Neighbouring query-term pairs that get a sloppy-phrase boost: bounds the cost of a long question. */
    static final int PHRASE_PAIRS = 12;

    /** The passage text field, for analysing text the way passages were. */
    public static final String TEXT_FIELD = Fields.TEXT;

    private final TranscriptIndex index;
    private final PassageVectors vectors;
    /** The index as it was when this searcher was made; see the class comment. */
    private final IndexSearcher view;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean exact;

    /** A keyword-only searcher. */
    public Searcher(TranscriptIndex index) {
        this(index, null);
    }

    /** @param vectors passage embeddings, filled in the background; null for keywords only */
    public Searcher(TranscriptIndex index, PassageVectors vectors) {
        this.index = index;
        this.vectors = vectors;
        this.exact = false;
        try {
            this.view = index.searchers().acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second handle on {@code view}, sharing its reference: it must not outlive the searcher it came from. */
    private Searcher(TranscriptIndex index, PassageVectors vectors, IndexSearcher view, boolean exact) {
        this.index = index;
        this.vectors = vectors;
        this.view = view;
        this.exact = exact;
        closed.set(true); // closing it must not release the original's view
    }

    /**
     * Holds this searcher's view of the index open for one more user, who must {@link #release()}
     * it. False once it was closed and every user let go: the caller then takes the newer searcher.
     */
    public boolean retain() {
        return view.getIndexReader().tryIncRef();
    }

    /** Lets go of what {@link #retain()} held. */
    public void release() {
        try {
            view.getIndexReader().decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets go of the view for the owner (once); it closes when the last query on it ends. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) release();
    }

    /**
     * The question as a vector, for {@link #similar}; null when there are no passage embeddings
     * (yet), so that nothing is spent on a model no passage can be compared with.
     */
    public float[] meaningOf(String text) {
        if (vectors == null || text.isBlank() || vectors.isEmpty()) return null;
        return vectors.embedder().query(text);
    }

    /**
     * Up to {@code k} passages closest in meaning to {@code question} (from {@link #meaningOf}),
     * best first, only from {@code within} when that is not empty. Stale ones (embedded from an
     * older version of an episode) are the caller's to drop by checksum.
     */
    public List<PassageVectors.Similar> similar(float[] question, int k, java.util.Set<String> within) {
        if (vectors == null || question == null) return List.of();
        return exact ? vectors.nearestExact(question, k, within) : vectors.nearest(question, k, within);
    }

    /**
     * A searcher whose passages closest in meaning are found by comparing every passage, not by
     * the approximate graph: the same answer every run, for training ({@link PassageVectors#nearestExact}).
     */
    public Searcher exact() {
        return new Searcher(index, vectors, view, true);
    }

    /** Each text's word pieces as the model reads them ({@link Embedder#pieces}); all empty when there are no embeddings. */
    public List<List<float[]>> piecesOf(List<String> texts) {
        if (vectors == null || vectors.isEmpty()) return texts.stream().map(t -> List.<float[]>of()).toList();
        return vectors.embedder().pieces(texts);
    }

    /** Texts as passage vectors (comparable with {@link #meaningOf}); null when there are no embeddings. */
    public List<float[]> meaningsOf(List<String> texts) {
        if (vectors == null || vectors.isEmpty()) return null;
        return vectors.embedder().passages(texts);
    }

    /** The question's cosine with every passage of these episodes ({@link PassageVectors#cosines}); empty without embeddings. */
    public Map<String, float[]> cosines(float[] question, java.util.Collection<dev.quotecast.transcript.Episode> episodes) {
        if (vectors == null || question == null) return Map.of();
        return vectors.cosines(question, episodes);
    }

    /** As {@link #cosines(float[], java.util.Collection)}, with each episode's passage count from the caller (a corpus's kept cut). */
    public Map<String, float[]> cosines(float[] question, java.util.Collection<dev.quotecast.transcript.Episode> episodes,
                                        java.util.function.ToIntFunction<dev.quotecast.transcript.Episode> passages) {
        if (vectors == null || question == null) return Map.of();
        return vectors.cosines(question, episodes, passages);
    }

    /** A passage hit: sentences {@code first..last} of an episode. */
    public record Hit(String episodeId, int first, int last, float score) {}

    /** An episode hit from titles and guests. */
    public record EpisodeHit(String episodeId, float score) {}

    /**
     * Another index term, or two adjacent ones, that may stand for a query term, and how much it
     * counts against the term itself (below 1).
     */
    public record Variant(List<String> terms, float factor) {
        public Variant {
            terms = List.copyOf(terms);
        }

        /** How a text's term set holds this variant: the term, or for two terms, both joined by a space when adjacent. */
        public String key() {
            return String.join(" ", terms);
        }

        public boolean compound() {
            return terms.size() > 1;
        }

        /** True when {@code seen} (terms, plus adjacent pairs as {@link #key()}) holds the variant. */
        public boolean in(java.util.Set<String> seen) {
            return seen.contains(key());
        }
    }

    /**
     * The analysed form of user text, with the weight (IDF) of each term in the passage field and
     * the variants each term may appear as in the transcripts ({@link TermVariants}).
     */
    public record ParsedQuery(List<Analyzers.Token> tokens, Map<String, Double> idf, Map<String, List<Variant>> variants,
                              java.util.Set<String> unseen) {
        public ParsedQuery {
            tokens = List.copyOf(tokens);
            idf = Map.copyOf(idf);
            variants = Map.copyOf(variants);
            unseen = java.util.Set.copyOf(unseen);
        }

        public ParsedQuery(List<Analyzers.Token> tokens, Map<String, Double> idf) {
            this(tokens, idf, Map.of(), java.util.Set.of());
        }

        public List<String> terms() {
            List<String> out = new ArrayList<>();
            for (Analyzers.Token t : tokens) if (!out.contains(t.term())) out.add(t.term());
            return out;
        }

        public List<Variant> variantsOf(String term) {
            return variants.getOrDefault(term, List.of());
        }

        public boolean isEmpty() {
            return tokens.isEmpty();
        }

        public double totalWeight() {
            double sum = 0;
            for (String t : terms()) sum += idf.getOrDefault(t, 0.0);
            return sum;
        }
    }

    /** The analyzer passages were indexed with, for comparing result text against query terms. */
    public org.apache.lucene.analysis.Analyzer indexAnalyzer() {
        return index.analyzers().index();
    }

    public ParsedQuery parse(String userText) {
        return parse(userText, true);
    }

    /** As {@link #parse(String)}; without variants when {@code variants} is false (quotes: the topic's own words). */
    public ParsedQuery parse(String userText, boolean variants) {
        List<Analyzers.Token> asked = Analyzers.tokens(index.analyzers().query(), Fields.TEXT, userText, MAX_QUERY_TERMS);
        // a quote topic made only of words a question would drop ("build", "like"): they are the topic
        List<Analyzers.Token> tokens = asked.isEmpty() && !variants
                ? Analyzers.tokens(index.analyzers().index(), Fields.TEXT, userText, MAX_QUERY_TERMS) : asked;
        Map<String, Double> idf = new HashMap<>();
        Map<String, List<Variant>> vars = new HashMap<>();
        java.util.Set<String> unseen = new java.util.HashSet<>();
        read(s -> {
            CollectionStatistics stats = s.collectionStatistics(Fields.TEXT);
            long n = stats == null ? 1 : stats.docCount();
            List<String> raw = variants ? rawWords(userText) : List.of();
            for (Analyzers.Token t : tokens) {
                if (idf.containsKey(t.term())) continue;
                long df = s.getIndexReader().docFreq(new Term(Fields.TEXT, t.term()));
                idf.put(t.term(), Math.log(1 + (n - df + 0.5) / (df + 0.5)));
                if (df == 0) unseen.add(t.term());
                if (variants) {
                    List<Variant> v = TermVariants.of(s.getIndexReader(), index.analyzers().index(), Fields.TEXT, t.term(), df, raw);
                    if (!v.isEmpty()) vars.put(t.term(), v);
                }
            }
            return null;
        });
        return new ParsedQuery(tokens, idf, vars, unseen);
    }

    /** The words of user text, lower-cased, as typed: compounds are split from these. */
    private static List<String> rawWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) if (!w.isEmpty() && out.size() < MAX_QUERY_TERMS * 2) out.add(w);
        return out;
    }

    /** A term, or the best of it and its variants, each down-weighted by its factor. */
    private static Query termOrVariants(ParsedQuery q, String term) {
        Query exact = new TermQuery(new Term(Fields.TEXT, term));
        List<Variant> vs = q.variantsOf(term);
        if (vs.isEmpty()) return exact;
        List<Query> any = new ArrayList<>();
        any.add(exact);
        for (Variant v : vs) {
            Query one;
            if (v.terms().size() == 1) {
                one = new TermQuery(new Term(Fields.TEXT, v.terms().get(0)));
            } else {
                PhraseQuery.Builder pb = new PhraseQuery.Builder();
                for (String t : v.terms()) pb.add(new Term(Fields.TEXT, t));
                one = pb.build();
            }
            any.add(new BoostQuery(one, v.factor()));
        }
        return new DisjunctionMaxQuery(any, 0f);
    }

    /**
     * The best passages for a query. Each term is a SHOULD clause; each pair of neighbouring terms
     * adds a sloppy phrase, so words that appear together rank above words scattered apart.
     *
     * @param boostEpisodes episode ids to favour (an episode named in the query), may be empty
     */
    public List<Hit> passages(ParsedQuery q, int n, Map<String, Float> boostEpisodes) {
        return passages(q, n, boostEpisodes, java.util.Set.of());
    }

    /** As {@link #passages(ParsedQuery, int, Map)}, searching only {@code within} these episodes when it is not empty. */
    public List<Hit> passages(ParsedQuery q, int n, Map<String, Float> boostEpisodes, java.util.Set<String> within) {
        if (q.isEmpty()) return List.of();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (String t : q.terms()) words.add(termOrVariants(q, t), BooleanClause.Occur.SHOULD);
        b.add(words.build(), BooleanClause.Occur.MUST);
        List<Analyzers.Token> toks = q.tokens();
        for (int i = 0; i + 1 < toks.size() && i < PHRASE_PAIRS; i++) {
            Analyzers.Token a = toks.get(i), c = toks.get(i + 1);
            if (a.term().equals(c.term())) continue;
            PhraseQuery pq = new PhraseQuery.Builder().add(new Term(Fields.TEXT, a.term()), 0)
                    .add(new Term(Fields.TEXT, c.term()), Math.max(1, c.position() - a.position())).setSlop(2).build();
            b.add(new BoostQuery(pq, 0.6f), BooleanClause.Occur.SHOULD);
        }
        for (Map.Entry<String, Float> e : boostEpisodes.entrySet()) {
            b.add(new BoostQuery(new TermQuery(new Term(Fields.EPISODE, e.getKey())), e.getValue()), BooleanClause.Occur.SHOULD);
        }
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.PASSAGE_TYPE)), BooleanClause.Occur.FILTER);
        if (!within.isEmpty()) {
            BooleanQuery.Builder only = new BooleanQuery.Builder();
            for (String id : within) only.add(new TermQuery(new Term(Fields.EPISODE, id)), BooleanClause.Occur.SHOULD);
            b.add(only.build(), BooleanClause.Occur.FILTER);
        }
        return run(b.build(), n);
    }

    private List<Hit> run(Query query, int n) {
        return read(s -> {
            List<Hit> hits = new ArrayList<>();
            var stored = s.storedFields();
            for (ScoreDoc d : withTies(s, query, n)) {
                Document doc = stored.document(d.doc);
                hits.add(new Hit(doc.get(Fields.EPISODE), doc.getField(Fields.FIRST).numericValue().intValue(),
                        doc.getField(Fields.LAST).numericValue().intValue(), d.score));
            }
            hits.sort(HIT_ORDER);
            return hits.size() > n ? new ArrayList<>(hits.subList(0, n)) : hits;
        });
    }

    /**
     * Best score first; equal scores by episode and position. Lucene breaks ties by document number,
     * and the numbers depend on which indexing thread took which episode: two passages that score
     * the same (a repeated "Yeah, exactly.") would otherwise come in a different order, or one of
     * them fall off the end, from one start to the next, and {@code quotecast train} would not make
     * the same model twice.
     */
    static final java.util.Comparator<Hit> HIT_ORDER = java.util.Comparator.comparingDouble((Hit h) -> -h.score())
            .thenComparing(Hit::episodeId).thenComparingInt(Hit::first);

    /** Documents whose ties with the n-th may run past the n-th collected; more are fetched until the tie ends. */
    private static final int MAX_TIE_FETCH = 4_096;

    /**
     * The best {@code n} hits and every hit that ties with the n-th: all that {@link #HIT_ORDER}
     * may need to choose the last places without looking at document numbers.
     */
    private static ScoreDoc[] withTies(IndexSearcher s, Query query, int n) throws IOException {
        if (n <= 0) return new ScoreDoc[0];
        int fetch = n + 1;
        while (true) {
            ScoreDoc[] docs = s.search(query, fetch).scoreDocs;
            if (docs.length <= n) return docs;
            float last = docs[n - 1].score;
            int end = n;
            while (end < docs.length && docs[end].score == last) end++;
            if (end < docs.length || docs.length < fetch || fetch >= MAX_TIE_FETCH) return java.util.Arrays.copyOf(docs, end);
            fetch = Math.min(MAX_TIE_FETCH, fetch * 2);
        }
    }

    /** Passages containing a (stemmed) term. */
    public long docFreq(String term) {
        return read(s -> (long) s.getIndexReader().docFreq(new Term(Fields.TEXT, term)));
    }

    /**
     * {@link #docFreq} of many terms, the same numbers: one terms enumerator per segment walks them
     * in order, where asking term by term opened one per segment and term (an episode card asks for
     * its few thousand terms: a quarter of its time).
     */
    public Map<String, Long> docFreqs(java.util.Collection<String> terms) {
        String[] sorted = terms.stream().distinct().sorted().toArray(String[]::new);
        return read(s -> {
            long[] df = new long[sorted.length];
            for (org.apache.lucene.index.LeafReaderContext leaf : s.getIndexReader().leaves()) {
                org.apache.lucene.index.Terms t = leaf.reader().terms(Fields.TEXT);
                if (t == null) continue;
                org.apache.lucene.index.TermsEnum te = t.iterator();
                for (int i = 0; i < sorted.length; i++) {
                    if (te.seekExact(new org.apache.lucene.util.BytesRef(sorted[i]))) df[i] += te.docFreq();
                }
            }
            Map<String, Long> out = new HashMap<>(sorted.length * 2);
            for (int i = 0; i < sorted.length; i++) out.put(sorted[i], df[i]);
            return out;
        });
    }

    /** Passages in the index. */
    public long passageCount() {
        return read(s -> (long) s.count(new TermQuery(new Term(Fields.TYPE, Fields.PASSAGE_TYPE))));
    }

    /** Episodes whose title or guest match the words, best first. */
    public List<EpisodeHit> episodes(String words, int n) {
        List<String> terms = Analyzers.terms(index.analyzers().index(), words, MAX_QUERY_TERMS);
        if (terms.isEmpty()) return List.of();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term(Fields.TITLE, t)), BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term(Fields.GUEST, t)), 2f), BooleanClause.Occur.SHOULD);
        }
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE)), BooleanClause.Occur.FILTER);
        b.setMinimumNumberShouldMatch(1); // with a FILTER clause, SHOULD clauses would otherwise be optional
        return episodeHits(b.build(), n);
    }

    /**
     * Episodes whose guest is named in the query, with how much of the guest's name it names (1.0:
     * every name term). Used to narrow "what did Gosling say about ..." to that episode.
     */
    public Map<String, Double> guestsNamed(String userText) {
        List<String> terms = Analyzers.terms(index.analyzers().index(), userText, MAX_QUERY_TERMS);
        Map<String, Double> out = new LinkedHashMap<>();
        if (terms.isEmpty()) return out;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) b.add(new TermQuery(new Term(Fields.GUEST, t)), BooleanClause.Occur.SHOULD);
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE)), BooleanClause.Occur.FILTER);
        b.setMinimumNumberShouldMatch(1); // with a FILTER clause, SHOULD clauses would otherwise be optional
        for (EpisodeHit h : episodeHits(b.build(), 20)) out.put(h.episodeId(), (double) h.score());
        return out;
    }

    /**
     * Episodes whose title or introduction matches the query terms, best first: "the creator of
     * JavaScript" finds the episode whose intro says so, though no passage of it repeats the phrase.
     */
    public List<EpisodeHit> episodesAbout(List<String> terms, int n) {
        if (terms.isEmpty()) return List.of();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) b.add(new TermQuery(new Term(Fields.ABOUT, t)), BooleanClause.Occur.SHOULD);
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE)), BooleanClause.Occur.FILTER);
        return episodeHits(b.build(), n);
    }

    private List<EpisodeHit> episodeHits(Query q, int n) {
        return read(s -> {
            List<EpisodeHit> out = new ArrayList<>();
            var stored = s.storedFields();
            for (ScoreDoc d : withTies(s, q, n)) out.add(new EpisodeHit(stored.document(d.doc).get(Fields.EPISODE), d.score));
            // as for passages (HIT_ORDER): equal scores by episode, never by document number
            out.sort(java.util.Comparator.comparingDouble((EpisodeHit h) -> -h.score()).thenComparing(EpisodeHit::episodeId));
            return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
        });
    }

    /** Runs {@code reading} on this searcher's view, held for the length of it. */
    private <T> T read(IndexFolder.Reading<T> reading) {
        if (!retain()) throw new IllegalStateException("searcher closed: the index was reloaded or shut down");
        try {
            return reading.from(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release();
        }
    }
}
