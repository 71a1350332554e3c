package dev.quotecast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes a large corpus out of a small one, at bench time, so that nothing generated is committed
 * and nothing private is copied: every generated episode is real transcript paragraphs,
 * recombined under a new id and a {@code Guest: Topic | Bench Show #N} title, in the seed
 * transcript format. The same sources, count and seed always give byte-identical files, so two
 * runs (or two machines) benchmark the same corpus.
 *
 * <p>Paragraph counts follow the sources' own distribution (each generated episode takes the
 * length of a randomly chosen source episode), so the generated corpus has the sources' shape:
 * 900 generated episodes weigh about nine times the 100 real ones.
 */
public final class CorpusGenerator {

    /** The stamp written last: a folder with a matching stamp is complete and reused. */
    static final String STAMP = ".bench-corpus";

    private static final Pattern TITLE = Pattern.compile("^#\\s+(.+?)\\s*:\\s*(.+?)\\s*\\|.*$");

    /** One source transcript, split into what the generator recombines. */
    record Source(String guest, String topic, List<String> paragraphs) {}

    private final long seed;

    public CorpusGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes {@code count} episodes into {@code out} (created if needed) unless a complete set from
     * the same sources, count and seed is already there. Returns the files.
     */
    public List<Path> generate(List<Path> sourceFiles, int count, Path out) {
        try {
            Files.createDirectories(out);
            List<Path> sorted = sourceFiles.stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            String stamp = "seed=" + seed + " count=" + count + " sources=" + sorted.size() + " bytes=" + totalBytes(sorted) + "\n";
            Path stampFile = out.resolve(STAMP);
            if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) return list(out);
            try (Stream<Path> old = Files.list(out)) {
                for (Path p : old.toList()) Files.delete(p);
            }
            List<Source> sources = new ArrayList<>();
            for (Path p : sorted) sources.add(read(Files.readString(p, StandardCharsets.UTF_8)));
            List<Path> files = new ArrayList<>();
            for (Episode e : episodes(sources, count)) {
                Path f = out.resolve(e.id() + ".txt");
                Files.writeString(f, e.text(), StandardCharsets.UTF_8);
                files.add(f);
            }
            Files.writeString(stampFile, stamp);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the bench corpus in " + out, e);
        }
    }

    /** A generated episode: its id (the file name without {@code .txt}) and its file content. */
    public record Episode(String id, String text) {}

    /** The episodes, in memory: the deterministic heart of {@link #generate}. */
    List<Episode> episodes(List<Source> sources, int count) {
        List<Source> usable = sources.stream().filter(s -> !s.paragraphs().isEmpty()).toList();
        if (usable.isEmpty()) throw new IllegalArgumentException("no source transcript has any paragraph");
        List<String> pool = new ArrayList<>();
        for (Source s : usable) pool.addAll(s.paragraphs());
        SplittableRandom random = new SplittableRandom(seed);
        List<Episode> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String first = firstName(usable.get(random.nextInt(usable.size())).guest());
            String last = lastName(usable.get(random.nextInt(usable.size())).guest());
            String guest = first.equals(last) ? first : first + " " + last;
            String topic = usable.get(random.nextInt(usable.size())).topic();
            int paragraphs = usable.get(random.nextInt(usable.size())).paragraphs().size();
            StringBuilder body = new StringBuilder();
            long words = 0;
            for (int i = 0; i < paragraphs; i++) {
                String p = pool.get(random.nextInt(pool.size()));
                body.append(p).append("\n\n");
                words += p.split("\\s+").length;
            }
            LocalDate date = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(6 * 365));
            long seconds = Math.max(60, Math.round(words / 2.6));
            String id = String.format(Locale.ROOT, "bench-show-%04d-%s", n, slug(guest));
            String text = "---\ndescription: https://bench.quotecast.invalid/episodes/" + n + "\n---\n\n"
                    + "# " + guest + ": " + topic + " | Bench Show #" + n + "\n\n"
                    + String.format(Locale.ROOT, "Date: %02d/%02d/%04d\n\n", date.getMonthValue(), date.getDayOfMonth(), date.getYear())
                    + String.format(Locale.ROOT, "Duration: %d hours, %d minutes, %d seconds\n\n", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    + "Model: bench-recombined\n\n"
                    + body;
            out.add(new Episode(id, text));
        }
        return out;
    }

    /**
     * Splits a transcript in the seed format into its guest, topic and body paragraphs. Header
     * blocks (front matter, title, Date, Duration, Model) are not paragraphs.
     */
    static Source read(String text) {
        String guest = "Guest", topic = "Topic";
        List<String> paragraphs = new ArrayList<>();
        boolean body = false;
        for (String block : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String b = block.strip();
            if (b.isEmpty()) continue;
            if (!body) {
                Matcher m = TITLE.matcher(b);
                if (m.matches()) {
                    guest = m.group(1);
                    topic = m.group(2);
                    continue;
                }
                if (b.startsWith("---") || b.startsWith("# ") || b.matches("(?is)^(Date|Duration|Model)\\s*:.*")) continue;
                body = true;
            }
            paragraphs.add(b.replaceAll("\\s*\n\\s*", " "));
        }
        return new Source(guest, topic, paragraphs);
    }

    static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "guest" : slug;
    }

    private static String firstName(String guest) {
        String[] parts = guest.trim().split("\\s+");
        return parts[0];
    }

    private static String lastName(String guest) {
        String[] parts = guest.trim().split("\\s+");
        return parts[parts.length - 1];
    }

    private static long totalBytes(List<Path> files) throws IOException {
        long sum = 0;
        for (Path p : files) sum += Files.size(p);
        return sum;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }
}
