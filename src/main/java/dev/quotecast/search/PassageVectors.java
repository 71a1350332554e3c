package dev.quotecast.search;

import dev.quotecast.transcript.Episode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A second Lucene index, beside the keyword one, holding one embedding per passage
 * ({@link Passages}) in an HNSW graph, so that a question finds passages that say the same thing
 * in other words.
 *
 * <p>Embedding is slow next to keyword indexing (milliseconds per passage instead of microseconds),
 * so this index fills in the background while the bot already answers from keywords, commits as it
 * goes, and persists: a restart embeds only new or changed episodes, found by checksum as in
 * {@link TranscriptIndex}. Each episode's passages and its checksum record are added as one block,
 * so a crash mid-episode leaves either all of it or none. Vectors of another model are rebuilt.
 */
public final class PassageVectors implements Closeable {

    static final String VECTOR = "vector";
    /** Commit user-data key naming the model the vectors came from. */
    static final String MODEL = "model";
    /** Commit after this many embedded episodes, so a restart loses little and queries see progress. */
    static final int COMMIT_EVERY = 5;
    /** Passages embedded per call: enough to keep the model's threads busy. */
    static final int CHUNK = 64;

    private final IndexFolder.Handle handle;
    private final Embedder embedder;
    /** Where each episode's record is in the reader last read from ({@link #recordOf}). */
    private volatile Records records;
    /** Set once closing starts: no merge starts after it, and one it waited for is not retried. */
    private volatile boolean closed;
    /** Set while {@link #compact} merges. */
    private volatile boolean merging;

    /**
     * Per open reader, each episode's record document by episode id and checksum, -1 when the
     * reader holds no record of that text: a warm {@code ask} reads the vectors of 40 episodes,
     * and a search plus a stored-field read for each record was a twentieth of it (issue 20). A
     * reader never changes, so what was found in it holds until the next one.
     */
    private record Records(org.apache.lucene.index.IndexReader reader, Map<String, Integer> byEpisode) {}

    /** A passage close in meaning to a question, with the checksum of the episode text it was embedded from. */
    public record Similar(String episodeId, String checksum, int first, int last, float similarity) {}

    /** What a sync did: episodes embedded, dropped and already present, and the passages embedded. */
    public record Progress(int embedded, int removed, int unchanged, int passages, boolean stopped) {}

    private PassageVectors(IndexFolder.Handle handle, Embedder embedder) {
        this.handle = handle;
        this.embedder = embedder;
    }

    /**
     * Opens (or creates) the vector index in {@code dir}, or in memory when {@code dir} is null. One
     * written by another model, or one that is torn or bit-rotted, starts empty ({@link IndexFolder}).
     */
    public static PassageVectors open(Path dir, Embedder embedder) {
        try {
            // the analyzer is never used: the index holds no text fields
            return new PassageVectors(new IndexFolder.Handle(dir, "vector index", () -> new IndexWriterConfig(new StandardAnalyzer()),
                    MODEL, embedder.name()), embedder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open vector index at " + dir, e);
        }
    }

    /**
     * The vectors a bot persisted in {@code dir}, read only, for a one-shot command beside it (no
     * embedding of the library, no lock); null when there are none of this model's.
     */
    public static PassageVectors openReadOnly(Path dir, Embedder embedder) {
        IndexFolder.Handle h = IndexFolder.Handle.readOnly(dir, "vector index", MODEL, embedder.name());
        return h == null ? null : new PassageVectors(h, embedder);
    }

    /** True when opened with {@link #openReadOnly}: nothing is embedded or written. */
    public boolean readOnly() {
        return handle.readOnly();
    }

    /** Episode id to the checksum its vectors were made from. */
    public Map<String, String> storedChecksums() throws IOException {
        return IndexFolder.checksums(handle.opened().searchers());
    }

    /**
     * Brings the vectors in line with {@code episodes}: drops those of removed or changed episodes
     * and embeds the missing ones, committing every few episodes. Stops between episodes once
     * {@code stop} says so (shutdown), keeping what it committed.
     */
    public synchronized Progress sync(Collection<Episode> episodes, BooleanSupplier stop) {
        return sync(episodes, stop, java.util.Set.of());
    }

    /** As {@link #sync(Collection, BooleanSupplier)}, keeping the vectors of {@code kept} although those episodes are not given. */
    public synchronized Progress sync(Collection<Episode> episodes, BooleanSupplier stop, java.util.Set<String> kept) {
        if (readOnly()) throw new IllegalStateException("the vector index was opened read-only");
        try {
            EpisodeChanges changes = EpisodeChanges.between(storedChecksums(), episodes, kept);
            changes.deleteStale(handle.opened().writer());
            int embedded = 0, passages = 0, sinceCommit = 0;
            boolean stopped = false;
            for (Episode e : changes.toWriteNewFirst()) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                List<Document> docs = documents(e, stop);
                if (docs == null) {
                    stopped = true;
                    break;
                }
                handle.opened().writer().addDocuments(docs);
                embedded++;
                passages += docs.size() - 1;
                if (++sinceCommit >= COMMIT_EVERY) {
                    commit();
                    sinceCommit = 0;
                }
            }
            commit();
            return new Progress(embedded, changes.removed(), changes.unchanged(), passages, stopped);
        } catch (IOException | RuntimeException e) {
            // what was committed stays; the rest is embedded again by the next sync
            handle.recover(e);
            throw handle.failure(e);
        }
    }

    /**
     * Merges the vector index into one segment, and returns how many there were (0: one already,
     * nothing to do). A question's closest passages are searched in every segment's HNSW graph,
     * and an index embedded a few episodes per commit holds a dozen segments at 101 episodes; one
     * graph answers a question with about a sixth less CPU there, and as well (BENCHMARKS.md, "One
     * graph per library"). Lucene starts the merged graph from the largest segment's when that one
     * has no deletions, so after a library grows by a few episodes only theirs are inserted, though
     * every vector is written again. Lucene builds a graph with no point at which to stop, so
     * closing meanwhile waits for the merge and keeps it; a process killed meanwhile loses only the
     * merge, which its next start makes again.
     */
    public synchronized int compact() {
        if (readOnly() || closed) return 0;
        int segments = read(s -> s.getIndexReader().leaves().size());
        if (segments <= 1) return 0;
        merging = true;
        try {
            handle.opened().writer().forceMerge(1);
            commit();
            return segments;
        } catch (IOException | RuntimeException e) {
            // closed meanwhile: close waited for the merge and committed it
            if (closed) return 0;
            handle.recover(e);
            throw handle.failure(e);
        } finally {
            merging = false;
        }
    }

    /** True while {@link #compact} merges: what a close waits for. */
    public boolean merging() {
        return merging;
    }

    private void commit() throws IOException {
        handle.opened().writer().commit();
        handle.opened().searchers().maybeRefreshBlocking();
    }

    /** An episode's documents, or null when {@code stop} turned true before all its passages were embedded. */
    private List<Document> documents(Episode e, BooleanSupplier stop) {
        List<Passages.Window> windows = Passages.of(e);
        List<float[]> vectors = new ArrayList<>(windows.size());
        // in chunks, so that shutdown waits for one chunk (a fraction of a second), not a whole episode
        for (int from = 0; from < windows.size(); from += CHUNK) {
            if (stop.getAsBoolean()) return null;
            List<String> texts = new ArrayList<>(CHUNK);
            for (Passages.Window w : windows.subList(from, Math.min(windows.size(), from + CHUNK))) texts.add(w.text());
            vectors.addAll(embedder.passages(texts));
        }
        return documents(e, windows, vectors);
    }

    /**
     * A vector index in memory holding {@code episodes} with the vectors {@code source} already has
     * for them, none embedded again: training ranks its questions in small libraries too (one
     * episode), as a user's first library is, without paying for the embeddings twice.
     */
    public static PassageVectors copyOf(PassageVectors source, Collection<Episode> episodes) {
        PassageVectors copy = open(null, source.embedder);
        try {
            Map<String, float[][]> vs = source.vectors(episodes);
            for (Episode e : episodes) {
                float[][] v = vs.get(e.id());
                if (v == null) continue;
                copy.handle.opened().writer().addDocuments(copy.documents(e, Passages.of(e), java.util.Arrays.asList(v)));
            }
            copy.commit();
            return copy;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private List<Document> documents(Episode e, List<Passages.Window> windows, List<float[]> vectors) {
        List<Document> docs = new ArrayList<>(windows.size() + 1);
        for (int i = 0; i < windows.size(); i++) {
            Document d = new Document();
            d.add(new StringField(Fields.TYPE, Fields.PASSAGE_TYPE, Field.Store.NO));
            d.add(new StringField(Fields.EPISODE, e.id(), Field.Store.YES));
            d.add(new StoredField(Fields.CHECKSUM, e.checksum()));
            d.add(new StoredField(Fields.FIRST, windows.get(i).first()));
            d.add(new StoredField(Fields.LAST, windows.get(i).last()));
            d.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            docs.add(d);
        }
        // last in the block: an episode counts as embedded only once all its passages are in
        Document ep = new Document();
        ep.add(new StringField(Fields.TYPE, Fields.EPISODE_TYPE, Field.Store.NO));
        ep.add(new StringField(Fields.EPISODE, e.id(), Field.Store.YES));
        ep.add(new StoredField(Fields.CHECKSUM, e.checksum()));
        docs.add(ep);
        return docs;
    }

    /**
     * Candidates kept while walking the HNSW graph, however few are asked for. Merged into one
     * graph ({@link #compact}), a walk keeping the 50 an answer asks for found 81% of the exact 50
     * closest passages of the bank's questions, against 90% when each of twelve segments was
     * walked for 50; keeping 100 finds 89%, and a topic's 30 for a quote come out as the exact
     * search's for all but 5 of 282 topics (9 with the twelve graphs). BENCHMARKS.md, "One graph
     * per library".
     */
    static final int GRAPH_BEAM = 100;

    /**
     * The {@code k} passages closest in meaning to {@code query} (an {@link Embedder#query} vector), best first, from the episodes
     * embedded so far; only from {@code episodes} when that is not empty.
     */
    public List<Similar> nearest(float[] query, int k, Set<String> episodes) {
        return read(s -> {
            if (s.getIndexReader().numDocs() == 0) return List.of();
            Query filter = null;
            if (!episodes.isEmpty()) {
                List<BytesRef> ids = new ArrayList<>();
                for (String id : episodes) ids.add(new BytesRef(id));
                filter = new TermInSetQuery(Fields.EPISODE, ids);
            }
            List<Similar> out = new ArrayList<>(k);
            StoredFields stored = s.storedFields();
            // the graph is walked keeping GRAPH_BEAM candidates (Lucene's k is its beam), and the best k are kept
            int beam = Math.max(k, GRAPH_BEAM);
            ScoreDoc[] found = s.search(new KnnFloatVectorQuery(VECTOR, query, beam, filter), beam).scoreDocs;
            for (ScoreDoc sd : java.util.Arrays.copyOf(found, Math.min(k, found.length))) {
                Document d = stored.document(sd.doc);
                // Lucene scores a dot product as (1 + cos) / 2; the cosine is the figure people know
                out.add(new Similar(d.get(Fields.EPISODE), d.get(Fields.CHECKSUM), d.getField(Fields.FIRST).numericValue().intValue(),
                        d.getField(Fields.LAST).numericValue().intValue(), 2 * sd.score - 1));
            }
            return out;
        });
    }

    /**
     * The cosine of {@code query} with every passage of each of {@code episodes}, in the order
     * {@link Passages#of} cuts it; an episode whose vectors are missing or stale (another checksum)
     * is left out. An episode's passages are added as one block before its episode record, so they
     * are read straight off the doc ids before that record, with no stored field per passage: about
     * 2 ms for 30 episodes. It lets the ranker see how close in meaning every candidate and its
     * neighbours are, not only the 50 passages the graph returned.
     */
    public Map<String, float[]> cosines(float[] query, Collection<Episode> episodes) {
        return cosines(query, episodes, e -> Passages.spans(e).size());
    }

    /** As {@link #cosines(float[], Collection)}, with each episode's passage count known to the caller (cut once, kept). */
    public Map<String, float[]> cosines(float[] query, Collection<Episode> episodes, java.util.function.ToIntFunction<Episode> passages) {
        if (query == null) return new java.util.HashMap<>();
        QuestionDots dots = new QuestionDots(query);
        Map<String, float[]> out = perPassage(episodes, passages, float[]::new, dots::put);
        dots.flush();
        return out;
    }

    /**
     * The vector of every passage of each of {@code episodes}, in the order {@link Passages#of}
     * cuts it; an episode whose vectors are missing or stale is left out. Read straight off the doc
     * ids before each episode's record, as {@link #cosines} does.
     */
    public Map<String, float[][]> vectors(Collection<Episode> episodes) {
        return perPassage(episodes, e -> Passages.spans(e).size(), float[][]::new, (vs, k, v) -> vs[k] = v.clone());
    }

    /** Where passage {@code k}'s vector goes; {@code vector} is Lucene's buffer, valid only during the call. */
    @FunctionalInterface
    private interface Put<T> {
        void at(T into, int k, float[] vector) throws IOException;
    }

    /** Per episode, a {@code make(passages)} filled by {@code put} with each passage's vector in order. */
    private <T> Map<String, T> perPassage(Collection<Episode> episodes, java.util.function.ToIntFunction<Episode> passages,
                                          java.util.function.IntFunction<T> make, Put<T> put) {
        Map<String, T> out = new java.util.HashMap<>();
        if (episodes.isEmpty()) return out;
        read(s -> {
            Records known = records;
            if (known == null || known.reader() != s.getIndexReader()) {
                known = new Records(s.getIndexReader(), new java.util.concurrent.ConcurrentHashMap<>());
                records = known;
            }
            for (Episode e : episodes) {
                String key = e.id() + '\n' + e.checksum();
                Integer found = known.byEpisode().get(key);
                if (found == null) {
                    found = recordOf(s, e);
                    known.byEpisode().put(key, found);
                }
                int record = found;
                if (record < 0) continue;
                int n = passages.applyAsInt(e);
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(record, leaves));
                int local = record - leaf.docBase;
                if (local - n < 0) continue;
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) continue;
                T into = make.apply(n);
                int k = 0;
                for (int d = values.advance(local - n); d != DocIdSetIterator.NO_MORE_DOCS && d < local; d = values.nextDoc()) {
                    int at = d - (local - n);
                    if (at >= 0 && at < n) put.at(into, at, values.vectorValue());
                    k++;
                }
                if (k == n) out.put(e.id(), into);
            }
            return null;
        });
        return out;
    }

    /** The document of the episode's record in {@code s}, or -1 when it has none or one of another text. */
    private static int recordOf(org.apache.lucene.search.IndexSearcher s, Episode e) throws IOException {
        org.apache.lucene.search.BooleanQuery.Builder b = new org.apache.lucene.search.BooleanQuery.Builder();
        b.add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(Fields.EPISODE, e.id())),
                org.apache.lucene.search.BooleanClause.Occur.FILTER);
        b.add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(Fields.TYPE, Fields.EPISODE_TYPE)),
                org.apache.lucene.search.BooleanClause.Occur.FILTER);
        ScoreDoc[] hits = s.search(b.build(), 1).scoreDocs;
        if (hits.length == 0) return -1;
        int record = hits[0].doc;
        return e.checksum().equals(s.storedFields().document(record).get(Fields.CHECKSUM)) ? record : -1;
    }

    /**
     * As {@link #nearest}, by comparing the query with every passage instead of walking the HNSW
     * graph. The graph's answer depends on how segments happened to be flushed and merged, which
     * varies with timing; training needs the same candidates every run, so that {@code quotecast
     * train} makes the same model twice; for the same reason ties are broken by episode and position,
     * never by document number. About 10 ms at 100 episodes: for training, not for serving.
     */
    public List<Similar> nearestExact(float[] query, int k, Set<String> episodes) {
        return read(s -> {
            record Scored(int doc, float score) {}
            Query filter = null;
            if (!episodes.isEmpty()) {
                List<BytesRef> ids = new ArrayList<>();
                for (String id : episodes) ids.add(new BytesRef(id));
                filter = new TermInSetQuery(Fields.EPISODE, ids);
            }
            org.apache.lucene.search.Weight allowed = filter == null ? null
                    : s.createWeight(s.rewrite(filter), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
            List<Scored> all = new ArrayList<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                org.apache.lucene.util.FixedBitSet ok = null;
                if (allowed != null) {
                    ok = new org.apache.lucene.util.FixedBitSet(leaf.reader().maxDoc());
                    org.apache.lucene.search.Scorer sc = allowed.scorer(leaf);
                    if (sc != null) ok.or(sc.iterator());
                }
                for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                    if ((live != null && !live.get(d)) || (ok != null && !ok.get(d))) continue;
                    all.add(new Scored(leaf.docBase + d, org.apache.lucene.util.VectorUtil.dotProduct(query, values.vectorValue())));
                }
            }
            all.sort(java.util.Comparator.comparingDouble(Scored::score).reversed());
            // every passage that ties with the k-th (a repeated "Yeah." has the same vector wherever it is),
            // ordered by episode and position rather than by document number, which depends on merges
            int end = Math.min(k, all.size());
            while (end > 0 && end < all.size() && all.get(end).score() == all.get(end - 1).score()) end++;
            List<Similar> out = new ArrayList<>(end);
            StoredFields stored = s.storedFields();
            for (Scored sd : all.subList(0, end)) {
                Document d = stored.document(sd.doc());
                out.add(new Similar(d.get(Fields.EPISODE), d.get(Fields.CHECKSUM), d.getField(Fields.FIRST).numericValue().intValue(),
                        d.getField(Fields.LAST).numericValue().intValue(), sd.score()));
            }
            out.sort(java.util.Comparator.comparingDouble(Similar::similarity).reversed()
                    .thenComparing(Similar::episodeId).thenComparingInt(Similar::first));
            if (out.size() > k) out = new ArrayList<>(out.subList(0, k));
            return out;
        });
    }

    /**
     * True while no passage has been embedded yet: a question then has nothing to be compared with.
     * Cheaper than {@link #passageCount()}, for every question.
     */
    public boolean isEmpty() {
        return read(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values != null && values.size() > 0 && leaf.reader().numDocs() > 0) return false;
            }
            return true;
        });
    }

    /**
     * Passages embedded so far. Vectors of a changed or removed episode are deleted, but stay in
     * their segment until Lucene merges it; they are not counted.
     */
    public int passageCount() {
        return read(s -> {
            int n = 0;
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                if (live == null) {
                    n += values.size();
                    continue;
                }
                for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                    if (live.get(d)) n++;
                }
            }
            return n;
        });
    }

    private <T> T read(IndexFolder.Reading<T> reading) {
        try {
            return IndexFolder.read(handle.opened().searchers(), reading);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Embedder embedder() {
        return embedder;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        handle.close();
    }
}
