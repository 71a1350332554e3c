package dev.quotecast.transcript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

    public TranscriptLibrary() {
        this(ParseCache.none());
    }

    /** @param cache parsed episodes kept beside a persisted index, for fast restarts */
    public TranscriptLibrary(ParseCache cache) {
        this.cache = cache;
    }

    public Loaded load(List<Path> dirs) {
        List<Path> files = new ArrayList<>();
        List<TranscriptProblem> problems = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir)) {
                files.add(dir);
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(TranscriptLibrary::isTranscript).sorted().forEach(files::add);
            } catch (NoSuchFileException e) {
                problems.add(new TranscriptProblem(dir, 0, "transcripts folder does not exist"));
            } catch (IOException e) {
                problems.add(new TranscriptProblem(dir, 0, "cannot list folder: " + e.getMessage()));
            }
        }
        List<Unit> units = units(files);
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
        Optional<Episode> cached = cache.get(u);
        if (cached.isPresent()) return new Outcome(new TranscriptParser.Parsed(cached.get()), List.of());
        Outcome o = parseUncached(u);
        // only clean parses are kept: a unit with notes (an unusable .vtt) reports them again next time
        if (o.result() instanceof TranscriptParser.Parsed p && o.problems().isEmpty()) cache.put(u, p.episode());
        return o;
    }

    private Outcome parseUncached(Unit u) {
        if (u.txt() == null) return new Outcome(parseFile(u.vtt()), List.of());
        TranscriptParser.Result txt = parseFile(u.txt());
        if (u.vtt() == null || !(txt instanceof TranscriptParser.Parsed p)) return new Outcome(txt, List.of());
        Episode e = p.episode();
        byte[] bytes;
        WebVtt.Track track;
        try {
            bytes = Files.readAllBytes(u.vtt());
            track = WebVtt.parse(u.vtt(), TranscriptParser.decode(bytes));
        } catch (IOException ex) {
            return new Outcome(txt, List.of(new TranscriptProblem(u.vtt(), 0, "cannot read (" + ex.getMessage() + "); times estimated from the .txt")));
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
        String checksum = e.checksum() + "+" + TranscriptParser.checksum(bytes);
        return new Outcome(new TranscriptParser.Parsed(VttTimes.apply(e, track, checksum)), List.of());
    }

    /** Parses one file, turning I/O failures into problems: a {@code .txt} as the seed format, a {@code .vtt} as an episode of its own. */
    public TranscriptParser.Result parseFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vtt")) return VttTranscript.parse(file, bytes);
            return parser.parse(file, bytes);
        } catch (IOException | OutOfMemoryError e) {
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "cannot read: " + e.getMessage()));
        } catch (RuntimeException e) {
            // a parser bug must cost one file, not the start of the bot
            log.error("parsing {} failed", file, e);
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "could not be parsed (" + e + ")"));
        }
    }

    /** Transcript files: {@code .txt} in the seed format and {@code .vtt} (WebVTT), hidden files excepted. */
    public static boolean isTranscript(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".txt") || name.endsWith(".vtt")) && !name.startsWith(".") && Files.isRegularFile(p);
    }
}
