package dev.quotecast.ops;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the transcript folders and asks for a reload once they have been quiet for a moment.
 * Editors and copy tools write a file in several steps (create, write, write, rename); waiting
 * for a quiet period turns those into one reload of the files touched, instead of several reloads
 * of half-written text. Under a steady stream of writes a reload still happens every
 * {@code 5 × quiet}, so changes are never postponed forever.
 */
public final class TranscriptWatcher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TranscriptWatcher.class);

    private final WatchService watcher;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Set<Path> singleFiles = new LinkedHashSet<>();
    private final Set<Path> wholeDirs = new LinkedHashSet<>();
    private final Duration quiet;
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param paths the configured transcript folders (or single files, whose folder is watched)
     * @param quiet how long the folders must stay unchanged before a reload
     * @param onChange called on the watcher's thread with the files touched (possibly none, after an
     *     event overflow: then everything should be re-checked); its failures are logged
     */
    public TranscriptWatcher(List<Path> paths, Duration quiet, Consumer<Set<Path>> onChange) {
        this.quiet = quiet;
        this.onChange = onChange;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            for (Path p : paths) {
                Path abs = p.toAbsolutePath().normalize();
                Path dir = Files.isRegularFile(abs) ? abs.getParent() : abs;
                if (Files.isRegularFile(abs)) singleFiles.add(abs);
                else wholeDirs.add(dir);
                if (!Files.isDirectory(dir)) {
                    log.warn("not watching {}: no such folder (hot reload is off for it)", dir);
                    continue;
                }
                if (dirs.containsValue(dir)) continue;
                WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                dirs.put(key, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the transcript folders", e);
        }
        this.thread = new Thread(this::loop, "transcript-watcher");
        thread.setDaemon(true);
    }

    public TranscriptWatcher start() {
        thread.start();
        log.info("watching {} folder(s) for transcript changes", dirs.size());
        return this;
    }

    private void loop() {
        try {
            while (!closed) {
                WatchKey first = watcher.take();
                Set<Path> touched = new LinkedHashSet<>();
                boolean overflow = drain(first, touched);
                long giveUpAt = System.nanoTime() + quiet.toNanos() * 5;
                WatchKey more;
                while ((more = watcher.poll(Math.max(1, Math.min(quiet.toNanos(), giveUpAt - System.nanoTime())), TimeUnit.NANOSECONDS)) != null) {
                    overflow |= drain(more, touched);
                    if (System.nanoTime() >= giveUpAt) break;
                }
                if (closed) return;
                if (touched.isEmpty() && !overflow) continue;
                try {
                    onChange.accept(overflow ? Set.of() : Set.copyOf(touched));
                } catch (RuntimeException e) {
                    log.error("reload after transcript change failed; still serving the previous index", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Collects the transcript files an event key reports; true when events were lost. */
    private boolean drain(WatchKey key, Set<Path> touched) {
        Path dir = dirs.get(key);
        boolean overflow = false;
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
                continue;
            }
            if (dir == null || !(ev.context() instanceof Path name)) continue;
            Path file = dir.resolve(name);
            boolean wanted = wholeDirs.contains(dir) ? isTranscriptName(name) : singleFiles.contains(file);
            if (wanted) touched.add(file);
        }
        key.reset();
        return overflow;
    }

    static boolean isTranscriptName(Path name) {
        String n = name.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".txt") || n.endsWith(".vtt")) && !n.startsWith(".");
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
