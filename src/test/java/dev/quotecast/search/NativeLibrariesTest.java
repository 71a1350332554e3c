package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's libraries are unpacked once into Quotecast's cache, and a run leaves nothing in the temporary folder. */
class NativeLibrariesTest {

    @TempDir
    Path tmp;

    @Test
    void unpacksEachLibraryOnceAndReplacesAShortCopy() throws Exception {
        Path folder = NativeLibraries.unpack(tmp.resolve("cache"));
        assertThat(folder).as("this platform's libraries are in ONNX Runtime's jar").isNotNull();
        for (String library : NativeLibraries.LIBRARIES) {
            String name = System.mapLibraryName(library);
            try (InputStream in = NativeLibraries.class.getResourceAsStream("/ai/onnxruntime/native/" + NativeLibraries.platform() + "/" + name)) {
                assertThat(Files.readAllBytes(folder.resolve(name))).isEqualTo(in.readAllBytes());
            }
        }
        Path main = folder.resolve(System.mapLibraryName("onnxruntime"));
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(main, written);
        assertThat(NativeLibraries.unpack(tmp.resolve("cache"))).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(main)).as("a whole copy is not written again").isEqualTo(written);

        long size = Files.size(main);
        Files.write(main, new byte[10]);
        NativeLibraries.unpack(tmp.resolve("cache"));
        assertThat(Files.size(main)).as("a short copy is replaced").isEqualTo(size);
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no half-written file is left")
                    .containsExactlyInAnyOrderElementsOf(NativeLibraries.LIBRARIES.stream().map(System::mapLibraryName).toList());
        }
    }

    @Test
    void anUnwritableCacheLeavesOnnxRuntimeToItselfAndOtherFilesAreLeftAlone() throws Exception {
        String before = System.getProperty(NativeLibraries.PROPERTY);
        try {
            System.clearProperty(NativeLibraries.PROPERTY);
            Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "a file where the cache would go");
            NativeLibraries.useCache(blocker.resolve("quotecast"));
            assertThat(System.getProperty(NativeLibraries.PROPERTY)).as("no cache, no setting").isNull();
            assertThat(blocker).hasContent("a file where the cache would go");
        } finally {
            if (before != null) System.setProperty(NativeLibraries.PROPERTY, before);
        }
        // a file of someone else's beside the libraries survives an unpack that rewrites them
        Path folder = NativeLibraries.unpack(tmp.resolve("cache"));
        Path mine = Files.writeString(folder.resolve("README-mine.txt"), "keep me");
        Files.write(folder.resolve(System.mapLibraryName("onnxruntime")), new byte[10]);
        NativeLibraries.unpack(tmp.resolve("cache"));
        assertThat(mine).hasContent("keep me");
    }

    @Test
    void theCacheFollowsXdgThenHome() {
        assertThat(NativeLibraries.defaultCache(Map.of("XDG_CACHE_HOME", "/x/cache"))).isEqualTo(Path.of("/x/cache", "quotecast"));
        assertThat(NativeLibraries.defaultCache(Map.of("XDG_CACHE_HOME", "relative"))).isEqualTo(NativeLibraries.defaultCache(Map.of()));
        assertThat(NativeLibraries.defaultCache(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "quotecast"));
        String home = System.getProperty("user.home");
        try {
            System.setProperty("user.home", "?"); // what Java reports for a user with no home
            assertThat(NativeLibraries.defaultCache(Map.of())).isNull();
        } finally {
            System.setProperty("user.home", home);
        }
    }

    /** A one-shot {@code ask} in its own JVM, embedding the question: ONNX Runtime's temporary folder must be gone when it exits. */
    @Test
    void aRunLeavesNoFolderInTheTemporaryFolder() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path cache = tmp.resolve("xdg-cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                "dev.quotecast.Main", "ask", "what is reinforcement learning", "--transcripts", "transcripts")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr.log").toFile());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("stderr.log"))).isZero();
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(temp)) {
            List<String> names = left.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("onnxruntime")).toList();
            assertThat(names).as("ONNX Runtime's temporary folders left in " + temp).isEmpty();
        }
        assertThat(cache.resolve("quotecast").resolve("onnxruntime")).isDirectory();
    }
}
