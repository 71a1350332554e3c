package dev.quotecast.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import dev.quotecast.config.OwnedFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quotecast bench}: builds the corpora, runs every probe in child JVMs, and prints the
 * Markdown table of figures. The orchestrating JVM only generates files, starts children and
 * formats; it never loads an engine, so its own heap and JIT do not colour any figure.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure cold build, warm start, query latency, heap and Slack HTTP throughput at several corpus sizes. Takes minutes; see the Benchmarks section of README.md.",
        footerHeading = "%nExamples:%n", footer = {"  quotecast bench --out BENCHMARKS.md", "  quotecast bench --sizes 1,101 --queries 500", "  quotecast bench --embeddings-only --sizes 1,101,1000"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N", description = "corpus sizes in episodes (default: ${DEFAULT-VALUE})")
    List<Integer> sizes = new ArrayList<>(List.of(1, 101, 1000));

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared corpus and eval sets (default: ${DEFAULT-VALUE})")
    Path shared = Path.of("../shared");

    @Option(names = "--seed-transcripts", paramLabel = "DIR", description = "the bundled seed transcript folder (default: ${DEFAULT-VALUE})")
    Path seedTranscripts = Path.of("transcripts");

    @Option(names = "--work", paramLabel = "DIR", description = "generated corpus, indexes and child logs; a new or empty folder, or one bench made "
            + "(default: ${DEFAULT-VALUE})")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "quotecast-bench");

    @Option(names = "--queries", paramLabel = "N", description = "measured queries per command and size (default: ${DEFAULT-VALUE})")
    int queries = 2000;

    @Option(names = "--seconds", paramLabel = "S", description = "Slack load duration per size (default: ${DEFAULT-VALUE})")
    int seconds = 20;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent Slack clients (default: ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--warm-starts", paramLabel = "N", description = "warm starts per size; the median is reported (default: ${DEFAULT-VALUE})")
    int warmStarts = 5;

    @Option(names = "--child-xmx", paramLabel = "SIZE", description = "-Xmx of every child JVM (default: ${DEFAULT-VALUE})")
    String childXmx = "1g";

    @Option(names = "--profile", description = "record JFR (profile settings) in the build, serve and Slack server children, into WORK/jfr")
    boolean profile;

    @Option(names = "--embed-sizes", split = ",", paramLabel = "N",
            description = "sizes among --sizes at which the default configuration (embeddings) is measured; the other sizes get its time to fully embedded extrapolated from the largest of these (default: ${DEFAULT-VALUE})")
    List<Integer> embedSizes = new ArrayList<>(List.of(1, 101));

    @Option(names = "--embeddings-only", description = "measure only the default configuration beside keywords only (first start to fully embedded, warm ask, one-shot, memory), not the keyword engine's table")
    boolean embeddingsOnly;

    @Option(names = "--one-shots", paramLabel = "N", description = "one-shot `ask` processes per size and configuration; the median is reported (default: ${DEFAULT-VALUE})")
    int oneShots = 3;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown report to FILE")
    Path out;

    private PrintWriter progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        progress = spec.commandLine().getErr();
        if (queries < 1 || seconds < 1 || clients < 1 || warmStarts < 1 || oneShots < 1 || sizes.isEmpty()) {
            progress.println("error: --queries, --seconds, --clients, --warm-starts, --one-shots and --sizes must be positive");
            return 2;
        }
        try {
            BenchFolder.claim(work);
        } catch (BenchFolder.NotBenchs e) {
            progress.println("error: " + e.getMessage());
            return 2;
        }
        Path sharedCorpus = shared.resolve("corpus/lex");
        if (!Files.isDirectory(sharedCorpus)) {
            progress.println("note: " + sharedCorpus.toAbsolutePath().normalize() + " is absent; only the seed size can run");
            sharedCorpus = null;
        }
        Path seed = Files.isDirectory(seedTranscripts) ? seedTranscripts : shared.resolve("transcripts");
        Corpora corpora = new Corpora(seed.toAbsolutePath(), sharedCorpus == null ? null : sharedCorpus.toAbsolutePath(), work.toAbsolutePath());
        Path log = work.resolve("children.log");
        Files.deleteIfExists(log);
        ChildJvm children = new ChildJvm(List.of("-Xmx" + childXmx, "-Djava.net.preferIPv4Stack=true"), log);
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long t0 = System.nanoTime();

        List<Integer> ordered = sizes.stream().sorted().distinct().toList();
        List<Figures> figures = new ArrayList<>();
        if (!embeddingsOnly) for (int size : ordered) figures.add(measure(size, corpora, children));
        List<DefaultFigures> defaults = new ArrayList<>();
        for (int size : ordered) if (embedSizes.contains(size)) defaults.add(measureDefault(size, corpora, children));
        List<DefaultReport.Extrapolated> extrapolated = new ArrayList<>();
        if (!defaults.isEmpty()) {
            for (int size : ordered) {
                if (!embedSizes.contains(size)) extrapolated.add(new DefaultReport.Extrapolated(size, passages(size, corpora, children), defaults.get(defaults.size() - 1)));
            }
        }
        List<String> notes = new ArrayList<>(List.of(
                "Every figure comes from a fresh child JVM (`-Xmx" + childXmx + "`, default GC) on the jar that printed this; "
                        + "logs of the children: `" + log.toAbsolutePath() + "`.",
                "MB is the size of the corpus's .txt transcripts, for both indexers; Quotecast also splits sentences, "
                        + "estimates times and keeps the corpus in memory.",
                "Cold build: median of the runs per size (3 up to 101 episodes, 1 above); each run starts from an empty index folder "
                        + "in a new JVM, so it includes JIT warm-up, as a first start does.",
                "Warm start: median of " + warmStarts + " child JVMs over the persisted index with no file changed, "
                        + "from the JVM's start time (RuntimeMXBean) to Engine.start returning.",
                "Slack: " + clients + " closed-loop Java clients (HTTP/1.1) send signed slash commands (/quote, /ask, /episode; "
                        + SlackEndToEnd.POOL_PER_KIND + " distinct texts each, shuffled, so early requests miss the cache and later ones hit) "
                        + "to the production SlackBot in HTTP mode in a child JVM on 127.0.0.1, for " + SlackEndToEnd.WARMUP.toSeconds()
                        + " s unmeasured then " + seconds + " s measured; latency is until the reply arrived (in the ack, or at response_url); "
                        + "an error is a non-200, a reply without blocks, a rate-limit or internal-error reply, or a timeout ("
                        + SlackEndToEnd.REQUEST_TIMEOUT.toSeconds() + " s). The server logs at INFO, as in production.",
                "Uncached: " + queries + " distinct generated queries per command after warm-up, one thread, through ContentService; "
                        + "cached: the same queries again through Commands.handle after one priming pass. Logging at WARN.",
                String.format(java.util.Locale.ROOT, "The whole run took %.1f min.", (System.nanoTime() - t0) / 6e10)));
        String md = figures.isEmpty()
                ? "Machine: " + Machine.current().describe() + "  \nRun: `" + commandLine() + "`, started " + started + "\n\n"
                : Report.render(Machine.current(), commandLine(), started, figures, notes);
        if (!defaults.isEmpty()) {
            md += "\n### Default configuration: keywords only beside embeddings\n\n" + DefaultReport.render(defaults, extrapolated, defaultNotes());
        }
        stdout.print(md);
        stdout.flush();
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
            progress.println("wrote " + out);
        }
        return 0;
    }

    private Figures measure(int size, Corpora corpora, ChildJvm children) throws IOException {
        double loadBefore = Machine.loadAverage();
        progress.printf("[%d] preparing the corpus%n", size);
        Corpora.Corpus corpus = corpora.of(size);
        Path inputs = work.resolve("inputs-" + size + ".txt");
        Files.write(inputs, corpus.inputs().stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        Path qcIndex = work.resolve("index-quotecast-" + size), plainIndex = work.resolve("index-plain-" + size);

        int runs = size <= 101 ? 3 : 1;
        double[] qc = new double[runs], plain = new double[runs];
        Map<String, String> built = Map.of();
        for (int r = 0; r < runs; r++) {
            // alternate which goes first, so neither always runs on the cooler machine
            for (int k = 0; k < 2; k++) {
                boolean quotecast = (r + k) % 2 == 0;
                Path dir = quotecast ? qcIndex : plainIndex;
                // the parse cache (and vectors, advice) beside the index too: left there, a second "cold" build read it
                for (Path owned : quotecast ? OwnedFolders.ofIndex(dir) : List.of(dir)) wipe(owned);
                progress.printf("[%d] cold build %d/%d: %s%n", size, r + 1, runs, quotecast ? "quotecast" : "plain lucene");
                Map<String, String> res = children.run(jfr(quotecast ? "build-quotecast" : "build-plain", size),
                        List.of(quotecast ? "build-quotecast" : "build-plain", dir.toString(), inputs.toString()), 3600);
                if (quotecast) {
                    qc[r] = Double.parseDouble(res.get("seconds"));
                    built = res;
                } else {
                    plain[r] = Double.parseDouble(res.get("seconds"));
                }
            }
        }

        List<Long> ready = new ArrayList<>();
        for (int r = 0; r < warmStarts; r++) {
            progress.printf("[%d] warm start %d/%d%n", size, r + 1, warmStarts);
            Map<String, String> res = children.run(List.of(), List.of("ready", qcIndex.toString(), inputs.toString()), 600);
            if (Boolean.parseBoolean(res.get("index_changed"))) throw new IllegalStateException("warm start re-indexed: the index was not current");
            ready.add(Long.parseLong(res.get("ready_ms")));
        }

        progress.printf("[%d] heap and %d queries per command%n", size, queries);
        Map<String, String> served = children.run(jfr("serve", size),
                List.of("serve", qcIndex.toString(), inputs.toString(), String.valueOf(queries),
                        Files.isDirectory(shared) ? shared.toAbsolutePath().toString() : "-"), 3600);
        Map<String, Latencies.Summary> uncached = new LinkedHashMap<>(), cached = new LinkedHashMap<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String kind : List.of("quote", "ask", "episode")) {
            uncached.put(kind, Latencies.Summary.decode(served.get("uncached_" + kind)));
            cached.put(kind, Latencies.Summary.decode(served.get("cached_" + kind)));
            found.put(kind, Integer.parseInt(served.get("found_" + kind)));
        }

        progress.printf("[%d] Slack HTTP end to end%n", size);
        EndToEnd slack = new SlackEndToEnd(children, work, progress).run(size, qcIndex, inputs,
                Files.isDirectory(shared) ? shared.toAbsolutePath() : null, seconds, clients, jfr("slack-server", size));

        return new Figures(corpus, Integer.parseInt(built.get("episodes")), Figures.median(qc), Figures.median(plain), runs, ready,
                uncached, cached, found, queries, Long.parseLong(served.get("heap_bytes")), Long.parseLong(served.get("max_heap_bytes")),
                Long.parseLong(served.get("disk_bytes")), new double[] {loadBefore, Machine.loadAverage()}, slack);
    }

    /**
     * The default configuration at one size: a first start over an empty index until every passage
     * is embedded, then over that persisted index warm {@code ask} and one-shots, with embeddings
     * and (reading the same index) without.
     */
    private DefaultFigures measureDefault(int size, Corpora corpora, ChildJvm children) throws IOException {
        double loadBefore = Machine.loadAverage();
        Corpora.Corpus corpus = corpora.of(size);
        Path inputs = work.resolve("inputs-" + size + ".txt");
        Files.write(inputs, corpus.inputs().stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        Path index = work.resolve("index-default-" + size);
        for (Path owned : OwnedFolders.ofIndex(index)) wipe(owned);
        progress.printf("[%d] default configuration: first start until fully embedded%n", size);
        Map<String, String> e = children.run(jfr("embed", size), List.of("embed", index.toString(), inputs.toString()), 4 * 3600);
        DefaultFigures.Embedding embedding = new DefaultFigures.Embedding(Double.parseDouble(e.get("ready_s")), Double.parseDouble(e.get("embedded_s")),
                Double.parseDouble(e.get("merged_s")), Long.parseLong(e.get("embedded_passages")), Double.parseDouble(e.get("cpu_s")));
        OneShot oneShot = new OneShot(children, work);
        DefaultFigures.Serving withEmbeddings = serving(size, index, inputs, true, corpus, oneShot, children);
        DefaultFigures.Serving keywordsOnly = serving(size, index, inputs, false, corpus, oneShot, children);
        return new DefaultFigures(size, Long.parseLong(e.get("passages")), embedding, keywordsOnly, withEmbeddings,
                new double[] {loadBefore, Machine.loadAverage()});
    }

    private DefaultFigures.Serving serving(int size, Path index, Path inputs, boolean embeddings, Corpora.Corpus corpus, OneShot oneShot,
                                           ChildJvm children) throws IOException {
        String what = embeddings ? "with embeddings" : "keywords only";
        progress.printf("[%d] warm ask, %s%n", size, what);
        Map<String, String> r = children.run(jfr("serve-ask-" + embeddings, size), List.of("serve-ask", index.toString(), inputs.toString(),
                String.valueOf(queries), Files.isDirectory(shared) ? shared.toAbsolutePath().toString() : "-", String.valueOf(embeddings)), 3600);
        progress.printf("[%d] one-shot ask, %s%n", size, what);
        double oneShotSeconds = oneShot.medianSeconds(corpus.inputs(), index, embeddings, oneShots);
        return new DefaultFigures.Serving(Latencies.Summary.decode(r.get("ask_wall")), Latencies.Summary.decode(r.get("ask_cpu")),
                Double.parseDouble(r.get("process_cpu_ms_per_ask")), Integer.parseInt(r.get("found_ask")), Long.parseLong(r.get("rss_bytes")),
                Long.parseLong(r.get("heap_bytes")), oneShotSeconds);
    }

    /** Passages at a size whose embedding is extrapolated: counted by a keyword build (seconds, not an embedding). */
    private long passages(int size, Corpora corpora, ChildJvm children) throws IOException {
        progress.printf("[%d] counting passages for the extrapolation%n", size);
        Corpora.Corpus corpus = corpora.of(size);
        Path inputs = work.resolve("inputs-" + size + ".txt");
        Files.write(inputs, corpus.inputs().stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        Path index = work.resolve("index-count-" + size);
        for (Path owned : OwnedFolders.ofIndex(index)) wipe(owned);
        return Long.parseLong(children.run(List.of(), List.of("build-quotecast", index.toString(), inputs.toString()), 3600).get("passages"));
    }

    private List<String> defaultNotes() {
        return List.of(
                "Default configuration: `index.embeddings` on (the shipped default), in fresh child JVMs (`-Xmx" + childXmx + "`) on this jar. "
                        + "First start: Engine.start over an empty index folder, until every passage is embedded and the advice judged with it; "
                        + "the rate is passages ÷ (fully embedded − ready), its CPU the whole process's over the whole start.",
                "Warm `ask`: up to " + queries + " generated questions through ContentService.answer, one thread, after two rounds of other "
                        + "questions; none was asked before, so each question's vector is made (the question cache never hits). "
                        + "CPU is the asking thread's CPU time (ONNX Runtime runs on that thread: one intra-op thread); "
                        + "keywords only reads the same persisted index with `index.embeddings: false`.",
                "One-shot: `quotecast ask \"" + OneShot.QUESTION + "\"` in a new JVM (`-Xmx" + childXmx + "`) over the index the first start "
                        + "persisted (read, not written; the keyword index is built in memory), from starting the process to its exit; median of "
                        + oneShots + ".",
                "Resident memory: VmRSS of the warm-ask JVM after its questions; ONNX Runtime's model and buffers are off the Java heap.");
    }

    private List<String> jfr(String mode, int size) throws IOException {
        if (!profile) return List.of();
        Path dir = work.resolve("jfr");
        Files.createDirectories(dir);
        return List.of("-XX:+FlightRecorder", "-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve(mode + "-" + size + ".jfr"));
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("java -jar target/quotecast.jar bench");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            if (!a.equals("bench")) sb.append(' ').append(a);
        }
        return sb.toString();
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
