package dev.quotecast.discord;

import dev.quotecast.ops.Backoff;
import java.time.Duration;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's session controller for this bot: it connects to the configured gateway
 * ({@code discord.gatewayUrl}) instead of the one Discord names, and waits between failed attempts.
 *
 * <p>JDA's own controller puts a session whose connection failed straight back in its queue and
 * runs it again at once: a gateway that answered the WebSocket upgrade with an error (a wrong URL,
 * or Discord answering 5xx during an incident) was tried about 350 times a second, each try logging
 * "Failed opening handshake", which gets a bot's address blocked. Here each failed attempt waits
 * {@link Backoff#forReconnects()} (1 s doubling to 60 s, with jitter) and is logged once, as one
 * line. A shutdown wakes the wait, so JDA stops at once.
 */
final class GatewaySessions extends SessionControllerAdapter {

    private static final Logger log = LoggerFactory.getLogger(GatewaySessions.class);

    private final String gateway;
    private final Backoff backoff;

    GatewaySessions(String gateway, Backoff backoff) {
        this.gateway = gateway;
        this.backoff = backoff;
    }

    @Override
    public String getGateway() {
        return gateway;
    }

    /**
     * What a shard manager asks before its first shard connects: how many shards Discord recommends
     * and how many may identify at once ({@code GET /gateway/bot}), with the configured gateway
     * instead of the one Discord names.
     */
    @Override
    public ShardedGateway getShardedGateway(net.dv8tion.jda.api.JDA api) {
        ShardedGateway fromDiscord = super.getShardedGateway(api);
        return new ShardedGateway(gateway, fromDiscord.getShardTotal(), fromDiscord.getConcurrency());
    }

    @Override
    protected void runWorker() {
        synchronized (lock) {
            if (workerHandle == null) {
                workerHandle = new BackoffWorker();
                workerHandle.start();
            }
        }
    }

    /** JDA removes its session when it shuts down: a worker waiting to retry it wakes and finds nothing to do. */
    @Override
    public void removeSession(SessionConnectNode node) {
        super.removeSession(node);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** JDA's queue worker, but a failed session waits its backoff before it runs again. */
    private final class BackoffWorker extends QueueWorker {

        BackoffWorker() {
            setName("discord-gateway-sessions");
            setDaemon(true);   // a wait of up to a minute must not keep the JVM alive
        }

        @Override
        protected void processQueue() {
            boolean isMultiple = connectQueue.size() > 1;
            while (!connectQueue.isEmpty()) {
                SessionConnectNode node = connectQueue.poll();
                if (node == null) return;
                try {
                    node.run(isMultiple && connectQueue.isEmpty());
                    backoff.reset();
                    isMultiple = true;
                    lastConnect = System.currentTimeMillis();
                    if (connectQueue.isEmpty()) break;
                    if (delay > 0) Thread.sleep(delay);
                } catch (IllegalStateException e) {
                    Duration wait = backoff.next();
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    log.warn("Discord: connecting to the gateway failed (attempt {}): {}; next attempt in {} s",
                            backoff.failures(), why.getMessage(), String.format("%.1f", wait.toMillis() / 1000.0));
                    appendSession(node);
                    if (!awaitRetry(node, wait)) return;
                } catch (InterruptedException e) {
                    log.warn("Discord: interrupted while connecting to the gateway");
                    appendSession(node);
                    return;   // the worker ends; appendSession from JDA starts another
                }
            }
        }

        /** Waits {@code wait} unless JDA removes {@code node} first (shutdown); false when interrupted. */
        private boolean awaitRetry(SessionConnectNode node, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (lock) {
                try {
                    long left;
                    while (connectQueue.contains(node) && (left = deadline - System.nanoTime()) > 0) {
                        lock.wait(Math.max(1, left / 1_000_000));
                    }
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
