package dev.quotecast.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small real file system for fault tests: a tmpfs of a given size mounted on a folder, so that a
 * full disk or a read-only disk is what the kernel says, not a simulation. Needs the right to mount
 * (root, as in CI); where that is missing the test is skipped with the reason.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code dir} (created if missing). */
    static Tmpfs mount(Path dir, int kilobytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String error = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", dir.toString());
        assumeTrue(error == null, () -> "cannot mount a tmpfs here (" + error + "); the disk-full and read-only tests need root");
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Makes the file system read-only: every write fails with EROFS, for root too. */
    void readOnly() throws IOException, InterruptedException {
        String error = run("mount", "-o", "remount,ro", dir.toString());
        if (error != null) throw new IOException("remount read-only failed: " + error);
    }

    void readWrite() throws IOException, InterruptedException {
        String error = run("mount", "-o", "remount,rw", dir.toString());
        if (error != null) throw new IOException("remount read-write failed: " + error);
    }

    /** Fills the free space with a file, and returns it (delete it to free the space again). */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler.bin");
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // No space left on device: what we wanted
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return p.exitValue() == 0 ? null : out.isEmpty() ? "exit " + p.exitValue() : out;
    }
}
