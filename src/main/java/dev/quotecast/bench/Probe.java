package dev.quotecast.bench;

import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.ContentService;
import dev.quotecast.search.CachedQueries;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The measuring end of the benchmark, run in a fresh child JVM per figure so that each JVM holds
 * only what it measures: a cold build pays its own JIT warm-up as a real first start does, a warm
 * start is timed from the JVM's own start, and the heap figure is the engine's heap, not the
 * harness's. Results go to stdout as {@code BENCH key value} lines, which {@link ChildJvm} reads;
 * logs go to stderr, which the parent keeps in a file.
 *
 * <pre>
 * Probe build-quotecast INDEX_DIR INPUTS_FILE
 * Probe build-plain     INDEX_DIR INPUTS_FILE
 * Probe ready           INDEX_DIR INPUTS_FILE
 * Probe serve           INDEX_DIR INPUTS_FILE QUERIES SHARED_DIR|-
 * Probe embed           INDEX_DIR INPUTS_FILE
 * Probe serve-ask       INDEX_DIR INPUTS_FILE QUERIES SHARED_DIR|- true|false
 * </pre>
 * INPUTS_FILE lists one transcript folder or file per line.
 */
public final class Probe {

    static final String PREFIX = "BENCH ";

    private Probe() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Probe build-quotecast|build-plain|ready|serve|embed|serve-ask INDEX_DIR INPUTS_FILE [QUERIES SHARED_DIR [EMBEDDINGS]]");
            System.exit(2);
        }
        Path index = Path.of(args[1]);
        List<Path> inputs = readInputs(Path.of(args[2]));
        switch (args[0]) {
            case "build-quotecast" -> buildQuotecast(index, inputs);
            case "build-plain" -> buildPlain(index, inputs);
            case "ready" -> ready(index, inputs);
            case "serve" -> serve(index, inputs, Integer.parseInt(args[3]), args[4].equals("-") ? null : Path.of(args[4]));
            case "embed" -> embed(index, inputs);
            case "serve-ask" -> serveAsk(index, inputs, Integer.parseInt(args[3]), args[4].equals("-") ? null : Path.of(args[4]),
                    Boolean.parseBoolean(args[5]));
            default -> {
                System.err.println("unknown probe mode " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static List<Path> readInputs(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(Path.of(line.trim()));
        return out;
    }

    static void emit(String key, Object value) {
        System.out.println(PREFIX + key + " " + value);
        System.out.flush();
    }

    /**
     * Keywords only: embedding fills in the background for minutes at these sizes and would load
     * the very cores being measured. Its cost is measured by {@code eval} (README "Quality").
     */
    private static BotConfig config(Path index, List<Path> inputs) {
        return BotConfig.defaults().withTranscripts(inputs).withIndexDir(index).withEmbeddings(false);
    }

    /** Engine start over an empty index folder: parse, analyse, index, commit. */
    private static void buildQuotecast(Path index, List<Path> inputs) throws IOException {
        long t0 = System.nanoTime();
        try (Engine engine = Engine.start(config(index, inputs))) {
            long nanos = System.nanoTime() - t0;
            if (engine.lastSync().added() == 0) throw new IllegalStateException("the index folder was not empty: " + engine.lastSync());
            emit("seconds", seconds(nanos));
            emit("episodes", engine.content().corpus().size());
            emit("sentences", engine.content().corpus().sentenceCount());
            emit("passages", engine.content().passageCount());
            emit("problems", engine.problems().size());
            emit("disk_bytes", engine.index().sizeOnDisk());
        }
    }

    private static void buildPlain(Path index, List<Path> inputs) throws IOException {
        List<Path> text = new ArrayList<>();
        for (Path p : inputs) text.addAll(Files.isDirectory(p) ? Corpora.textFiles(p) : p.toString().endsWith(".txt") ? List.of(p) : List.of());
        long t0 = System.nanoTime();
        PlainIndexer.Result r = new PlainIndexer().build(text, index);
        emit("seconds", seconds(System.nanoTime() - t0));
        emit("files", r.files());
        emit("paragraphs", r.paragraphs());
        emit("bytes", r.bytes());
    }

    /** JVM start to a started engine over a persisted, current index. */
    private static void ready(Path index, List<Path> inputs) throws IOException {
        try (Engine engine = Engine.start(config(index, inputs))) {
            long readyMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            emit("ready_ms", readyMillis);
            emit("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
            emit("index_changed", engine.lastSync().changed());
            emit("episodes", engine.content().corpus().size());
        }
    }

    /**
     * The default configuration's first start: an empty index folder, embeddings on, until every
     * passage is embedded (and the advice judged with it, which the engine does next on the same
     * thread). The bot answers from keywords from {@code ready_s}; answers reach full quality at
     * {@code embedded_s}, and cost their least once the vector index is one segment, at {@code merged_s}.
     */
    private static void embed(Path index, List<Path> inputs) throws IOException {
        long c0 = processCpuNanos(), t0 = System.nanoTime();
        try (Engine engine = Engine.start(BotConfig.defaults().withTranscripts(inputs).withIndexDir(index))) {
            long ready = System.nanoTime();
            if (engine.lastSync().added() == 0) throw new IllegalStateException("the index folder was not empty: " + engine.lastSync());
            engine.awaitEmbeddings();
            long done = System.nanoTime();
            long cpu = processCpuNanos() - c0;
            engine.awaitCompactedVectors();
            emit("ready_s", seconds(ready - t0));
            emit("embedded_s", seconds(done - t0));
            emit("merged_s", seconds(System.nanoTime() - t0));
            emit("cpu_s", seconds(cpu));
            emit("passages", engine.content().passageCount());
            emit("embedded_passages", engine.embeddedPassages());
            emit("episodes", engine.content().corpus().size());
        }
    }

    /**
     * Warm {@code ask} with embeddings on or off over the same persisted index: latency and CPU per
     * question, memory. Each measured question is new to the engine (none was asked in warm-up), so
     * its vector is made, as for a user's question; with a learned answer model and one
     * intra-op thread the vector is made on the asking thread, whose CPU time therefore counts it.
     */
    private static void serveAsk(Path index, List<Path> inputs, int queries, Path shared, boolean embeddings) throws IOException {
        try (Engine engine = Engine.start(BotConfig.defaults().withTranscripts(inputs).withIndexDir(index).withEmbeddings(embeddings))) {
            engine.awaitCompactedVectors();
            engine.awaitSpeakers();
            emit("index_changed", engine.lastSync().changed());
            emit("passages", engine.content().passageCount());
            emit("embedded_passages", engine.embeddedPassages());
            if (embeddings && engine.embeddedPassages() < engine.content().passageCount()) {
                throw new IllegalStateException("the vector index is not complete: " + engine.embeddedPassages() + " of " + engine.content().passageCount());
            }
            List<dev.quotecast.transcript.Episode> episodes = engine.content().corpus().episodes();
            List<String> warmup = new QueryMix(8).generate(episodes, List.of(), Math.max(300, queries / 4)).asks();
            Set<String> seen = new HashSet<>();
            for (String q : warmup) seen.add(CachedQueries.normalised(q));
            List<String> measured = new ArrayList<>();
            for (String q : new QueryMix(7).generate(episodes, QueryMix.evalQuestions(shared), queries).asks()) {
                if (seen.add(CachedQueries.normalised(q))) measured.add(q);
            }
            ContentService content = engine.content();
            for (int round = 0; round < 2; round++) for (String q : warmup) content.answer(q);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Latencies wall = new Latencies(measured.size()), cpu = new Latencies(measured.size());
            int found = 0;
            long p0 = processCpuNanos(), start = System.nanoTime();
            for (String q : measured) {
                long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                boolean answered = content.answer(q).isPresent();
                long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime();
                wall.add(t1 - t0);
                cpu.add(Math.max(0, c1 - c0));
                if (answered) found++;
            }
            long elapsed = System.nanoTime() - start, processCpu = processCpuNanos() - p0;
            emit("ask_wall", wall.summary(elapsed).encode());
            emit("ask_cpu", cpu.summary(elapsed).encode());
            emit("process_cpu_ms_per_ask", String.format(Locale.ROOT, "%.3f", processCpu / 1e6 / Math.max(1, measured.size())));
            emit("found_ask", found);
            emit("rss_bytes", Resident.current());
            emit("heap_bytes", heapAfterFullGc());
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Heap after load, index size, then the query loops. */
    private static void serve(Path index, List<Path> inputs, int queries, Path shared) throws IOException {
        try (Engine engine = Engine.start(config(index, inputs))) {
            engine.awaitSpeakers(); // heap and latency of a settled bot, who speaks read in every episode
            emit("index_changed", engine.lastSync().changed());
            emit("episodes", engine.content().corpus().size());
            emit("heap_bytes", heapAfterFullGc());
            emit("max_heap_bytes", Runtime.getRuntime().maxMemory());
            emit("disk_bytes", engine.index().sizeOnDisk());

            List<String> eval = QueryMix.evalQuestions(shared);
            List<dev.quotecast.transcript.Episode> episodes = engine.content().corpus().episodes();
            QueryMix.Mix measured = new QueryMix(7).generate(episodes, eval, queries);
            QueryMix.Mix warmup = new QueryMix(8).generate(episodes, List.of(), Math.max(300, queries / 4));
            emit("queries", measured.quotes().size() + " " + measured.asks().size() + " " + measured.episodes().size());

            ContentService content = engine.content();
            Function<String, Object> quote = q -> content.quotes(q, Commands.QUOTE_PAGES);
            Function<String, Object> ask = content::answer;
            Function<String, Object> episode = content::episode;
            for (int round = 0; round < 2; round++) {
                loop(warmup.quotes(), quote);
                loop(warmup.asks(), ask);
                loop(warmup.episodes(), episode);
            }
            Measured q = loop(measured.quotes(), quote), a = loop(measured.asks(), ask), e = loop(measured.episodes(), episode);
            emit("uncached_quote", q.summary().encode());
            emit("uncached_ask", a.summary().encode());
            emit("uncached_episode", e.summary().encode());
            emit("found_quote", q.found());
            emit("found_ask", a.found());
            emit("found_episode", e.found());

            Commands commands = engine.commands();
            List<Request> quotes = requests(measured.quotes(), t -> new Command.Quote(t, 0));
            List<Request> asks = requests(measured.asks(), Command.Ask::new);
            List<Request> lookups = requests(measured.episodes(), Command.Episode::new);
            for (List<Request> rs : List.of(quotes, asks, lookups)) loop(rs, commands::handle);
            emit("cached_quote", loop(quotes, commands::handle).summary().encode());
            emit("cached_ask", loop(asks, commands::handle).summary().encode());
            emit("cached_episode", loop(lookups, commands::handle).summary().encode());
            emit("cache_hit_rate", String.format(Locale.ROOT, "%.4f", commands.cacheStats().hitRate()));
        }
    }

    /** Local operator requests (user null): the rate limit must not shape a latency loop. */
    private static List<Request> requests(List<String> texts, Function<String, Command> command) {
        return texts.stream().map(t -> new Request("bench", null, null, command.apply(t), false)).toList();
    }

    /** A measured loop and how many of its calls found something. */
    record Measured(Latencies.Summary summary, int found) {}

    private static <T> Measured loop(List<T> inputs, Function<T, Object> call) {
        Latencies lat = new Latencies(inputs.size());
        int found = 0;
        long start = System.nanoTime();
        for (T in : inputs) {
            long t0 = System.nanoTime();
            Object r = call.apply(in);
            lat.add(System.nanoTime() - t0);
            if (isFound(r)) found++;
        }
        return new Measured(lat.summary(System.nanoTime() - start), found);
    }

    private static boolean isFound(Object r) {
        if (r instanceof java.util.Optional<?> o) return o.isPresent();
        if (r instanceof List<?> l) return !l.isEmpty();
        if (r instanceof dev.quotecast.bot.Reply reply) {
            return !(reply instanceof dev.quotecast.bot.Reply.NotFound) && !(reply instanceof dev.quotecast.bot.Reply.Error);
        }
        return r != null;
    }

    /** Used heap after several full collections, so that only reachable objects count. */
    static long heapAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            used = Math.min(used, heap.getUsed());
        }
        return used;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
