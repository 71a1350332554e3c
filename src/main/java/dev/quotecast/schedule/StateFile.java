package dev.quotecast.schedule;

import dev.quotecast.transcript.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One state file that is either the old or the new version, never half of each: writes go to a
 * temp file in the same folder, are fsynced, then renamed over the old one with
 * {@link StandardCopyOption#ATOMIC_MOVE}, and the folder is fsynced so the rename itself survives
 * a power cut. A file that cannot be read back is moved aside as {@code NAME.corrupt-TIMESTAMP}
 * (kept for a human to inspect) and replaced by a fresh one, so one bad byte never stops the bot.
 *
 * @param <T> the in-memory value the codec reads and writes
 */
final class StateFile<T> {

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Reads and writes the file's bytes; {@code read} throws on anything it does not fully understand. */
    interface Codec<T> {
        T read(byte[] bytes) throws Exception;

        byte[] write(T value) throws IOException;

        T fresh();
    }

    /**
     * Thrown by a codec that could read most of a file: the entries it understood, and one line per
     * entry it could not. The file is then kept aside whole and the rest goes on: one schedule with
     * an unknown zone must not cost every other schedule.
     */
    static final class PartlyUnreadable extends Exception {
        final transient Object readable;
        final List<String> rejected;

        PartlyUnreadable(Object readable, List<String> rejected) {
            super(rejected.size() + " entr" + (rejected.size() == 1 ? "y" : "ies") + " could not be read: " + String.join("; ", rejected));
            this.readable = readable;
            this.rejected = List.copyOf(rejected);
        }
    }

    /** What loading found: the value, and the backup path when the file was corrupt. */
    record Loaded<T>(T value, Optional<Path> corruptBackup) {}

    private final Path file;
    private final Codec<T> codec;
    private final Clock clock;

    StateFile(Path file, Codec<T> codec, Clock clock) {
        this.file = file;
        this.codec = codec;
        this.clock = clock;
    }

    Path path() {
        return file;
    }

    /**
     * Reads the file: missing gives a fresh value; corrupt is reported, moved aside and replaced by
     * a fresh value (written at once, so the next start does not report it again). Temp files left
     * by a crash mid-write are removed: the rename never happened, so the old file is the truth.
     */
    Loaded<T> load() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            removeStrayTemps();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return new Loaded<>(codec.fresh(), Optional.empty());
            }
            try {
                return new Loaded<>(codec.read(bytes), Optional.empty());
            } catch (PartlyUnreadable partly) {
                @SuppressWarnings("unchecked")
                T readable = (T) partly.readable;
                Path backup = backupPath();
                Files.copy(file, backup);
                save(readable);
                log.error("state file {}: {}; kept the rest, and the whole file as it was in {}", file, Text.escape(partly.getMessage()),
                        backup.getFileName());
                return new Loaded<>(readable, Optional.of(backup));
            } catch (Exception e) {
                Path backup = backupPath();
                Files.move(file, backup);
                T fresh = codec.fresh();
                save(fresh);
                log.error("state file {} is corrupt ({}); moved it aside to {} and started a fresh one", file, reason(e), backup.getFileName());
                return new Loaded<>(fresh, Optional.of(backup));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state file " + file, e);
        }
    }

    /** Replaces the file with {@code value}, atomically and durably. */
    void save(T value) throws IOException {
        byte[] bytes = codec.write(value);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the state folder " + dir + " does not support atomic renames; daily posts cannot be made exactly-once there", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    private void removeStrayTemps() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, file.getFileName() + ".tmp-*")) {
            for (Path t : temps) {
                log.info("removing {} left by an interrupted write (the previous state stands)", t.getFileName());
                Files.deleteIfExists(t);
            }
        }
    }

    private Path backupPath() {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
        Path p = file.resolveSibling(base);
        for (int i = 2; Files.exists(p); i++) p = file.resolveSibling(base + "-" + i);
        return p;
    }

    /** Makes the rename durable; some file systems cannot open a folder, and then the OS decides. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot fsync folder {}: {}", dir, e.toString());
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
