package dev.quotecast.ops;

import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.bot.WorkGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running bot around an {@link Engine}: health and metrics on the HTTP port, hot reload
 * of the transcript folders, the chat platforms, and the ordered shutdown that SIGTERM runs.
 * {@code quotecast run} builds one; tests build one on port 0 and drive it directly.
 */
public final class BotRuntime {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

    /** Container runtimes send SIGKILL 10 s after SIGTERM: everything must be done before that. */
    public static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(8);

    /** How long commands in flight may take to finish once shutdown begins. */
    public static final Duration DRAIN = Duration.ofSeconds(3);

    /**
     * Something else the bot runs (the daily scheduler, say), closed on shutdown after commands
     * drain: before the platforms, or after them ({@code last}: the state store, which the
     * platforms use until they are closed).
     */
    public record Service(String name, AutoCloseable closeable, boolean last) {
        public Service(String name, AutoCloseable closeable) {
            this(name, closeable, false);
        }
    }

    /** What {@code /healthz} adds about the state store and the platforms' parts (Discord's shards). */
    public record Reports(Supplier<StateHealth> state, Supplier<Map<String, String>> parts) {
        public static Reports none() {
            return new Reports(() -> StateHealth.ok("files"), Map::of);
        }
    }

    /** Tuning for tests; production uses {@link #defaults()}. */
    public record Options(Duration reloadQuiet, Duration shutdownDeadline, Duration drain) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(500), SHUTDOWN_DEADLINE, DRAIN);
        }
    }

    private final Engine engine;
    private final HttpEndpoint http;
    private final List<ChatPlatform> platforms;
    private final Metrics metrics;
    private final TranscriptWatcher watcher;
    private final Shutdown shutdown;
    private final ReloadHealth reloads = new ReloadHealth();
    private final PlatformStarter starter = new PlatformStarter();

    private BotRuntime(Engine engine, HttpEndpoint http, List<ChatPlatform> platforms, List<Service> services, Metrics metrics,
                       Options options) {
        this.engine = engine;
        this.http = http;
        this.platforms = List.copyOf(platforms);
        this.metrics = metrics.watch(engine.commands()).watch(engine.content()).watchStale(() -> engine.servingLastGood().size());
        this.shutdown = new Shutdown(options.shutdownDeadline());
        this.watcher = new TranscriptWatcher(engine.config().transcriptDirs(), options.reloadQuiet(), this::reload);

        WorkGate gate = engine.commands().gate();
        shutdown.then("refuse new commands", Duration.ofMillis(200), left -> gate.close())
                .then("finish commands in flight", options.drain(), left -> {
                    if (!gate.awaitIdle(left)) log.warn("{} command(s) still running; not waiting longer", gate.inFlight());
                })
                .thenClose("stop watching transcripts", Duration.ofMillis(500), watcher)
                .thenClose("stop starting platforms", Duration.ofMillis(200), starter);
        // before the platforms: a scheduler must not post through a platform already closed
        for (Service s : services) if (!s.last()) shutdown.thenClose("stop " + s.name(), Duration.ofMillis(1500), s.closeable());
        for (ChatPlatform p : this.platforms) shutdown.thenClose("disconnect " + p.name(), Duration.ofMillis(1500), p);
        for (Service s : services) if (s.last()) shutdown.thenClose("close " + s.name(), Duration.ofMillis(1500), s.closeable());
        if (http != null) shutdown.then("stop http", Duration.ofMillis(1200), left -> http.stop(1));
        // up to 5 s: the embedding thread may be inside ONNX Runtime (loading the model takes about a
        // second); the process must not exit under it, or the runtime's native teardown crashes
        shutdown.thenClose("flush and close the index", Duration.ofSeconds(5), engine)
                .thenClose("close metrics", Duration.ofMillis(200), metrics);
    }

    /**
     * Mounts {@code /healthz} and {@code /metrics} on {@code http} and starts it (null: no HTTP),
     * starts watching the transcripts, then starts each platform. A platform that fails to start is
     * logged, reported by {@code /healthz}, and tried again in the background until it starts; the
     * bot serves the others meanwhile.
     */
    public static BotRuntime start(Engine engine, HttpEndpoint http, List<ChatPlatform> platforms, List<Service> services,
                                   Options options) {
        return start(engine, http, platforms, services, new Metrics(), options);
    }

    /**
     * As above, with a {@link Metrics} made beforehand: so that services built before the runtime
     * (the daily scheduler) can already report to it, e.g. through {@link Metrics#scheduledPost}.
     */
    public static BotRuntime start(Engine engine, HttpEndpoint http, List<ChatPlatform> platforms, List<Service> services,
                                   Metrics metrics, Options options) {
        return start(engine, http, platforms, services, metrics, options, Reports.none());
    }

    /** As above, with what {@code /healthz} says about the state store and the platforms' parts. */
    public static BotRuntime start(Engine engine, HttpEndpoint http, List<ChatPlatform> platforms, List<Service> services,
                                   Metrics metrics, Options options, Reports reports) {
        BotRuntime bot = new BotRuntime(engine, http, platforms, services, metrics, options);
        if (http != null) {
            http.route("/healthz", new Health(engine::content, () -> bot.platforms, bot.shutdown::started, bot::degraded, reports.state(),
                            reports.parts()))
                    .route("/metrics", bot.metrics.handler())
                    .start();
            log.info("HTTP on port {}: /healthz, /metrics", http.port());
        }
        bot.watcher.start();
        bot.starter.startAll(bot.platforms);
        return bot;
    }

    /** Why what the bot serves, or where it serves it, is not what it should be (see {@link Health}). */
    private List<String> degraded() {
        List<String> out = new ArrayList<>(reloads.problems());
        out.addAll(ReloadHealth.servedAsBefore(engine.servingLastGood()));
        out.addAll(starter.problems());
        return out;
    }

    private void reload(Set<Path> touched) {
        try {
            engine.reload(touched);
            metrics.reload(true);
            reloads.succeeded();
        } catch (RuntimeException e) {
            metrics.reload(false);
            reloads.failed(e);
            throw e;
        }
    }

    public Metrics metrics() {
        return metrics;
    }

    public Shutdown shutdown() {
        return shutdown;
    }

    public Engine engine() {
        return engine;
    }

    /** The HTTP port in use, or -1 when HTTP is off. */
    public int port() {
        return http == null ? -1 : http.port();
    }

    /** Runs the shutdown (once; later calls wait for the first) and returns how each step went. */
    public List<Shutdown.Outcome> stop() {
        return new ArrayList<>(shutdown.run());
    }
}
