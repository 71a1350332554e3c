package dev.quotecast.transcript;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads every transcript from a set of folders. A bad file is reported and skipped; the others
 * still load. Two files with the same episode id are reported and the second is skipped.
 *
 * <p>The files of one folder that share a name are one episode ({@link Unit}): its transcript,
 * in any format {@link TranscriptReaders} reads, its sidecar {@code NAME.meta.yml}, and the
 * folder's {@code show.yml}. A seed {@code name.txt} beside a timed file ({@code name.vtt}, or
 * {@code .json}, {@code .srt}, {@code .tsv}) takes its words and metadata from the text and its
 * times from the timed file; a timed file that cannot be read is reported and the episode keeps
 * estimated times. A {@code .txt} without the seed's header beside a timed file (Whisper's
 * {@code --output_format all}) is the same words without times: the timed file is read instead,
 * the richest first (JSON, then WebVTT, SubRip, TSV).
 */
public final class TranscriptLibrary {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TranscriptLibrary.class);

    /** What a load found: the episodes, in a stable order, and the problems. */
    public record Loaded(List<Episode> episodes, List<TranscriptProblem> problems) {
        public Loaded {
            episodes = List.copyOf(episodes);
            problems = List.copyOf(problems);
        }
    }

    /** The timed formats a seed {@code .txt} takes its times from, first choice first. */
    static final List<String> PAIRED = List.of("vtt", "json", "srt", "tsv");

    private final TranscriptReaders readers = new TranscriptReaders();
    private final ParseCache cache;
    private final TranscriptFiles files;

    public TranscriptLibrary() {
        this(ParseCache.none(), new TranscriptFiles(50L << 20));
    }

    /**
     * @param cache parsed episodes kept beside a persisted index, for fast restarts
     * @param files which files are read, and up to what size
     */
    public TranscriptLibrary(ParseCache cache, TranscriptFiles files) {
        this.cache = cache;
        this.files = files;
    }

    /** The files that {@link #load} and a refresh read, and those passed over with the reason. */
    public TranscriptFiles.Listing list(List<Path> dirs) {
        return files.list(dirs);
    }

    public Loaded load(List<Path> dirs) {
        TranscriptFiles.Listing listing = files.list(dirs);
        List<TranscriptProblem> problems = new ArrayList<>(listing.skipped());
        Units units = units(listing.files());
        problems.addAll(units.orphans());
        List<Outcome> results = new Spread().map(units.units(), this::parseUnit);
        Map<String, Path> seen = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        for (Outcome o : results) {
            problems.addAll(o.problems());
            TranscriptParser.Result r = o.result();
            if (r instanceof TranscriptParser.Failed f) {
                problems.add(f.problem());
            } else if (r instanceof TranscriptParser.Parsed p) {
                Episode e = p.episode();
                Path first = seen.putIfAbsent(e.id(), e.source());
                if (first != null) {
                    problems.add(new TranscriptProblem(e.source(), 0, "duplicate episode id '" + e.id() + "' (already read from " + first + "); skipped"));
                } else {
                    episodes.add(e);
                }
            }
        }
        episodes.sort(Comparator.comparing(Episode::id));
        // a broken show.yml fails every episode of its folder with the same problem: say it once
        return new Loaded(episodes, List.copyOf(new java.util.LinkedHashSet<>(problems)));
    }

    /**
     * One episode's files: its {@code .txt} and its timed files (either may be missing, not both;
     * timed files richest first), its sidecar and its folder's {@code show.yml} (each may be null).
     */
    record Unit(Path txt, List<Path> timed, Path meta, Path show) {
        Unit {
            timed = List.copyOf(timed);
        }

        Unit(Path txt, Path vtt) {
            this(txt, vtt == null ? List.of() : List.of(vtt), null, null);
        }

        /** Its identity across refreshes and in reports: the .txt, or else its richest timed file. */
        Path key() {
            return txt != null ? txt : timed.get(0);
        }

        /** Every file whose change can change the episode. */
        List<Path> files() {
            List<Path> out = new ArrayList<>();
            if (txt != null) out.add(txt);
            out.addAll(timed);
            if (meta != null) out.add(meta);
            if (show != null) out.add(show);
            return out;
        }

        /** Its timed file with the extension, or null. */
        Path timed(String ext) {
            for (Path p : timed) if (TranscriptFormat.extensionOf(p).orElse("").equals(ext)) return p;
            return null;
        }
    }

    /** The episodes' file groups, and sidecars with no transcript beside them (reported). */
    record Units(List<Unit> units, List<TranscriptProblem> orphans) {}

    /** A parse and the problems met on the way that did not stop it (a pair's unusable VTT). */
    record Outcome(TranscriptParser.Result result, List<TranscriptProblem> problems) {}

    /** The sidecar name of a transcript: {@code NAME.meta.yml}. */
    static final String META = ".meta.yml";
    /** The file of what every episode in a folder shares. */
    static final String SHOW = "show.yml";

    /**
     * Groups files that share a name in one folder into episodes, in the order they are first met;
     * a folder's {@code show.yml} joins each of its episodes.
     */
    static Units units(List<Path> files) {
        Map<Path, Path> shows = new HashMap<>();
        for (Path f : files) if (f.getFileName().toString().equalsIgnoreCase(SHOW)) shows.putIfAbsent(parentOf(f), f);
        Map<Path, Map<String, Path>> byBase = new java.util.LinkedHashMap<>();
        List<Map<String, Path>> extra = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(SHOW)) continue;
            boolean meta = lower.endsWith(META) && lower.length() > META.length();
            String slot = meta ? "meta" : TranscriptFormat.extensionOf(f).orElse(null);
            if (slot == null) continue;
            Path base = f.resolveSibling(meta ? name.substring(0, name.length() - META.length()) : TranscriptParser.idOf(f));
            Map<String, Path> group = byBase.computeIfAbsent(base, k -> new HashMap<>());
            if (group.containsKey(slot)) {
                // two files for one slot (a folder given twice): keep both, the duplicate id is reported later
                Map<String, Path> alone = new HashMap<>();
                alone.put(slot, f);
                extra.add(alone);
            } else {
                group.put(slot, f);
            }
        }
        List<Map<String, Path>> groups = new ArrayList<>(byBase.values());
        groups.addAll(extra);
        List<Unit> out = new ArrayList<>();
        List<TranscriptProblem> orphans = new ArrayList<>();
        for (Map<String, Path> g : groups) {
            List<Path> timed = new ArrayList<>();
            for (String ext : TranscriptFormat.TIMED) if (g.containsKey(ext)) timed.add(g.get(ext));
            Path txt = g.get("txt"), meta = g.get("meta");
            if (txt == null && timed.isEmpty()) {
                if (meta != null) orphans.add(new TranscriptProblem(meta, 0, "no transcript named "
                        + meta.getFileName().toString().substring(0, meta.getFileName().toString().length() - META.length())
                        + ".txt, .vtt, .srt, .json or .tsv beside it; ignored"));
                continue;
            }
            Path any = txt != null ? txt : timed.get(0);
            out.add(new Unit(txt, timed, meta, shows.get(parentOf(any))));
        }
        return new Units(out, orphans);
    }

    private static Path parentOf(Path f) {
        Path p = f.toAbsolutePath().getParent();
        return p == null ? f.toAbsolutePath() : p;
    }

    /** The bytes of each file of a unit that is read, or the problem that stops it. */
    private record Bytes(byte[] txt, Path timed, byte[] timedBytes, byte[] meta, byte[] show) {}

    Outcome parseUnit(Unit u) {
        byte[] txt = null;
        try {
            if (u.txt() != null) txt = files.read(u.txt());
        } catch (IOException | OutOfMemoryError e) {
            return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(u.txt(), 0, "cannot read: " + e.getMessage())), List.of());
        }
        // a .txt in the seed format (or alone) gives the words and takes times from a timed file beside it;
        // a plain .txt beside a timed file is the same words without times, and the timed file is read instead
        boolean textLeads = txt != null && (u.timed().isEmpty() || !TranscriptReaders.isPlainText(txt));
        if (!textLeads) txt = null;
        Path timed = textLeads ? paired(u) : u.timed().get(0);
        List<TranscriptProblem> notes = new ArrayList<>();
        byte[] timedBytes = null;
        try {
            if (timed != null) timedBytes = files.read(timed);
        } catch (IOException | OutOfMemoryError e) {
            if (txt == null) return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(timed, 0, "cannot read: " + e.getMessage())), List.of());
            notes.add(new TranscriptProblem(timed, 0, "cannot read (" + e.getMessage() + "); times estimated from the .txt"));
            timed = null;
        }
        byte[] meta, show;
        try {
            meta = u.meta() == null ? null : files.read(u.meta());
        } catch (IOException | OutOfMemoryError e) {
            return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(u.meta(), 0, "cannot read: " + e.getMessage())), List.of());
        }
        try {
            show = u.show() == null ? null : files.read(u.show());
        } catch (IOException | OutOfMemoryError e) {
            return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(u.show(), 0, "cannot read: " + e.getMessage())), List.of());
        }
        // the key is what the files hold, not their size and time: an edit that keeps both is still seen
        String key = ParseCache.key(txt, timed == null ? null : TranscriptFormat.extensionOf(timed).orElse(""), timedBytes, meta, show);
        Optional<Episode> cached = notes.isEmpty() ? cache.get(u, key) : Optional.empty();
        if (cached.isPresent()) return new Outcome(new TranscriptParser.Parsed(cached.get()), List.of());
        Outcome o = parse(u, new Bytes(txt, timed, timedBytes, meta, show));
        if (!notes.isEmpty()) {
            notes.addAll(o.problems());
            return new Outcome(o.result(), notes);
        }
        // only clean parses are kept: a unit with notes (an unusable .vtt) reports them again next time
        if (o.result() instanceof TranscriptParser.Parsed p && o.problems().isEmpty()) cache.put(u, key, p.episode());
        return o;
    }

    /** The timed file a seed .txt takes its times from: its .vtt, else its richest other timed file. */
    private static Path paired(Unit u) {
        for (String ext : PAIRED) {
            Path p = u.timed(ext);
            if (p != null) return p;
        }
        return null;
    }

    private Outcome parse(Unit u, Bytes f) {
        EpisodeMeta meta = EpisodeMeta.NONE, show = EpisodeMeta.NONE;
        try {
            if (f.show() != null) show = EpisodeMeta.read(u.show(), f.show());
            if (f.meta() != null) meta = EpisodeMeta.read(u.meta(), f.meta());
        } catch (MalformedTranscript m) {
            TranscriptProblem p = m.problem();
            String whose = f.meta() != null && p.file().equals(u.meta()) ? "; the episode is skipped until it is fixed"
                    : "; every episode of this folder is skipped until it is fixed";
            return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(p.file(), p.line(), p.reason() + whose)), List.of());
        }
        boolean described = f.meta() != null;
        TranscriptReaders.Read first = f.txt() == null ? readers.read(f.timed(), f.timedBytes(), described) : readers.read(u.txt(), f.txt(), described);
        Outcome read = f.txt() == null ? new Outcome(first.result(), List.of()) : withTimes(first.result(), f);
        if (!(read.result() instanceof TranscriptParser.Parsed p)) return read;
        Episode e = p.episode();
        boolean titled = first.titled();
        if (titled && f.meta() == null && f.show() == null) return read;
        Path sidecarPath = u.meta() != null ? u.meta() : u.key().resolveSibling(e.id() + META);
        String checksum = e.checksum() + (f.meta() == null ? "" : "+m" + TranscriptParser.checksum(f.meta()))
                + (f.show() == null ? "" : "+s" + TranscriptParser.checksum(f.show()));
        Episode withMeta = meta.apply(e, show, titled, sidecarPath.getFileName().toString(), checksum);
        for (String w : withMeta.warnings()) log.warn("{}: {}", Text.escape(String.valueOf(e.source())), Text.escape(w));
        return new Outcome(new TranscriptParser.Parsed(withMeta), read.problems());
    }

    /** The .txt's episode, with the times of the timed file beside it when it has one that can be read. */
    private Outcome withTimes(TranscriptParser.Result txt, Bytes f) {
        if (f.timedBytes() == null || !(txt instanceof TranscriptParser.Parsed p)) return new Outcome(txt, List.of());
        Episode e = p.episode();
        Path timed = f.timed();
        WebVtt.Track track;
        try {
            track = readers.track(timed, f.timedBytes());
        } catch (TranscriptParser.BadEncoding ex) {
            return new Outcome(txt, List.of(new TranscriptProblem(timed, ex.line, "invalid UTF-8; times estimated from the .txt")));
        } catch (MalformedTranscript ex) {
            TranscriptProblem pr = ex.problem();
            return new Outcome(txt, List.of(new TranscriptProblem(pr.file(), pr.line(), pr.reason() + "; times estimated from the .txt")));
        }
        for (TranscriptProblem r : track.repairs()) log.warn("{}", r);
        if (track.cues().isEmpty()) {
            return new Outcome(txt, List.of(new TranscriptProblem(timed, 1, "no cues with text; times estimated from the .txt")));
        }
        // the checksum covers both files, so editing either re-indexes the episode
        String checksum = e.checksum() + "+" + TranscriptParser.checksum(f.timedBytes());
        String ext = TranscriptFormat.extensionOf(timed).orElse("");
        return new Outcome(new TranscriptParser.Parsed(VttTimes.apply(e, track, checksum, e.format() + " + ." + ext + " times")), List.of());
    }

    /** Parses one file, turning I/O failures into problems, with the reader {@link TranscriptReaders} picks for it. */
    public TranscriptParser.Result parseFile(Path file) {
        try {
            return readers.read(file, files.read(file), false).result();
        } catch (IOException | OutOfMemoryError e) {
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "cannot read: " + e.getMessage()));
        }
    }
}
