package dev.quotecast.transcript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transcript folders as the running bot last saw them, for hot reload. Each refresh re-parses
 * only episodes (their transcript files, sidecar and folder's {@code show.yml}, grouped as
 * {@link TranscriptLibrary} groups them) any of whose files is new, touched, or changed in size or
 * modification time; and a file that
 * turns bad keeps serving its last good version (with the problem reported), so a half-saved edit
 * never makes an episode disappear. A file that is deleted is dropped. A folder that cannot be
 * listed (gone, unmounted) is not taken for an empty one, nor a file that is there but cannot be
 * read (a link into a volume that is not mounted, a file grown past the size limit) for a deleted
 * one: their episodes keep their last good versions, reported the same way, until they read
 * again. A volume that drops out for a moment would otherwise take its episodes out of the index
 * and their passage vectors with them, to be embedded again, minutes to half an hour, once it is back.
 */
public final class LiveTranscripts {

    /**
     * What a refresh found, and how much work it did.
     *
     * @param servingLastGood the problem of each file that no longer reads as it should (it fails
     *     to parse, or looks truncated) while the episode it held is still served as it was: the
     *     text served is not what the folder holds, which whoever runs the bot must be told
     * @param unread each configured folder that could not be listed and each file passed over
     *     ({@link TranscriptFiles.Listing#skipped}), with why: what they held is not known to be gone
     */
    public record Refresh(TranscriptLibrary.Loaded loaded, int parsed, int reused, List<TranscriptProblem> servingLastGood,
                          List<TranscriptProblem> unread) {
        public Refresh {
            servingLastGood = List.copyOf(servingLastGood);
            unread = List.copyOf(unread);
        }

        /** How many episodes are served at their last good version. */
        public int keptLastGood() {
            return servingLastGood.size();
        }
    }

    /** Size and time of each of a unit's files, in order: a file added to the unit, or gone from it, changes it too. */
    private record Stamp(List<Path> files, List<Long> sizesAndTimes) {
        static Stamp of(TranscriptLibrary.Unit u) throws IOException {
            List<Long> out = new ArrayList<>();
            for (Path p : u.files()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
                out.add(a.size());
            }
            return new Stamp(u.files(), out);
        }
    }

    /**
     * The last parse of one unit: its stamp, its last good episode (may be null), its problem now
     * (may be null), and notes that did not stop the parse (an unusable .vtt beside a good .txt).
     */
    private record Entry(Stamp stamp, Episode lastGood, TranscriptProblem problem, List<TranscriptProblem> notes) {}

    private final TranscriptLibrary library;
    private final Map<Path, Entry> files = new HashMap<>();
    /** Parses on every core, one episode at a time (a parallel stream left one core idle, see {@link Spread}). */
    private final Spread spread = new Spread();

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
        TranscriptFiles.Listing listing = library.list(dirs);
        List<TranscriptProblem> problems = new ArrayList<>(listing.skipped());
        TranscriptLibrary.Units grouped = TranscriptLibrary.units(listing.files());
        problems.addAll(grouped.orphans());
        List<TranscriptLibrary.Unit> units = grouped.units();
        Map<Path, Entry> next = new LinkedHashMap<>();
        keepUnread(listing.skipped(), next);
        List<TranscriptLibrary.Unit> toParse = new ArrayList<>();
        Map<Path, Stamp> stamps = new HashMap<>();
        int reused = 0;
        for (TranscriptLibrary.Unit u : units) {
            Path key = key(u);
            Stamp stamp;
            try {
                stamp = Stamp.of(u);
            } catch (IOException e) {
                stamp = null; // vanished between list and stat: parse will report it
            }
            stamps.put(key, stamp);
            Entry old = files.get(key);
            boolean touchedNow = u.files().stream().anyMatch(touched::contains);
            if (old != null && stamp != null && stamp.equals(old.stamp()) && !touchedNow) {
                next.put(key, old);
                reused++;
            } else {
                toParse.add(u);
                next.put(key, null);
            }
        }
        List<TranscriptLibrary.Outcome> results = spread.map(toParse, library::parseUnit);
        for (int i = 0; i < toParse.size(); i++) {
            Path key = key(toParse.get(i));
            Entry old = files.get(key);
            TranscriptLibrary.Outcome o = results.get(i);
            if (o.result() instanceof TranscriptParser.Parsed p && old != null && truncated(old.lastGood(), p.episode())) {
                Episode keep = old.lastGood();
                next.put(key, new Entry(stamps.get(key), keep, new TranscriptProblem(key, 0, "shrank from " + words(keep) + " to "
                        + words(p.episode()) + " words with the same title: a truncated save? Still serving the last good version"
                        + " (a restart takes the file as it is)"), o.problems()));
            } else if (o.result() instanceof TranscriptParser.Parsed p) {
                next.put(key, new Entry(stamps.get(key), p.episode(), null, o.problems()));
            } else if (o.result() instanceof TranscriptParser.Failed failed) {
                Episode keep = old == null ? null : old.lastGood();
                TranscriptProblem problem = keep == null ? failed.problem()
                        : new TranscriptProblem(failed.problem().file(), failed.problem().line(),
                                failed.problem().reason() + " (still serving the last good version)");
                next.put(key, new Entry(stamps.get(key), keep, problem, o.problems()));
            }
        }
        files.clear();
        files.putAll(next);

        Map<String, Path> seen = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        List<TranscriptProblem> servingLastGood = new ArrayList<>();
        for (Map.Entry<Path, Entry> e : next.entrySet()) {
            Entry entry = e.getValue();
            problems.addAll(entry.notes());
            if (entry.problem() != null) problems.add(entry.problem());
            Episode ep = entry.lastGood();
            if (ep == null) continue;
            if (entry.problem() != null) servingLastGood.add(entry.problem());
            Path first = seen.putIfAbsent(ep.id(), e.getKey());
            if (first != null) {
                problems.add(new TranscriptProblem(e.getKey(), 0, "duplicate episode id '" + ep.id() + "' (already read from " + first + "); skipped"));
            } else {
                episodes.add(ep);
            }
        }
        episodes.sort(Comparator.comparing(Episode::id));
        // a broken show.yml fails every episode of its folder with the same problem: say it once
        List<TranscriptProblem> distinct = List.copyOf(new java.util.LinkedHashSet<>(problems));
        return new Refresh(new TranscriptLibrary.Loaded(episodes, distinct), toParse.size(), reused, servingLastGood, listing.skipped());
    }

    /**
     * Carries over into {@code next} the last good episode of every unit whose file was passed over
     * this time, or that was read from a folder that could not be listed, with that problem as the
     * episode's: served as it was, and reported as not what the folder holds. A unit listed again
     * after all is read as usual (its entry here is replaced).
     */
    private void keepUnread(List<TranscriptProblem> unread, Map<Path, Entry> next) {
        if (unread.isEmpty()) return;
        Map<Path, TranscriptProblem> bySource = new HashMap<>();
        for (TranscriptProblem p : unread) bySource.put(p.file(), p);
        for (Map.Entry<Path, Entry> e : files.entrySet()) {
            Entry old = e.getValue();
            if (old == null || old.lastGood() == null) continue;
            // the file itself was passed over, or the folder it was listed from could not be
            TranscriptProblem passedOver = bySource.getOrDefault(e.getKey(), bySource.get(e.getKey().getParent()));
            if (passedOver == null) continue;
            String where = passedOver.file().equals(e.getKey()) ? "" : ": " + passedOver.file();
            // no stamp: once it reads again, the file is read afresh and the problem goes
            next.put(e.getKey(), new Entry(null, old.lastGood(),
                    new TranscriptProblem(e.getKey(), 0, passedOver.reason() + where + " (still serving the last good version)"),
                    List.of()));
        }
    }

    /** A unit's identity across refreshes: its .txt, or its richest timed file when it has no .txt. */
    private static Path key(TranscriptLibrary.Unit u) {
        return u.key();
    }

    /**
     * True when {@code now} keeps the title of {@code before} but lost more than
     * {@link #TRUNCATED_SHARE} of its words: what a copy cut short or a disk that filled during a
     * save leaves, and still parses. Serving it would replace a whole episode with its first minutes.
     */
    static boolean truncated(Episode before, Episode now) {
        if (before == null || !before.title().full().equals(now.title().full())) return false;
        return words(now) < (1 - TRUNCATED_SHARE) * words(before);
    }

    /** Share of an episode's words that may go in one edit before it looks truncated. */
    static final double TRUNCATED_SHARE = 0.8;

    private static int words(Episode e) {
        if (e.sentences().isEmpty()) return 0;
        Sentence last = e.sentences().get(e.sentences().size() - 1);
        return last.wordOffset() + last.wordCount();
    }
}
