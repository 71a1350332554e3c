package dev.quotecast.config;

import dev.quotecast.transcript.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Refuses a configuration in which a folder Quotecast rebuilds at will (the index, and the parse
 * cache and vectors beside it) overlaps a folder that holds the user's files (transcripts, daily
 * state). Lucene treats every {@code _*} file in its folder as its own and deletes the ones no
 * commit references, and a damaged index is rebuilt from scratch: with {@code index.dir} set to
 * the transcripts folder, the first start would delete {@code _intro.txt} and a rebuild the rest.
 */
public final class OwnedFolders {

    private OwnedFolders() {}

    /**
     * The names in {@code dir} that {@code ours} does not claim, sorted: the files and folders
     * Quotecast did not write there. A folder that holds any is not Quotecast's to write or clean
     * (the index folder, bench's work folder, train's models folder).
     */
    public static List<String> foreignNames(Path dir, Predicate<String> ours) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(ours.negate()).sorted().toList();
        }
    }

    /** Up to five of {@code names} and how many more, escaped for one line of a terminal or log (a file name may hold a newline). */
    public static String listed(List<String> names) {
        List<String> shown = names.subList(0, Math.min(5, names.size())).stream().map(Text::escape).toList();
        return String.join(", ", shown) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    /** What the index owns for a given {@code index.dir}: itself, its parse cache, its vectors and its advice scores. */
    public static List<Path> ofIndex(Path indexDir) {
        if (indexDir == null) return List.of();
        Path name = indexDir.getFileName();
        return List.of(indexDir, indexDir.resolveSibling(name + ".parsed"), indexDir.resolveSibling(name + ".vectors"),
                indexDir.resolveSibling(name + ".advice"));
    }

    /**
     * Throws when {@code index.dir} (or a folder beside it that the index owns) equals, contains or
     * lies inside a transcripts folder or {@code state.dir}.
     *
     * @param lines line of each key in the file, for the message; may be empty (command-line overrides)
     */
    public static void check(BotConfig config, String file, Map<String, Integer> lines) {
        if (config.indexDir() == null) return;
        Map<String, Path> users = new LinkedHashMap<>();
        for (Path t : config.transcriptDirs()) users.putIfAbsent("transcripts.dir", t);
        int i = 0;
        for (Path t : config.transcriptDirs()) users.put(config.transcriptDirs().size() > 1 ? "transcripts.dirs[" + i++ + "]" : "transcripts.dir", t);
        if (config.stateDir() != null) users.put("state.dir", config.stateDir());
        for (Path owned : ofIndex(config.indexDir())) {
            Path o = canonical(owned);
            for (Map.Entry<String, Path> u : users.entrySet()) {
                Path p = canonical(u.getValue());
                String how = o.equals(p) ? "is the same folder as" : p.startsWith(o) ? "contains" : o.startsWith(p) ? "lies inside" : null;
                if (how == null) continue;
                String which = owned.equals(config.indexDir()) ? "index.dir" : "index.dir (its folder " + owned.getFileName() + ")";
                throw new ConfigException(file, lines.getOrDefault("index.dir", 0), "index.dir",
                        which + " " + how + " " + u.getKey() + " (" + u.getValue() + "): the index folder is rebuilt and cleaned by"
                                + " Quotecast, so it must be a folder of its own, e.g. data/index");
            }
        }
    }

    /** The path with symbolic links resolved as far as it exists, so that a link cannot hide an overlap. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            missing.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) return abs;
        try {
            Path real = existing.toRealPath();
            for (Path m : missing) real = real.resolve(m);
            return real;
        } catch (IOException e) {
            return abs;
        }
    }
}
