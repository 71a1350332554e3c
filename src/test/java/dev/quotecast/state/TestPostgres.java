package dev.quotecast.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * the newest N), a cluster made with {@code initdb} in a temporary folder and started with
 * {@code pg_ctl} on a free port of 127.0.0.1, stopped and deleted when the test JVM is done. Each
 * test asks for a database of its own ({@link #newDatabase}), so tests never see each other's rows.
 *
 * <p>Why not an embedded or mocked database: what is under test is PostgreSQL's own behaviour
 * (unique keys, {@code ON CONFLICT}, row locks, what a dropped connection does to a transaction).
 *
 * <p>{@code initdb} refuses to run as root, and CI runs as root: then everything runs as the
 * {@code postgres} user through {@code runuser}, in a folder that user owns. A cluster left behind by
 * a test JVM that was killed is found by the next start (its folder names the JVM's pid) and stopped.
 *
 * <p>{@code QUOTECAST_TEST_PG_URL} (a JDBC URL of a server whose user may create databases) uses that
 * server instead. Without either, {@link #available()} says why, and the tests that need it skip.
 */
public final class TestPostgres implements AutoCloseable {

    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "quotecast-pg");
    private static final String SUPERUSER = "postgres";
    private static volatile Object instance;   // TestPostgres, or the String saying why there is none

    private final String adminUrl;
    private final Path dir;
    private final Path bin;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile boolean closed;

    private TestPostgres(String adminUrl, Path dir, Path bin, boolean asPostgresUser) {
        this.adminUrl = adminUrl;
        this.dir = dir;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    /** The server of this JVM, started on first use; empty (with {@link #whyNot()}) when it cannot be. */
    public static synchronized Optional<TestPostgres> available() {
        if (instance == null) {
            try {
                TestPostgres pg = start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "test-postgres-stop"));
                instance = pg;
            } catch (Exception e) {
                instance = "PostgreSQL could not be started for this test: " + e.getMessage()
                        + " (install Debian's postgresql package, as .ci/run does, or set QUOTECAST_TEST_PG_URL)";
            }
        }
        return instance instanceof TestPostgres pg ? Optional.of(pg) : Optional.empty();
    }

    /**
     * The server, or the calling test is skipped with the reason (for {@code @BeforeAll} / {@code @BeforeEach}).
     * With {@code QUOTECAST_TEST_PG=required} (set by {@code .ci/run} once it has PostgreSQL's
     * binaries) the test fails instead: there a server that does not start is a fault, not a missing tool.
     */
    public static TestPostgres require() {
        Optional<TestPostgres> pg = available();
        if (pg.isEmpty() && "required".equals(System.getenv("QUOTECAST_TEST_PG"))) {
            throw new AssertionError(whyNot() + " [QUOTECAST_TEST_PG=required: failing instead of skipping]");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(pg.isPresent(), TestPostgres::whyNot);
        return pg.get();
    }

    public static String whyNot() {
        return instance instanceof String s ? s : "available";
    }

    /** A new, empty database; returns its JDBC URL (user and password, if any, in the URL). */
    public String newDatabase(String hint) {
        String name = ("qc_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid())
                .toLowerCase();
        if (name.length() > 60) name = name.substring(name.length() - 60);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed: " + e.getMessage(), e);
        }
        return withDatabase(adminUrl, name);
    }

    /** The server's URL to the maintenance database, for tests that need to look behind the store. */
    public String adminUrl() {
        return adminUrl;
    }

    static String withDatabase(String url, String db) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + db + query;
    }

    private static TestPostgres start() throws Exception {
        String external = System.getenv("QUOTECAST_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            try (Connection c = DriverManager.getConnection(external)) {
                c.isValid(5);
            }
            return new TestPostgres(external, null, null, false);
        }
        Path bin = binaries().orElseThrow(() -> new IOException("no PostgreSQL binaries in /usr/lib/postgresql/*/bin"));
        Files.createDirectories(BASE);
        Files.setPosixFilePermissions(BASE, PosixFilePermissions.fromString("rwxrwxrwx"));
        boolean root = "root".equals(System.getProperty("user.name"));
        stopLeftovers(bin, root);
        Path dir = Files.createTempDirectory(BASE, "run-" + ProcessHandle.current().pid() + "-");
        if (root) {
            UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
            Files.setOwner(dir, pg);
        }
        Path data = dir.resolve("data");
        run(bin, root, Duration.ofMinutes(2), "initdb", "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                "--no-locale", "--no-sync", "--no-instructions");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                // fsync off: what is tested is the server's logic, not its durability when the machine loses power
                run(bin, root, Duration.ofMinutes(1), "pg_ctl", "start", "-w", "-t", "60", "-D", data.toString(),
                        "-l", dir.resolve("server.log").toString(), "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                + " -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB");
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER;
                waitUntilUp(url);
                return new TestPostgres(url, dir, bin, root);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void waitUntilUp(String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(url)) {
                if (c.isValid(2)) return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) throw new IOException("the server did not accept connections: " + e.getMessage(), e);
            }
            Thread.sleep(100);
        }
    }

    /** The newest version in Debian's layout, or {@code pg_ctl} on the PATH. */
    static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingInt(v -> {
                            try {
                                return Integer.parseInt(v.getFileName().toString().replaceAll("\\..*", ""));
                            } catch (NumberFormatException e) {
                                return 0;
                            }
                        }));
                if (newest.isPresent()) return Optional.of(newest.get().resolve("bin"));
            } catch (IOException ignored) {
                // fall through to the PATH
            }
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "pg_ctl")) && Files.isExecutable(Path.of(p, "initdb"))) return Optional.of(Path.of(p));
        }
        return Optional.empty();
    }

    /** Clusters of test JVMs that were killed before they could stop theirs. */
    private static void stopLeftovers(Path bin, boolean root) {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(BASE, "run-*")) {
            for (Path run : runs) {
                String[] parts = run.getFileName().toString().split("-");
                long pid;
                try {
                    pid = Long.parseLong(parts[1]);
                } catch (RuntimeException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try {
                    if (Files.exists(run.resolve("data/postmaster.pid"))) {
                        run(bin, root, Duration.ofSeconds(30), "pg_ctl", "stop", "-m", "immediate", "-D", run.resolve("data").toString());
                    }
                } catch (Exception ignored) {
                    // already stopped
                }
                deleteTree(run);
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(Path bin, boolean asPostgres, Duration timeout, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) cmd.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("quotecast-pg-" + tool, ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(tool + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String log = Files.readString(out, StandardCharsets.UTF_8).strip();
                throw new IOException(tool + " failed (exit " + p.exitValue() + "): " + (log.length() > 600 ? log.substring(log.length() - 600) : log));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    /** Stops the server and deletes its folder (a no-op for an external server). */
    @Override
    public synchronized void close() {
        if (closed || dir == null) return;
        closed = true;
        try {
            run(bin, asPostgresUser, Duration.ofSeconds(30), "pg_ctl", "stop", "-m", "fast", "-D", dir.resolve("data").toString());
        } catch (Exception e) {
            System.err.println("TestPostgres: stopping the server failed: " + e.getMessage());
        }
        deleteTree(dir);
    }
}
