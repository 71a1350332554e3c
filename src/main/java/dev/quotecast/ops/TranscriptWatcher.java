package dev.quotecast.ops;

import dev.quotecast.transcript.Text;
import dev.quotecast.transcript.TranscriptFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the transcript folders (every transcript format, sidecar {@code .meta.yml} and
 * {@code show.yml}: see {@link TranscriptFiles#isTranscriptName}) and asks for a reload once they
 * have been quiet for a moment.
 * Editors and copy tools write a file in several steps (create, write, write, rename); waiting
 * for a quiet period turns those into one reload of the files touched, instead of several reloads
 * of half-written text. Under a steady stream of writes a reload still happens every
 * {@code 5 × quiet}, so changes are never postponed forever.
 *
 * <p>A watch follows a folder, not its name: after {@code rm -rf tr; cp -r new tr} or
 * {@code mv tr tr.old; mv tr.new tr} it would keep watching the old folder (or nothing) for good.
 * So every {@link #CHECK_EVERY} the watcher also looks up what each configured name is now, and
 * when that changed it watches the new folder and asks for a full reload. A reload that fails (a
 * full disk) is tried again on its own, with a growing pause, until one succeeds: no file event
 * may ever come to trigger it.
 */
public final class TranscriptWatcher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TranscriptWatcher.class);

    /** How often the configured names are looked up again, and a failed reload is due for a retry. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** First and longest pause before a failed reload is tried again. */
    static final Duration RETRY_FIRST = Duration.ofSeconds(2), RETRY_MOST = Duration.ofMinutes(2);

    /** One configured folder: its name, the folder it names as last seen, and the watch on it. */
    private static final class Watched {
        final Path dir;
        Object identity;
        WatchKey key;

        Watched(Path dir) {
            this.dir = dir;
        }
    }

    private final WatchService watcher;
    private final Map<Path, Watched> watched = new LinkedHashMap<>();
    private final Map<WatchKey, Watched> byKey = new HashMap<>();
    private final Set<Path> singleFiles = new LinkedHashSet<>();
    private final Set<Path> wholeDirs = new LinkedHashSet<>();
    private final Duration quiet;
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;
    private volatile boolean closed;
    private long retryAtNanos = Long.MAX_VALUE;
    private Duration retryPause = RETRY_FIRST;

    /**
     * @param paths the configured transcript folders (or single files, whose folder is watched)
     * @param quiet how long the folders must stay unchanged before a reload
     * @param onChange called on the watcher's thread with the files touched (possibly none: then
     *     everything should be re-checked, after lost events, a replaced folder or a failed reload);
     *     when it throws, the reload is tried again later
     */
    public TranscriptWatcher(List<Path> paths, Duration quiet, Consumer<Set<Path>> onChange) {
        this.quiet = quiet;
        this.onChange = onChange;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the transcript folders", e);
        }
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            Path dir = Files.isRegularFile(abs) ? abs.getParent() : abs;
            if (Files.isRegularFile(abs)) {
                singleFiles.add(abs);
                // its sidecar and its folder's show.yml change the episode too
                singleFiles.addAll(TranscriptFiles.described(abs));
            } else {
                wholeDirs.add(dir);
            }
            watched.computeIfAbsent(dir, Watched::new);
        }
        for (Watched w : watched.values()) {
            if (!arm(w)) log.warn("not watching {} yet: no such folder (it is looked for again every second)", Text.escape(w.dir.toString()));
        }
        this.thread = new Thread(this::loop, "transcript-watcher");
        thread.setDaemon(true);
    }

    public TranscriptWatcher start() {
        thread.start();
        log.info("watching {} folder(s) for transcript changes", watched.size());
        return this;
    }

    /** Watches what {@code w}'s name holds now; false when it holds no folder. */
    private boolean arm(Watched w) {
        if (w.key != null) {
            w.key.cancel();
            byKey.remove(w.key);
            w.key = null;
        }
        w.identity = identity(w.dir);
        if (w.identity == null) return false;
        try {
            w.key = w.dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            byKey.put(w.key, w);
            return true;
        } catch (IOException e) {
            log.warn("cannot watch {}: {}", Text.escape(w.dir.toString()), e.toString());
            w.identity = null;
            return false;
        }
    }

    /** The folder a name holds (its file key: device and inode on Linux), or null when it holds none. */
    private static Object identity(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
            return a.isDirectory() ? Objects.requireNonNullElse(a.fileKey(), a.creationTime()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** True when some configured name now holds another folder than the one watched (or none, or one again). */
    private boolean rearmReplaced() {
        boolean changed = false;
        for (Watched w : watched.values()) {
            if (Objects.equals(identity(w.dir), w.identity)) continue;
            boolean now = arm(w);
            log.info("transcript folder {} was {}; reloading what it holds", Text.escape(w.dir.toString()),
                    now ? "replaced or created" : "removed");
            changed = true;
        }
        return changed;
    }

    private void loop() {
        try {
            while (!closed) {
                WatchKey first = watcher.poll(CHECK_EVERY.toNanos(), TimeUnit.NANOSECONDS);
                Set<Path> touched = new LinkedHashSet<>();
                boolean everything = rearmReplaced();
                if (first != null) {
                    everything |= drain(first, touched);
                    long giveUpAt = System.nanoTime() + quiet.toNanos() * 5;
                    WatchKey more;
                    while ((more = watcher.poll(Math.max(1, Math.min(quiet.toNanos(), giveUpAt - System.nanoTime())), TimeUnit.NANOSECONDS)) != null) {
                        everything |= drain(more, touched);
                        if (System.nanoTime() >= giveUpAt) break;
                    }
                    everything |= rearmReplaced();
                }
                if (closed) return;
                boolean retryDue = System.nanoTime() >= retryAtNanos;
                if (touched.isEmpty() && !everything && !retryDue) continue;
                // after a failure, every later reload re-checks everything: the failed one's files are not known to be in
                reload(everything || retryDue || retryAtNanos != Long.MAX_VALUE ? Set.of() : Set.copyOf(touched));
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void reload(Set<Path> touched) {
        try {
            onChange.accept(touched);
            if (retryAtNanos != Long.MAX_VALUE) log.info("transcript reload succeeded again");
            retryAtNanos = Long.MAX_VALUE;
            retryPause = RETRY_FIRST;
        } catch (RuntimeException e) {
            log.error("reload after transcript change failed; still serving the previous index; trying again in {} s: {}",
                    retryPause.toSeconds(), Text.escape(String.valueOf(e)));
            retryAtNanos = System.nanoTime() + retryPause.toNanos();
            retryPause = retryPause.multipliedBy(2).compareTo(RETRY_MOST) > 0 ? RETRY_MOST : retryPause.multipliedBy(2);
        }
    }

    /** Collects the transcript files an event key reports; true when events were lost. */
    private boolean drain(WatchKey key, Set<Path> touched) {
        Watched w = byKey.get(key);
        boolean overflow = false;
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
                continue;
            }
            if (w == null || !(ev.context() instanceof Path name)) continue;
            Path file = w.dir.resolve(name);
            boolean wanted = wholeDirs.contains(w.dir) ? TranscriptFiles.isTranscriptName(name) : singleFiles.contains(file);
            if (wanted) touched.add(file);
        }
        key.reset();
        return overflow;
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        // no interrupt: a reload in progress must not be cut off inside Lucene's I/O
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
