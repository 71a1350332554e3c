package dev.quotecast.ops;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the bot's own pools. Every pool thread is a daemon, so a pool someone forgot
 * to close never keeps the JVM alive after the ordered shutdown; and every thread is named, so a
 * thread dump or a log line says which pool it belongs to.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Threads all called {@code name}: for a pool of one, or where the count says nothing. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
