package dev.quotecast.search;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import dev.quotecast.transcript.Spread;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.search.SearcherManager;

/**
 * The Lucene index of passages (windows of consecutive sentences) and episodes.
 *
 * <p>Persisted under a folder when one is given, otherwise in memory. {@link #sync} brings it in
 * line with a set of episodes by checksum: only added, changed or removed episodes are touched, so a
 * restart with unchanged transcripts re-analyses nothing. An index written by another analysis
 * version, or one Lucene cannot read, is rebuilt from the transcripts.
 */
public final class TranscriptIndex implements Closeable {

    /** Bump when analysis or document layout changes: older indexes are rebuilt. */
    static final String FORMAT = "quotecast-index-5"; // 5: the intro of "And now, dear friends, here's…" episodes in the about field

    private final IndexFolder.Handle handle;
    private final Analyzers analyzers;
    private final Spread spread;

    /** What a sync changed. */
    public record SyncReport(int added, int updated, int removed, int unchanged, boolean rebuilt) {
        public boolean changed() {
            return added + updated + removed > 0;
        }
    }

    private TranscriptIndex(IndexFolder.Handle handle, Analyzers analyzers, Spread spread) {
        this.handle = handle;
        this.analyzers = analyzers;
        this.spread = spread;
    }

    /**
     * Opens (or creates) the index in {@code dir}, or in memory when {@code dir} is null; one of
     * another {@link #FORMAT}, or one that is torn or bit-rotted, is rebuilt ({@link IndexFolder}).
     */
    public static TranscriptIndex open(Path dir, Analyzers analyzers) {
        return open(dir, analyzers, new Spread());
    }

    /** As {@link #open(Path, Analyzers)}, indexing episodes on {@code spread}'s workers (one worker: one segment per sync). */
    static TranscriptIndex open(Path dir, Analyzers analyzers, Spread spread) {
        try {
            // merges of neighbouring segments only: documents keep the order they were added in, so
            // hits of equal score come out in the same order however merges were timed (the tiered
            // policy merges any segments, and which ones depends on background merge threads)
            return new TranscriptIndex(new IndexFolder.Handle(dir, "index",
                    () -> new IndexWriterConfig(analyzers.index()).setRAMBufferSizeMB(64).setCommitOnClose(true)
                            .setMergePolicy(new LogByteSizeMergePolicy()), "format", FORMAT), analyzers, spread);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index at " + dir, e);
        }
    }

    /**
     * For each of {@code sources}, the episodes the index holds that were read from it: from the
     * file itself, or from a file in the folder. What a folder that cannot be listed, or a file that
     * cannot be read, held when they last could be.
     */
    public Map<Path, Set<String>> episodesReadFrom(Collection<Path> sources) throws IOException {
        Map<Path, Set<String>> out = new java.util.LinkedHashMap<>();
        Map<Path, Path> byNormal = new java.util.HashMap<>();
        for (Path p : sources) {
            out.put(p, new java.util.TreeSet<>());
            byNormal.put(p.toAbsolutePath().normalize(), p);
        }
        if (sources.isEmpty()) return out;
        for (Map.Entry<String, String> e : IndexFolder.stored(handle.opened().searchers(), Fields.FILE).entrySet()) {
            Path file = Path.of(e.getValue()).toAbsolutePath().normalize();
            for (Path candidate : new Path[] {file, file.getParent()}) {
                Path source = candidate == null ? null : byNormal.get(candidate);
                if (source != null) out.get(source).add(e.getKey());
            }
        }
        return out;
    }

    /** Episode id to checksum, for everything the index holds. */
    public Map<String, String> storedChecksums() throws IOException {
        return IndexFolder.checksums(handle.opened().searchers());
    }

    /**
     * Makes the index hold exactly {@code episodes}: adds new ones, re-indexes those whose checksum
     * changed, removes those no longer present, and merges away deleted documents. Commits and
     * refreshes searchers when anything changed.
     */
    public synchronized SyncReport sync(Collection<Episode> episodes) {
        return sync(episodes, Set.of());
    }

    /** As {@link #sync(Collection)}, leaving the episodes of {@code kept} as they are although they are not among {@code episodes}. */
    public synchronized SyncReport sync(Collection<Episode> episodes, Set<String> kept) {
        try {
            IndexFolder.Opened opened = handle.opened();
            EpisodeChanges changes = EpisodeChanges.between(storedChecksums(), episodes, kept);
            changes.deleteStale(opened.writer());
            // IndexWriter takes documents from several threads at once: analysis is the cost of a
            // cold build, and this spreads it over the cores, one episode at a time
            spread.forEach(changes.toWrite(), e -> {
                try {
                    opened.writer().addDocuments(documents(e));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            if (!changes.toWrite().isEmpty()) {
                // each indexing thread's buffer written to its segment on a core of its own: left to
                // commit, one thread wrote them all while the other cores idled (a tenth of a cold
                // build at 1,000 episodes in a JFR profile, issue 20)
                spread.forEach(spread.perWorker(), w -> {
                    try {
                        opened.writer().flushNextBuffer();
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
            SyncReport report = new SyncReport(changes.added(), changes.updated(), changes.removed(), changes.unchanged(), false);
            // BM25's statistics count a deleted document until its segment is merged: without this, a
            // library that lost or changed episodes ranked differently from a fresh index of the same
            // ones (an index an older version left with deletions is purged at its next start too)
            boolean purge = opened.writer().hasDeletions();
            if (purge) opened.writer().forceMergeDeletes(true);
            if (report.changed() || purge) {
                opened.writer().commit();
                opened.searchers().maybeRefreshBlocking();
            }
            return report;
        } catch (IOException | RuntimeException e) {
            // half a change must not be committed by the next sync, nor a closed writer fail every later one
            handle.recover(e);
            throw handle.failure(e);
        }
    }

    private List<Document> documents(Episode e) {
        List<Document> docs = new ArrayList<>();
        Document ep = new Document();
        ep.add(new StringField(Fields.TYPE, Fields.EPISODE_TYPE, Field.Store.NO));
        ep.add(new StringField(Fields.EPISODE, e.id(), Field.Store.YES));
        ep.add(new StringField(Fields.CHECKSUM, e.checksum(), Field.Store.YES));
        ep.add(new StoredField(Fields.FILE, String.valueOf(e.source())));
        ep.add(new TextField(Fields.TITLE, e.title().full() + " " + e.id().replace('-', ' '), Field.Store.NO));
        if (e.title().guest() != null) ep.add(new TextField(Fields.GUEST, e.title().guest(), Field.Store.NO));
        ep.add(new TextField(Fields.ABOUT, e.title().full() + " " + introduction(e), Field.Store.NO));
        docs.add(ep);
        for (Passages.Window w : Passages.of(e)) {
            Document d = new Document();
            d.add(new StringField(Fields.TYPE, Fields.PASSAGE_TYPE, Field.Store.NO));
            d.add(new StringField(Fields.EPISODE, e.id(), Field.Store.YES));
            d.add(new StoredField(Fields.FIRST, w.first()));
            d.add(new StoredField(Fields.LAST, w.last()));
            d.add(new TextField(Fields.TEXT, w.text(), Field.Store.NO));
            docs.add(d);
        }
        return docs;
    }

    /** Sentences that introduce the episode: the host's intro, or the opening when none is marked. */
    public static String introduction(Episode e) {
        StringBuilder sb = new StringBuilder();
        List<Sentence> ss = e.sentences();
        boolean marked = false;
        for (int i = 0; i < ss.size() && i < INTRO_SENTENCES * 4; i++) {
            if (ss.get(i).role() == Sentence.Role.INTRO) {
                marked = true;
                sb.append(ss.get(i).text()).append(' ');
            }
        }
        if (!marked) {
            for (int i = 0; i < ss.size() && i < INTRO_SENTENCES; i++) {
                if (ss.get(i).role() != Sentence.Role.SPONSOR) sb.append(ss.get(i).text()).append(' ');
            }
        }
        return sb.toString();
    }

    /** Opening sentences read as the introduction when the transcript marks none. */
    static final int INTRO_SENTENCES = 6;

    SearcherManager searchers() {
        return handle.opened().searchers();
    }

    public Analyzers analyzers() {
        return analyzers;
    }

    /** Bytes the index occupies on disk (0 in memory). */
    public long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : handle.opened().directory().listAll()) {
            try {
                total += handle.opened().directory().fileLength(f);
            } catch (IOException ignored) {
                // a file merged away between list and length
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }
}
