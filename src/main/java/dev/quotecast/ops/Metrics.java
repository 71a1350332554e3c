package dev.quotecast.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.quotecast.bot.Commands;
import dev.quotecast.content.ContentService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bot's metrics in Prometheus text form: what was asked where and how it went, how fast, how
 * often the cache answered, how much is indexed, how daily posts fare, and the JVM's own gauges.
 * One registry per running bot (no global registry), so tests can start several side by side.
 *
 * <p>Tag values come from code (platform names, command names, outcomes), never from user text,
 * so the number of series stays bounded whatever people type.
 */
public final class Metrics implements Closeable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Counts every command the shared layer handles, and exposes its cache statistics. */
    public Metrics watch(Commands commands) {
        commands.addListener(this::command);
        FunctionCounter.builder("quotecast.cache.requests", commands, c -> c.cacheStats().hitCount())
                .tag("result", "hit").description("reply cache lookups").register(registry);
        FunctionCounter.builder("quotecast.cache.requests", commands, c -> c.cacheStats().missCount())
                .tag("result", "miss").description("reply cache lookups").register(registry);
        Gauge.builder("quotecast.cache.entries", commands, Commands::cacheSize).description("replies held in the cache").register(registry);
        Gauge.builder("quotecast.commands.in.flight", commands, c -> c.gate().inFlight())
                .description("commands being answered right now").register(registry);
        return this;
    }

    /** Exposes how much the current snapshot holds; follows hot reloads. */
    public Metrics watch(ContentService content) {
        Gauge.builder("quotecast.episodes.indexed", content, c -> c.corpus().size()).description("episodes being served").register(registry);
        Gauge.builder("quotecast.sentences.indexed", content, c -> c.corpus().sentenceCount()).register(registry);
        Gauge.builder("quotecast.passages.indexed", content, c -> c.passageCount())
                .description("passages in the search index").register(registry);
        return this;
    }

    /**
     * Exposes how many transcript files went bad while their episodes are served as they were
     * ({@code Engine.servingLastGood}): the number {@code /healthz} turns into a 503, as a gauge an
     * alert can watch without reading the health body.
     */
    public Metrics watchStale(java.util.function.IntSupplier servedAsBefore) {
        // held strongly: a gauge keeps only a weak reference to its object, and this lambda has no other owner
        Gauge.builder("quotecast.transcripts.stale", servedAsBefore, java.util.function.IntSupplier::getAsInt).strongReference(true)
                .description("transcript files that no longer read well while their episodes are served as they were").register(registry);
        return this;
    }

    void command(Commands.Event e) {
        Counter.builder("quotecast.commands")
                .description("commands handled, by platform, command and outcome")
                .tag("platform", e.platform()).tag("command", e.command()).tag("outcome", e.outcome())
                .tag("cache", e.cacheHit() ? "hit" : "miss")
                .register(registry).increment();
        Timer.builder("quotecast.command.latency")
                .description("time to answer a command in the shared layer")
                .tag("platform", e.platform()).tag("command", e.command())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(e.nanos(), TimeUnit.NANOSECONDS);
    }

    /** For the scheduler: one daily post sent ({@code ok}) or given up on. */
    public void scheduledPost(String platform, boolean ok) {
        Counter.builder("quotecast.scheduled.posts").description("daily posts, by platform and outcome")
                .tag("platform", platform).tag("outcome", ok ? "sent" : "failed")
                .register(registry).increment();
    }

    /** For hot reload: one re-index done, or one that failed. */
    public void reload(boolean ok) {
        Counter.builder("quotecast.reloads").description("hot reloads of the transcript folders")
                .tag("outcome", ok ? "ok" : "failed").register(registry).increment();
    }

    /** For components with gauges of their own (the state database's pool): they register here. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of everything above. */
    public String scrape() {
        return registry.scrape();
    }

    /** Serves {@link #scrape()} on GET (and HEAD). */
    public HttpHandler handler() {
        return this::serve;
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
