package dev.quotecast.replicas;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Quotecast replica for tests: {@code dev.quotecast.Main run --config FILE} in a child JVM on
 * this test run's classpath, its output in a log file, its HTTP port on 127.0.0.1. It can be
 * stopped (SIGTERM, the way an orchestrator stops it) or killed (SIGKILL: no shutdown hook, no
 * goodbye to the database, a claim left as it was).
 */
final class QuotecastProcess implements AutoCloseable {

    private static final Pattern REPLICA = Pattern.compile("as replica (\\S+)");

    final String name;
    final int port;
    final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();

    private QuotecastProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a replica whose configuration is {@code yaml} with {@code PORT} replaced by a free port.
     * {@code name} becomes its host name, so its replica id in the database starts with it.
     */
    static QuotecastProcess start(String name, Path dir, String yaml, List<String> jvmOptions) throws IOException {
        int port = freePort();
        Path config = dir.resolve(name + "-" + System.nanoTime() + ".yml");
        Files.writeString(config, yaml.replace("PORT", String.valueOf(port)), StandardCharsets.UTF_8);
        Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.quotecast.Main");
        cmd.add("run");
        cmd.add("--config");
        cmd.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOSTNAME", name);
        pb.environment().put("QUOTECAST_LOG_LEVEL", "INFO");
        return new QuotecastProcess(name, port, log, pb.start());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    URI events() {
        return base().resolve("/slack/events");
    }

    /** Waits until {@code /healthz} answers 200; fails with the log's tail when the process died or the time ran out. */
    QuotecastProcess awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError(name + " exited (" + process.exitValue() + "):\n" + tail(40));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base().resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return this;
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not healthy within " + timeout + " (last: " + last + "):\n" + tail(40));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Its id in the database, from its log ({@code state: shared in ... as replica ID}). */
    String replicaId() throws IOException {
        Matcher m = REPLICA.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError(name + " did not die");
    }

    /** SIGTERM, and waits for the orderly shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) kill();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
