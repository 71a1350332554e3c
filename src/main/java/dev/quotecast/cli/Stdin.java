package dev.quotecast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What standard input is, which decides what {@code quotecast} with no chat token does: a
 * terminal opens the console, piped commands are answered and the process exits, and nothing
 * (a container or service manager gives {@code /dev/null}) leaves the health endpoint serving.
 */
public enum Stdin {
    /** A person at a terminal. */
    TERMINAL,
    /** A pipe or a file with commands in it. */
    PIPED,
    /** Nothing to read: {@code /dev/null}, a closed descriptor, or a platform where it cannot be told. */
    NONE;

    /**
     * The standard input of this process. Java only tells whether a console is attached; on Linux
     * {@code /proc/self/fd/0} tells a pipe ({@code pipe:[…]}) or a file from {@code /dev/null}.
     */
    public static Stdin detect() {
        if (System.console() != null) return TERMINAL;
        Path fd0 = Path.of("/proc/self/fd/0");
        try {
            String target = Files.readSymbolicLink(fd0).toString();
            if (target.startsWith("pipe:")) return PIPED;
            // `quotecast | less`: the output is not a terminal, but the person typing is
            if (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")) return TERMINAL;
            if (!target.equals("/dev/null") && Files.isRegularFile(fd0)) return PIPED;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or no /proc: only a terminal is recognised
        }
        return NONE;
    }
}
