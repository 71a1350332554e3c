package dev.quotecast.bot;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits commands until shutdown begins, and counts those still running, so that a SIGTERM can
 * refuse new work yet let the answers already being computed reach their users.
 */
public final class WorkGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private boolean closed;

    /** Admits one unit of work; false once {@link #close()} was called. Pair a true with {@link #exit()}. */
    public boolean enter() {
        lock.lock();
        try {
            if (closed) return false;
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void exit() {
        lock.lock();
        try {
            if (inFlight <= 0) throw new IllegalStateException("exit without enter");
            if (--inFlight == 0) idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new work from now on; work already admitted goes on. */
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is in flight, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (nanos <= 0) return false;
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
