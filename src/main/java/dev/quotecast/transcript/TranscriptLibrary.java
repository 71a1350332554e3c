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
 * <p>{@code name.txt} and {@code name.vtt} side by side are one episode: the text gives metadata
 * and words, the WebVTT gives exact times. A VTT that cannot be read is reported and the episode
 * keeps estimated times; a {@code .vtt} alone is an episode titled from its file name.
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

    private final TranscriptParser parser = new TranscriptParser();
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
        List<Unit> units = units(listing.files());
        List<Outcome> results = units.parallelStream().map(this::parseUnit).toList();
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
        return new Loaded(episodes, problems);
    }

    /** One episode's files: a transcript, its WebVTT times, or both (either may be null, not both). */
    record Unit(Path txt, Path vtt) {}

    /** A parse and the problems met on the way that did not stop it (a pair's unusable VTT). */
    record Outcome(TranscriptParser.Result result, List<TranscriptProblem> problems) {}

    /** Pairs {@code name.txt} with {@code name.vtt} in the same folder; the rest stand alone, in order. */
    static List<Unit> units(List<Path> files) {
        Map<Path, Path[]> byBase = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            boolean vtt = name.toLowerCase(Locale.ROOT).endsWith(".vtt");
            Path base = f.resolveSibling(TranscriptParser.idOf(f));
            Path[] pair = byBase.computeIfAbsent(base, k -> new Path[2]);
            int slot = vtt ? 1 : 0;
            if (pair[slot] != null) {
                // two files for one slot (a folder given twice): keep both, the duplicate id is reported later
                byBase.put(f, vtt ? new Path[] {null, f} : new Path[] {f, null});
            } else {
                pair[slot] = f;
            }
        }
        List<Unit> out = new ArrayList<>();
        for (Path[] p : byBase.values()) out.add(new Unit(p[0], p[1]));
        return out;
    }

    Outcome parseUnit(Unit u) {
        byte[] txt = null, vtt = null;
        try {
            if (u.txt() != null) txt = files.read(u.txt());
        } catch (IOException | OutOfMemoryError e) {
            return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(u.txt(), 0, "cannot read: " + e.getMessage())), List.of());
        }
        List<TranscriptProblem> notes = new ArrayList<>();
        try {
            if (u.vtt() != null) vtt = files.read(u.vtt());
        } catch (IOException | OutOfMemoryError e) {
            if (txt == null) return new Outcome(new TranscriptParser.Failed(new TranscriptProblem(u.vtt(), 0, "cannot read: " + e.getMessage())), List.of());
            notes.add(new TranscriptProblem(u.vtt(), 0, "cannot read (" + e.getMessage() + "); times estimated from the .txt"));
        }
        // the key is what the files hold, not their size and time: an edit that keeps both is still seen
        String key = ParseCache.key(txt, vtt);
        Optional<Episode> cached = notes.isEmpty() ? cache.get(u, key) : Optional.empty();
        if (cached.isPresent()) return new Outcome(new TranscriptParser.Parsed(cached.get()), List.of());
        Outcome o = parse(u, txt, vtt);
        if (!notes.isEmpty()) {
            notes.addAll(o.problems());
            return new Outcome(o.result(), notes);
        }
        // only clean parses are kept: a unit with notes (an unusable .vtt) reports them again next time
        if (o.result() instanceof TranscriptParser.Parsed p && o.problems().isEmpty()) cache.put(u, key, p.episode());
        return o;
    }

    private Outcome parse(Unit u, byte[] txtBytes, byte[] vttBytes) {
        if (txtBytes == null) return new Outcome(parse(u.vtt(), vttBytes), List.of());
        TranscriptParser.Result txt = parse(u.txt(), txtBytes);
        if (vttBytes == null || !(txt instanceof TranscriptParser.Parsed p)) return new Outcome(txt, List.of());
        Episode e = p.episode();
        WebVtt.Track track;
        try {
            track = WebVtt.parse(u.vtt(), TranscriptParser.decode(vttBytes));
        } catch (TranscriptParser.BadEncoding ex) {
            return new Outcome(txt, List.of(new TranscriptProblem(u.vtt(), ex.line, "invalid UTF-8; times estimated from the .txt")));
        } catch (WebVtt.Malformed ex) {
            TranscriptProblem pr = ex.problem();
            return new Outcome(txt, List.of(new TranscriptProblem(pr.file(), pr.line(), pr.reason() + "; times estimated from the .txt")));
        }
        for (TranscriptProblem r : track.repairs()) log.warn("{}", r);
        if (track.cues().isEmpty()) {
            return new Outcome(txt, List.of(new TranscriptProblem(u.vtt(), 1, "no cues with text; times estimated from the .txt")));
        }
        // the checksum covers both files, so editing either re-indexes the episode
        String checksum = e.checksum() + "+" + TranscriptParser.checksum(vttBytes);
        return new Outcome(new TranscriptParser.Parsed(VttTimes.apply(e, track, checksum)), List.of());
    }

    /** Parses one file, turning I/O failures into problems: a {@code .txt} as the seed format, a {@code .vtt} as an episode of its own. */
    public TranscriptParser.Result parseFile(Path file) {
        try {
            return parse(file, files.read(file));
        } catch (IOException | OutOfMemoryError e) {
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "cannot read: " + e.getMessage()));
        }
    }

    private TranscriptParser.Result parse(Path file, byte[] bytes) {
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vtt")) return VttTranscript.parse(file, bytes);
            return parser.parse(file, bytes);
        } catch (RuntimeException e) {
            // a parser bug must cost one file, not the start of the bot
            log.error("parsing {} failed", Text.escape(String.valueOf(file)), e);
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "could not be parsed (" + e + ")"));
        }
    }

}
