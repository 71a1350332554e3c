package dev.quotecast.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the figures were measured on, and how busy it was. */
public record Machine(int cores, long memoryBytes, String jvm, String os) {

    public static Machine current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** The one-minute load average, or -1 where the OS does not say. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GB memory, %s, %s", cores, memoryBytes / 1e9, jvm, os);
    }
}
