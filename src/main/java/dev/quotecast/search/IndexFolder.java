package dev.quotecast.search;

import dev.quotecast.config.OwnedFolders;
import dev.quotecast.transcript.Text;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
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

    /** An open index: its directory, its writer (null when opened read-only), and searchers that see what the writer commits. */
    record Opened(Directory directory, IndexWriter writer, SearcherManager searchers) {
        void close() throws IOException {
            searchers.close();
            if (writer != null) writer.close();
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
                if (writer != null) writer.rollback();
            } catch (IOException | RuntimeException ignored) {
                // damaged anyway
            }
        }
    }

    /**
     * An index kept open for writing, which can be opened again from its last commit after a write
     * failed. A failed write (a full disk, most often) may leave Lucene's writer closed for good,
     * or holding half a change; without a fresh writer every later sync would fail with "this
     * IndexWriter is closed" long after the disk has room again.
     */
    static final class Handle {
        private final Path dir;
        private final String what;
        private final Supplier<IndexWriterConfig> config;
        private final String versionKey;
        private final String version;
        private volatile Opened opened;

        Handle(Path dir, String what, Supplier<IndexWriterConfig> config, String versionKey, String version) throws IOException {
            this(dir, what, config, versionKey, version, open(dir, what, config, versionKey, version));
        }

        private Handle(Path dir, String what, Supplier<IndexWriterConfig> config, String versionKey, String version, Opened opened) {
            this.dir = dir;
            this.what = what;
            this.config = config;
            this.versionKey = versionKey;
            this.version = version;
            this.opened = opened;
        }

        /**
         * The committed index in {@code dir}, for reading only: no lock is taken, so a one-shot command
         * reads it beside the running bot that writes it. Null when there is none, or it was written
         * by another version, or it cannot be read: the caller then builds its own in memory.
         */
        static Handle readOnly(Path dir, String what, String versionKey, String version) {
            if (dir == null || !Files.isDirectory(dir)) return null;
            FSDirectory fs = null;
            try {
                fs = FSDirectory.open(dir);
                if (!DirectoryReader.indexExists(fs) || !version.equals(userData(fs, versionKey))) {
                    fs.close();
                    return null;
                }
                return new Handle(dir, what, null, versionKey, version, new Opened(fs, null, new SearcherManager(fs, null)));
            } catch (IOException | RuntimeException e) {
                log.debug("{} at {} cannot be read ({}); building one in memory", what, dir, e.toString());
                try {
                    if (fs != null) fs.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
                return null;
            }
        }

        boolean readOnly() {
            return opened.writer() == null;
        }

        Opened opened() {
            return opened;
        }

        /**
         * Drops what the writer holds since its last commit and opens it again on that commit. Readers
         * already handed out keep their view. When the folder cannot be opened yet (the disk still
         * full), the broken writer stays, and the next failure tries again.
         */
        synchronized void recover(Throwable cause) {
            if (readOnly()) return;
            Opened broken = opened;
            log.warn("writing the {} failed ({}); reopening it from its last commit", what, cause.toString());
            broken.abandon();
            try {
                if (dir == null) {
                    boolean exists = DirectoryReader.indexExists(broken.directory());
                    opened = writable(broken.directory(), config, versionKey, version, !exists);
                } else {
                    broken.directory().close();
                    opened = open(dir, what, config, versionKey, version);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("the {} cannot be reopened yet ({}); the next change tries again", what, e.toString());
            }
        }

        void close() throws IOException {
            opened.close();
        }

        /** What a failed write tells the caller: damage is rebuilt at the next start; anything else is named. */
        RuntimeException failure(Throwable e) {
            if (dir != null && !isDamage(e)) return unavailable(what, dir, e);
            return e instanceof RuntimeException r ? r : new java.io.UncheckedIOException(new IOException(e));
        }
    }

    /**
     * The file that marks a folder as one Quotecast made for an index: only a folder that holds it
     * is ever cleaned, and only of the files Lucene writes.
     */
    static final String MARKER = ".quotecast-index";
    private static final String MARKER_TEXT = """
            This folder holds an index that Quotecast rebuilds from the transcripts whenever it needs to.
            Quotecast may delete the Lucene files in it (segments_N, _*.*, write.lock). Keep nothing else here.
            """;

    /**
     * Opens (or creates) the index in {@code dir}, or in memory when {@code dir} is null.
     *
     * @param what names the index in messages ("index", "vector index")
     * @param config a new writer configuration (its open mode is set here)
     * @param versionKey, version the commit user data that must match, or the index starts over
     * @throws IndexUnavailableException when the folder is not Quotecast's, or cannot be read or written for a
     *     reason other than damage (permissions, a full disk): nothing in it is touched
     */
    static Opened open(Path dir, String what, Supplier<IndexWriterConfig> config, String versionKey, String version) throws IOException {
        if (dir == null) return writable(new ByteBuffersDirectory(), config, versionKey, version, true);
        claim(dir, what);
        FSDirectory fs = FSDirectory.open(dir);
        boolean exists;
        String found;
        try {
            exists = DirectoryReader.indexExists(fs);
            found = exists ? userData(fs, versionKey) : null;
        } catch (IOException e) {
            fs.close();
            throw unavailable(what, dir, e);
        }
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
            throw new IndexUnavailableException("the " + what + " folder " + dir + " is in use by another running Quotecast"
                    + " (Lucene's write.lock is held); give each instance its own index.dir", inUse);
        } catch (IOException | RuntimeException e) {
            if (opened != null) opened.abandon(); // releases write.lock, commits nothing
            fs.close();
            if (!isDamage(e)) throw unavailable(what, dir, e);
            log.warn("{} at {} is damaged ({}); rebuilding it from the transcripts", what, dir, e.toString());
            cleanLuceneFiles(dir);
            try {
                return writable(FSDirectory.open(dir), config, versionKey, version, true);
            } catch (IOException | RuntimeException again) {
                throw unavailable(what, dir, again);
            }
        }
    }

    /**
     * Makes sure {@code dir} is a folder Quotecast owns: creates it with the marker, adopts an index
     * written before markers existed (Lucene's files and nothing else), and refuses anything else
     * that is not empty, since Lucene deletes every unreferenced {@code _*} file in the folder it writes.
     */
    static void claim(Path dir, String what) {
        try {
            if (Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) return;
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IndexUnavailableException("the " + what + " folder " + dir + " is a file, not a folder; point index.dir at a new folder");
            }
            Files.createDirectories(dir);
            // with no index in it, even files named like Lucene's (_intro.txt) are someone else's
            boolean index = luceneIndexIn(dir);
            List<String> foreign = OwnedFolders.foreignNames(dir, n -> n.equals(IndexWriter.WRITE_LOCK_NAME) || (index && isLuceneFile(n)));
            if (!foreign.isEmpty()) {
                String example = foreign.get(0) + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "");
                throw new IndexUnavailableException("the " + what + " folder " + dir + " holds files Quotecast did not write (" + Text.escape(example)
                        + "); Quotecast cleans its index folders, so point index.dir at an empty or new folder");
            }
            Files.writeString(dir.resolve(MARKER), MARKER_TEXT);
        } catch (IOException e) {
            throw unavailable(what, dir, e);
        }
    }

    private static boolean luceneIndexIn(Path dir) throws IOException {
        try (FSDirectory fs = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(fs);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Names Lucene gives its files: {@code segments_N}, {@code pending_segments_N}, {@code _0.cfs}, {@code write.lock}. */
    static boolean isLuceneFile(String name) {
        return name.equals(IndexWriter.WRITE_LOCK_NAME) || name.startsWith(IndexFileNames.SEGMENTS)
                || name.startsWith(IndexFileNames.PENDING_SEGMENTS) || IndexFileNames.CODEC_FILE_PATTERN.matcher(name).matches()
                || name.startsWith("extra"); // Lucene's test-only ExtrasFS files never appear in production; harmless here
    }

    /**
     * Damage that a rebuild repairs: a checksum that does not match, a truncated or missing file, a
     * format this Lucene cannot read. Anything else (permission denied, no space left, an I/O error of
     * the device) would only fail again, and wiping the folder on it would lose a good index.
     */
    static boolean isDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptIndexException || t instanceof IndexFormatTooOldException || t instanceof IndexFormatTooNewException
                    || t instanceof IndexNotFoundException || t instanceof EOFException || t instanceof NoSuchFileException
                    || t instanceof FileNotFoundException) {
                return true;
            }
            if (t instanceof AccessDeniedException || t instanceof FileSystemException) return false;
        }
        return false;
    }

    private static IndexUnavailableException unavailable(String what, Path dir, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String reason = root instanceof AccessDeniedException ? "permission denied"
                : root.getMessage() != null && root.getMessage().contains("No space left") ? "no space left on the device"
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new IndexUnavailableException("the " + what + " folder " + dir + " cannot be written (" + Text.escape(reason)
                + "); it was left as it is. Free space or fix its permissions, or point index.dir elsewhere", e);
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
        return stored(searchers, Fields.CHECKSUM);
    }

    /** Episode id to the value of one stored field of its episode document, for every episode held. */
    static Map<String, String> stored(SearcherManager searchers, String field) throws IOException {
        return read(searchers, s -> {
            Map<String, String> out = new HashMap<>();
            TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.EPISODE_TYPE));
            int n = Math.max(1, s.count(q));
            StoredFields stored = s.storedFields();
            for (ScoreDoc d : s.search(q, n).scoreDocs) {
                Document doc = stored.document(d.doc);
                out.put(doc.get(Fields.EPISODE), doc.get(field));
            }
            return out;
        });
    }

    /**
     * Deletes the files Lucene wrote in a folder Quotecast owns (it holds {@link #MARKER}): nothing
     * else, and nothing in sub-folders, whatever they are named.
     */
    static void cleanLuceneFiles(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            throw new IndexUnavailableException("refusing to clean " + dir + ": it has no " + MARKER + " file, so it is not a folder Quotecast made");
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (isLuceneFile(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
            }
        }
    }
}
