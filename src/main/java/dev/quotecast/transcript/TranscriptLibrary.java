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
import java.util.stream.Stream;

/**
 * Loads every transcript from a set of folders. A bad file is reported and skipped; the others
 * still load. Two files with the same episode id are reported and the second is skipped.
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
        List<TranscriptParser.Result> results = files.parallelStream().map(this::parseFile).toList();
        Map<String, Path> seen = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        for (TranscriptParser.Result r : results) {
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

    /** Parses one file, turning I/O failures into problems. */
    public TranscriptParser.Result parseFile(Path file) {
        try {
            return parser.parse(file, Files.readAllBytes(file));
        } catch (IOException | OutOfMemoryError e) {
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "cannot read: " + e.getMessage()));
        } catch (RuntimeException e) {
            // a parser bug must cost one file, not the start of the bot
            log.error("parsing {} failed", file, e);
            return new TranscriptParser.Failed(new TranscriptProblem(file, 0, "could not be parsed (" + e + ")"));
        }
    }

    public static boolean isTranscript(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") && !name.startsWith(".") && Files.isRegularFile(p);
    }
}
