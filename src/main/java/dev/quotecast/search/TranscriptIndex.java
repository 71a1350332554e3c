package dev.quotecast.search;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of passages (windows of consecutive sentences) and episodes.
 *
 * <p>Persisted under a folder when one is given, otherwise in memory. {@link #sync} brings it in
 * line with a set of episodes by checksum: only added, changed or removed episodes are touched, so a
 * restart with unchanged transcripts re-analyses nothing. An index written by another analysis
 * version, or one Lucene cannot read, is rebuilt from the transcripts.
 */
public final class TranscriptIndex implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TranscriptIndex.class);

    /** Bump when analysis or document layout changes: older indexes are rebuilt. */
    static final String FORMAT = "quotecast-index-4";


    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzers analyzers;

    /** What a sync changed. */
    public record SyncReport(int added, int updated, int removed, int unchanged, boolean rebuilt) {
        public boolean changed() {
            return added + updated + removed > 0;
        }
    }

    private TranscriptIndex(Directory directory, IndexWriter writer, Analyzers analyzers) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.analyzers = analyzers;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens (or creates) the index in {@code dir}, or in memory when {@code dir} is null. */
    public static TranscriptIndex open(Path dir, Analyzers analyzers) {
        try {
            if (dir == null) {
                ByteBuffersDirectory memory = new ByteBuffersDirectory();
                return new TranscriptIndex(memory, newWriter(memory, analyzers, true), analyzers);
            }
            Files.createDirectories(dir);
            FSDirectory fs = FSDirectory.open(dir);
            boolean fresh = !DirectoryReader.indexExists(fs) || !FORMAT.equals(formatOf(fs));
            if (fresh && DirectoryReader.indexExists(fs)) log.info("index at {} has another format; rebuilding", dir);
            TranscriptIndex opened = null;
            try {
                opened = new TranscriptIndex(fs, newWriter(fs, analyzers, fresh), analyzers);
                return opened.selfCheck();
            } catch (LockObtainFailedException inUse) {
                // another bot writes here: its index is fine, and wiping it would break that bot
                fs.close();
                throw new IllegalStateException("the index folder " + dir + " is in use by another running Quotecast"
                        + " (Lucene's write.lock is held); give each instance its own index.dir", inUse);
            } catch (IOException | RuntimeException corrupt) {
                log.warn("index at {} cannot be read ({}); rebuilding it from the transcripts", dir, corrupt.toString());
                if (opened != null) opened.abandon(); // releases write.lock, commits nothing
                fs.close();
                wipe(dir);
                FSDirectory again = FSDirectory.open(dir);
                return new TranscriptIndex(again, newWriter(again, analyzers, true), analyzers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index at " + dir, e);
        }
    }

    /**
     * Verifies every file's checksum and reads every stored episode record once, so that a torn or
     * bit-rotted index fails here (and is rebuilt) rather than at some later query. Lucene checks
     * only headers and footers when it opens an index: one flipped byte inside a compound file
     * would otherwise go unnoticed until a query reads it. Reading the index once costs a few
     * milliseconds per megabyte.
     */
    private TranscriptIndex selfCheck() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) leaf.reader().checkIntegrity();
        } finally {
            searchers.release(s);
        }
        storedChecksums();
        return this;
    }

    private static IndexWriter newWriter(Directory d, Analyzers analyzers, boolean create) throws IOException {
        IndexWriterConfig cfg = new IndexWriterConfig(analyzers.index())
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(true);
        IndexWriter w = new IndexWriter(d, cfg);
        w.setLiveCommitData(Map.of("format", FORMAT).entrySet());
        if (create) w.commit();
        return w;
    }

    private static String formatOf(Directory d) throws IOException {
        try {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(d).getUserData().get("format");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.deleteIfExists(p);
            }
        }
    }

    /** Episode id to checksum, for everything the index holds. */
    public Map<String, String> storedChecksums() throws IOException {
        Map<String, String> out = new HashMap<>();
        IndexSearcher s = searchers.acquire();
        try {
            TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE));
            int n = Math.max(1, s.count(q));
            StoredFields stored = s.storedFields();
            for (ScoreDoc d : s.search(q, n).scoreDocs) {
                Document doc = stored.document(d.doc);
                out.put(doc.get(Fields.EPISODE), doc.get(Fields.CHECKSUM));
            }
        } finally {
            searchers.release(s);
        }
        return out;
    }

    /**
     * Makes the index hold exactly {@code episodes}: adds new ones, re-indexes those whose checksum
     * changed, removes those no longer present. Commits and refreshes searchers when anything changed.
     */
    public synchronized SyncReport sync(Collection<Episode> episodes) {
        try {
            Map<String, String> stored = storedChecksums();
            Set<String> present = new HashSet<>();
            int added = 0, updated = 0, unchanged = 0, removed = 0;
            List<Episode> toIndex = new ArrayList<>();
            for (Episode e : episodes) {
                present.add(e.id());
                String old = stored.get(e.id());
                if (e.checksum().equals(old)) {
                    unchanged++;
                    continue;
                }
                if (old != null) {
                    // a delete by term touches only documents added before it, so it goes first
                    writer.deleteDocuments(new Term(Fields.EPISODE, e.id()));
                    updated++;
                } else {
                    added++;
                }
                toIndex.add(e);
            }
            // IndexWriter takes documents from several threads at once: analysis is the cost of a
            // cold build, and this spreads it over the cores
            toIndex.parallelStream().forEach(e -> {
                try {
                    writer.addDocuments(documents(e));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            for (String id : stored.keySet()) {
                if (!present.contains(id)) {
                    writer.deleteDocuments(new Term(Fields.EPISODE, id));
                    removed++;
                }
            }
            if (added + updated + removed > 0) {
                writer.commit();
                searchers.maybeRefreshBlocking();
            }
            return new SyncReport(added, updated, removed, unchanged, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return searchers;
    }

    public Analyzers analyzers() {
        return analyzers;
    }

    /** Bytes the index occupies on disk (0 in memory). */
    public long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            try {
                total += directory.fileLength(f);
            } catch (IOException ignored) {
                // a file merged away between list and length
            }
        }
        return total;
    }

    /** Lets go of an index found damaged: no commit, the lock released, errors ignored (it is about to be wiped). */
    private void abandon() {
        try {
            searchers.close();
        } catch (IOException | RuntimeException ignored) {
            // damaged anyway
        }
        try {
            writer.rollback();
        } catch (IOException | RuntimeException ignored) {
            // damaged anyway
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
