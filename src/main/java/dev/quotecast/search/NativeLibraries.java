package dev.quotecast.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ONNX Runtime loads its native libraries from: a folder of Quotecast's own cache, filled once.
 *
 * <p>Left to itself, ONNX Runtime 1.20 unpacks its 16.6 MB library into a new {@code /tmp/onnxruntime-java…}
 * folder at every start and asks the JVM to delete it on exit, the folder before the files in it; the
 * JVM deletes in the reverse order, so every run leaves an empty folder behind (70 on this machine in a
 * day of runs and tests). Pointed at a folder that already holds the libraries
 * ({@value #PROPERTY}), it unpacks nothing, its temporary folder stays empty and is deleted, and a start
 * does not write 16.6 MB. The folder is named by the libraries' checksum in the jar, so an upgrade
 * unpacks its own; nothing here deletes a file but its own half-written copy.
 */
final class NativeLibraries {

    private static final Logger log = LoggerFactory.getLogger(NativeLibraries.class);

    /** ONNX Runtime's own setting: the folder it loads its libraries from instead of unpacking them. */
    static final String PROPERTY = "onnxruntime.native.path";
    /** The libraries the CPU build loads, as ONNX Runtime names them (before {@link System#mapLibraryName}). */
    static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private NativeLibraries() {}

    /**
     * Points ONNX Runtime at {@code cache}'s copy of its libraries, unpacking them there first if
     * needed; does nothing when the user set {@value #PROPERTY}, when this platform's libraries are not
     * in the jar, or when the cache cannot be written (ONNX Runtime then unpacks as it always did).
     * Must run before ONNX Runtime is first used in the process.
     */
    static synchronized void useCache(Path cache) {
        if (System.getProperty(PROPERTY) != null || cache == null) return;
        try {
            Path folder = unpack(cache);
            if (folder != null) System.setProperty(PROPERTY, folder.toString());
        } catch (IOException | RuntimeException e) {
            log.debug("ONNX Runtime's libraries stay where it unpacks them: {}", e.toString());
        }
    }

    /**
     * {@code $XDG_CACHE_HOME/quotecast}, else {@code ~/.cache/quotecast}; null when neither is an
     * absolute path (a user with no home gets {@code user.home} "?", which must not become a folder
     * in the working directory).
     */
    static Path defaultCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "quotecast");
        String home = System.getProperty("user.home", "");
        return !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home, ".cache", "quotecast") : null;
    }

    /** The folder under {@code cache} holding this platform's libraries, unpacked if missing; null when the jar has none for it. */
    static Path unpack(Path cache) throws IOException {
        String platform = platform();
        if (platform == null) return null;
        String prefix = "/ai/onnxruntime/native/" + platform + "/";
        URL main = NativeLibraries.class.getResource(prefix + System.mapLibraryName(LIBRARIES.get(0)));
        if (main == null) return null;
        Path folder = cache.resolve("onnxruntime").resolve(platform + "-" + Long.toHexString(checksum(main)));
        for (String library : LIBRARIES) {
            String name = System.mapLibraryName(library);
            URL url = NativeLibraries.class.getResource(prefix + name);
            if (url == null) return null;
            Path target = folder.resolve(name);
            long size = size(url);
            if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) continue;
            Files.createDirectories(folder);
            // written beside and moved into place: a process that starts meanwhile sees the whole file or none
            Path part = Files.createTempFile(folder, name, ".part");
            try (InputStream in = url.openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part); // our own half-written file, if the move did not happen
            }
        }
        return folder;
    }

    /** ONNX Runtime's name for this platform's folder in its jar, or null for one it does not ship. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os.contains("linux") ? "linux" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }

    /** The jar entry's CRC (read from the jar's directory, nothing inflated), or the file's size and time outside a jar. */
    private static long checksum(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) return jar.getJarEntry().getCrc();
        return c.getContentLengthLong() * 31 + c.getLastModified();
    }

    private static long size(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) return jar.getJarEntry().getSize();
        return c.getContentLengthLong();
    }
}
