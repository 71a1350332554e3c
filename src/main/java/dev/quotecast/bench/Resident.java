package dev.quotecast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory, from {@code /proc/self/status}. The heap figure misses what the
 * embedding model costs: ONNX Runtime's session, weights and buffers live off the Java heap, so
 * only the resident set shows what loading the model adds.
 */
final class Resident {

    private Resident() {}

    /** Resident bytes now, or -1 where there is no {@code /proc} (not Linux). */
    static long current() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/PID/status} text in bytes; -1 when it has none. */
    static long parse(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmRSS:")) continue;
            String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
            long value = Long.parseLong(parts[0]);
            String unit = parts.length > 1 ? parts[1] : "B";
            return switch (unit) {
                case "kB" -> value * 1024;
                case "mB", "MB" -> value * 1024 * 1024;
                case "B" -> value;
                default -> throw new IllegalArgumentException("unknown VmRSS unit " + unit);
            };
        }
        return -1;
    }
}
