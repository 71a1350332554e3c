package dev.quotecast.transcript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The transcript folders as the running bot last saw them, for hot reload. Each refresh re-parses
 * only files that are new, touched, or whose size or modification time changed; and a file that
 * turns bad keeps serving its last good version (with the problem reported), so a half-saved edit
 * never makes an episode disappear. A file that is deleted is dropped.
 */
public final class LiveTranscripts {

    /** What a refresh found, and how much work it did. */
    public record Refresh(TranscriptLibrary.Loaded loaded, int parsed, int reused, int keptLastGood) {}

    private record Stamp(long modifiedNanos, long size) {
        static Stamp of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
        }
    }

    /** The last parse of one file: its stamp, its last good episode (may be null), and its problem now (may be null). */
    private record Entry(Stamp stamp, Episode lastGood, TranscriptProblem problem) {}

    private final TranscriptLibrary library;
    private final Map<Path, Entry> files = new HashMap<>();

    public LiveTranscripts(TranscriptLibrary library) {
        this.library = library;
    }

    /**
     * Brings the view in line with the folders.
     *
     * @param touched files known to have changed (from file events): re-parsed even when their
     *     stamp looks the same, since a quick rewrite can keep size and a coarse mtime
     */
    public synchronized Refresh refresh(List<Path> dirs, Set<Path> touched) {
        List<TranscriptProblem> problems = new ArrayList<>();
        List<Path> listed = list(dirs, problems);
        Map<Path, Entry> next = new LinkedHashMap<>();
        List<Path> toParse = new ArrayList<>();
        Map<Path, Stamp> stamps = new HashMap<>();
        int reused = 0;
        for (Path f : listed) {
            Stamp stamp;
            try {
                stamp = Stamp.of(f);
            } catch (IOException e) {
                stamp = null; // vanished between list and stat: parse will report it
            }
            stamps.put(f, stamp);
            Entry old = files.get(f);
            if (old != null && stamp != null && stamp.equals(old.stamp()) && !touched.contains(f)) {
                next.put(f, old);
                reused++;
            } else {
                toParse.add(f);
                next.put(f, null);
            }
        }
        List<TranscriptParser.Result> results = toParse.size() > 1
                ? toParse.parallelStream().map(library::parseFile).toList()
                : toParse.stream().map(library::parseFile).toList();
        int kept = 0;
        for (int i = 0; i < toParse.size(); i++) {
            Path f = toParse.get(i);
            Entry old = files.get(f);
            if (results.get(i) instanceof TranscriptParser.Parsed p) {
                next.put(f, new Entry(stamps.get(f), p.episode(), null));
            } else if (results.get(i) instanceof TranscriptParser.Failed failed) {
                Episode keep = old == null ? null : old.lastGood();
                TranscriptProblem problem = keep == null ? failed.problem()
                        : new TranscriptProblem(failed.problem().file(), failed.problem().line(),
                                failed.problem().reason() + " (still serving the last good version)");
                next.put(f, new Entry(stamps.get(f), keep, problem));
            }
        }
        files.clear();
        files.putAll(next);

        Map<String, Path> seen = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        for (Map.Entry<Path, Entry> e : next.entrySet()) {
            Entry entry = e.getValue();
            if (entry.problem() != null) problems.add(entry.problem());
            Episode ep = entry.lastGood();
            if (ep == null) continue;
            if (entry.problem() != null) kept++;
            Path first = seen.putIfAbsent(ep.id(), e.getKey());
            if (first != null) {
                problems.add(new TranscriptProblem(e.getKey(), 0, "duplicate episode id '" + ep.id() + "' (already read from " + first + "); skipped"));
            } else {
                episodes.add(ep);
            }
        }
        episodes.sort(Comparator.comparing(Episode::id));
        return new Refresh(new TranscriptLibrary.Loaded(episodes, problems), toParse.size(), reused, kept);
    }

    /** Transcript files in the folders, in a stable order (folder order, then name). */
    private static List<Path> list(List<Path> dirs, List<TranscriptProblem> problems) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir)) {
                out.add(dir);
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(TranscriptLibrary::isTranscript).sorted().forEach(out::add);
            } catch (NoSuchFileException e) {
                problems.add(new TranscriptProblem(dir, 0, "transcripts folder does not exist"));
            } catch (IOException e) {
                problems.add(new TranscriptProblem(dir, 0, "cannot list folder: " + e.getMessage()));
            }
        }
        return out;
    }
}
