package dev.quotecast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link Probe} (or another entry point) in a fresh JVM on the running program's own
 * classpath, so the benchmark measures the jar it ships in, and collects the {@code BENCH key
 * value} lines it prints. Logs of every child are appended to one file in the work folder.
 */
public final class ChildJvm {

    private final String java;
    private final String classpath;
    private final List<String> jvmOptions;
    private final Path log;

    /**
     * @param jvmOptions e.g. {@code -Xmx1g}, the same for every child
     * @param log where the children's stderr goes
     */
    public ChildJvm(List<String> jvmOptions, Path log) {
        this.java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.classpath = System.getProperty("java.class.path");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /** The command line that runs {@code mainClass} with {@code args} plus extra JVM options. */
    public List<String> command(List<String> extraJvmOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(extraJvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** A started child whose stdout the caller reads (long-running servers). */
    public Process start(List<String> extraJvmOptions, String mainClass, List<String> args, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command(extraJvmOptions, mainClass, args))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            Files.writeString(log, "\n=== " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM", e);
        }
    }

    /** Runs a probe to completion and returns its figures; fails with the log's tail when it fails. */
    public Map<String, String> run(List<String> extraJvmOptions, List<String> args, long timeoutSeconds) {
        Process p = start(extraJvmOptions, Probe.class.getName(), args, Map.of("QUOTECAST_LOG_LEVEL", "WARN"));
        Map<String, String> out = new LinkedHashMap<>();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException ignored) {
                // the probe finished first
            }
        }, "probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(Probe.PREFIX)) {
                    String kv = line.substring(Probe.PREFIX.length());
                    int sp = kv.indexOf(' ');
                    out.put(sp < 0 ? kv : kv.substring(0, sp), sp < 0 ? "" : kv.substring(sp + 1));
                }
            }
            p.waitFor();
            watchdog.interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("probe " + args.get(0) + " failed (exit " + p.exitValue() + "); see " + log + ":\n" + tail());
        }
        return out;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
