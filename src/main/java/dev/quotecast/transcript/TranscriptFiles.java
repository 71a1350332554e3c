package dev.quotecast.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files of the transcript folders are read, and how. Only regular files whose real location
 * lies inside a configured folder, and no larger than the limit: a link named {@code shadow.txt}
 * pointing at {@code /etc/shadow} would otherwise put a line of it into the log, and one pointing
 * at {@code /proc/kmsg} would hang the start for good. Everything passed over is reported with the
 * reason, never silently.
 */
public final class TranscriptFiles {

    /**
     * The files to read, in a stable order (folder order, then name), and what was passed over and
     * why: a configured folder that could not be listed, a file that is there but cannot be read as
     * a transcript (too large, a link to nothing). Neither says anything about the transcripts it
     * held, which a folder that lists without a file does.
     */
    public record Listing(List<Path> files, List<TranscriptProblem> skipped) {}

    private final long maxBytes;

    /** @param maxBytes files larger than this are skipped (and reported) without being read */
    public TranscriptFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The names Quotecast reads in a transcripts folder, hidden files excepted: transcripts
     * ({@code .txt}, {@code .vtt}, {@code .srt}, {@code .json}, {@code .tsv}), sidecars
     * ({@code NAME.meta.yml}) and the folder's {@code show.yml}.
     */
    public static boolean isTranscriptName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) return false;
        return TranscriptFormat.extensionOf(p).isPresent() || name.endsWith(".meta.yml") || name.equals("show.yml");
    }

    public Listing list(List<Path> dirs) {
        List<Path> files = new ArrayList<>();
        List<TranscriptProblem> skipped = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        for (Path d : dirs) {
            try {
                roots.add(d.toRealPath());
            } catch (IOException e) {
                // reported below, where the folder is listed
            }
        }
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir)) {
                // a file named in the configuration is read as named, with its sidecar and its folder's show.yml
                check(dir, roots, true, files, skipped);
                for (Path beside : described(dir)) if (Files.exists(beside, LinkOption.NOFOLLOW_LINKS)) check(beside, roots, true, files, skipped);
                continue;
            }
            List<Path> names;
            try (Stream<Path> s = Files.list(dir)) {
                names = s.filter(TranscriptFiles::isTranscriptName).sorted().toList();
            } catch (NoSuchFileException e) {
                // a configured file that is gone is listed here too (it is no regular file now)
                skipped.add(new TranscriptProblem(dir, 0, isTranscriptName(dir) ? "transcript file does not exist" : "transcripts folder does not exist"));
                continue;
            } catch (IOException e) {
                skipped.add(new TranscriptProblem(dir, 0, "cannot list folder: " + e.getMessage()));
                continue;
            }
            for (Path p : names) check(p, roots, false, files, skipped);
        }
        return new Listing(files, skipped);
    }

    /** The metadata files that describe a transcript: its {@code NAME.meta.yml} and its folder's {@code show.yml}. */
    public static List<Path> described(Path transcript) {
        return List.of(transcript.resolveSibling(TranscriptParser.idOf(transcript) + ".meta.yml"), transcript.resolveSibling("show.yml"));
    }

    private void check(Path p, List<Path> roots, boolean named, List<Path> files, List<TranscriptProblem> skipped) {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // gone between list and stat: nothing to read, nothing to report
        }
        BasicFileAttributes target = own;
        if (own.isSymbolicLink()) {
            Path real;
            try {
                real = p.toRealPath();
                target = Files.readAttributes(real, BasicFileAttributes.class);
            } catch (FileSystemLoopException e) {
                skipped.add(new TranscriptProblem(p, 0, "skipped: a symbolic link that loops"));
                return;
            } catch (NoSuchFileException e) {
                skipped.add(new TranscriptProblem(p, 0, "skipped: a symbolic link to nothing (dangling)"));
                return;
            } catch (IOException e) {
                String why = e.getMessage() != null && e.getMessage().contains("levels of symbolic links")
                        ? "skipped: a symbolic link that loops" : "skipped: a symbolic link that cannot be followed (" + e.getMessage() + ")";
                skipped.add(new TranscriptProblem(p, 0, why));
                return;
            }
            if (!named && roots.stream().noneMatch(real::startsWith)) {
                skipped.add(new TranscriptProblem(p, 0, "skipped: a symbolic link to " + real + ", outside the transcripts folders"));
                return;
            }
        }
        if (target.isDirectory()) {
            skipped.add(new TranscriptProblem(p, 0, "skipped: a folder, not a transcript file"));
        } else if (!target.isRegularFile()) {
            skipped.add(new TranscriptProblem(p, 0, "skipped: not a regular file (a named pipe, socket or device is never read)"));
        } else if (target.size() > maxBytes) {
            skipped.add(new TranscriptProblem(p, 0, "skipped: " + (target.size() >> 20) + " MB is over transcripts.maxFileMB ("
                    + (maxBytes >> 20) + " MB)"));
        } else {
            files.add(p);
        }
    }

    /**
     * The file's bytes, at most {@link #maxBytes()}: a file that grew past the limit since it was
     * listed fails here instead of being read whole.
     */
    public byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("not a regular file");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw new IOException("larger than transcripts.maxFileMB (" + (maxBytes >> 20) + " MB)");
            return bytes;
        }
    }
}
