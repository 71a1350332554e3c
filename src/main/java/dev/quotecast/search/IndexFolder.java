package dev.quotecast.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
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
 * How both indexes ({@link TranscriptIndex}, {@link PassageVectors}) open their folder. Both hold
 * only what can be made again from the transcripts, so the policy is the same: in memory when
 * there is no folder; a fresh index when the folder is empty or was written by another version
 * (a commit user-data value: the analysis format, the embedding model); a wipe and a fresh index
 * when Lucene cannot read it or any file's checksum is wrong; and never a wipe of a folder that
 * another running Quotecast holds.
 */
final class IndexFolder {

    private static final Logger log = LoggerFactory.getLogger(IndexFolder.class);

    private IndexFolder() {}

    /** A read of the index through one searcher, which is released after it. */
    @FunctionalInterface
    interface Reading<T> {
        T from(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code reading} on the latest view of {@code searchers}, and releases it. */
    static <T> T read(SearcherManager searchers, Reading<T> reading) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return reading.from(s);
        } finally {
            searchers.release(s);
        }
    }

    /** An open index: its directory, its writer, and searchers that see what the writer commits. */
    record Opened(Directory directory, IndexWriter writer, SearcherManager searchers) {
        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
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
    }

    /**
     * Opens (or creates) the index in {@code dir}, or in memory when {@code dir} is null.
     *
     * @param what names the index in messages ("index", "vector index")
     * @param config a new writer configuration (its open mode is set here)
     * @param versionKey, version the commit user data that must match, or the index starts over
     */
    static Opened open(Path dir, String what, Supplier<IndexWriterConfig> config, String versionKey, String version) throws IOException {
        if (dir == null) return writable(new ByteBuffersDirectory(), config, versionKey, version, true);
        Files.createDirectories(dir);
        FSDirectory fs = FSDirectory.open(dir);
        boolean exists = DirectoryReader.indexExists(fs);
        String found = exists ? userData(fs, versionKey) : null;
        boolean fresh = !version.equals(found);
        if (fresh && exists) log.info("{} at {} was written with {} {}, not {}; rebuilding", what, dir, versionKey, found, version);
        Opened opened = null;
        try {
            opened = writable(fs, config, versionKey, version, fresh);
            verify(opened.searchers());
            return opened;
        } catch (LockObtainFailedException inUse) {
            // another bot writes here: its index is fine, and wiping it would break that bot
            fs.close();
            throw new IllegalStateException("the " + what + " folder " + dir + " is in use by another running Quotecast"
                    + " (Lucene's write.lock is held); give each instance its own index.dir", inUse);
        } catch (IOException | RuntimeException corrupt) {
            log.warn("{} at {} cannot be read ({}); rebuilding it from the transcripts", what, dir, corrupt.toString());
            if (opened != null) opened.abandon(); // releases write.lock, commits nothing
            fs.close();
            wipe(dir);
            return writable(FSDirectory.open(dir), config, versionKey, version, true);
        }
    }

    private static Opened writable(Directory d, Supplier<IndexWriterConfig> config, String versionKey, String version, boolean create)
            throws IOException {
        IndexWriter w = new IndexWriter(d, config.get()
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND));
        try {
            // every later commit carries it
            w.setLiveCommitData(Map.of(versionKey, version).entrySet());
            if (create) w.commit();
            return new Opened(d, w, new SearcherManager(w, null));
        } catch (IOException | RuntimeException e) {
            w.rollback();
            throw e;
        }
    }

    /** The version a committed index was written with, or null when it cannot be read. */
    private static String userData(Directory d, String key) {
        try {
            return SegmentInfos.readLatestCommit(d).getUserData().get(key);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Verifies every file's checksum and reads every stored episode record once, so that a torn or
     * bit-rotted index fails here (and is rebuilt) rather than at some later query. Lucene checks
     * only headers and footers when it opens an index: one flipped byte inside a compound file
     * would otherwise go unnoticed until a query reads it. Reading the index once costs a few
     * milliseconds per megabyte.
     */
    private static void verify(SearcherManager searchers) throws IOException {
        read(searchers, s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) leaf.reader().checkIntegrity();
            return null;
        });
        checksums(searchers);
    }

    /**
     * Episode id to checksum, from the episode records ({@link Fields#TYPE} {@link Fields#EPISODE_TYPE})
     * both indexes keep: what the index was built from.
     */
    static Map<String, String> checksums(SearcherManager searchers) throws IOException {
        return read(searchers, s -> {
            Map<String, String> out = new HashMap<>();
            TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE));
            int n = Math.max(1, s.count(q));
            StoredFields stored = s.storedFields();
            for (ScoreDoc d : s.search(q, n).scoreDocs) {
                Document doc = stored.document(d.doc);
                out.put(doc.get(Fields.EPISODE), doc.get(Fields.CHECKSUM));
            }
            return out;
        });
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.deleteIfExists(p);
            }
        }
    }
}
