package dev.quotecast;

import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.RateLimiter;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.OwnedFolders;
import dev.quotecast.content.AnswerModel;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Corpus;
import dev.quotecast.ops.DaemonThreads;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.BgeSmallEmbedder;
import dev.quotecast.search.PassageVectors;
import dev.quotecast.search.Searcher;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.LiveTranscripts;
import dev.quotecast.transcript.ParseCache;
import dev.quotecast.transcript.TranscriptFiles;
import dev.quotecast.transcript.TranscriptLibrary;
import dev.quotecast.transcript.TranscriptProblem;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core, assembled: transcripts loaded, indexed and served through the shared {@link Commands}.
 * Platform adapters receive an engine and know nothing of how it was built.
 */
public final class Engine implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final BotConfig config;
    private final LiveTranscripts transcripts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TranscriptIndex index;
    /** Passage embeddings, filled by {@link #embedding}; null when {@code index.embeddings} is off. */
    private final PassageVectors vectors;
    /** One thread: syncs of the vector index run one after another, never beside each other. */
    private final ExecutorService embedding;
    /** Runs the model's batches for the embedding thread (which only waits on them). */
    private final ExecutorService modelThreads;
    private volatile CompletableFuture<Void> embedded = CompletableFuture.completedFuture(null);
    private final ContentService content;
    private final Commands commands;
    private final CommandParser parser;
    private final Clock clock;
    private volatile List<TranscriptProblem> problems;
    private volatile TranscriptIndex.SyncReport lastSync;

    private Engine(BotConfig config, Clock clock, DailyHandler daily, AnswerModel answerModel) {
        // again here: --transcripts and eval's --index replace folders after the file was checked
        OwnedFolders.check(config, config.source() == null ? "config" : config.source().toString(), java.util.Map.of());
        this.config = config;
        this.clock = clock;
        // parsed sentences persist beside a persisted index (data/index.parsed), so a restart reads them back
        this.transcripts = new LiveTranscripts(new TranscriptLibrary(config.indexDir() == null ? ParseCache.none()
                : ParseCache.in(besideIndex(config, ".parsed")), new TranscriptFiles(config.limits().maxTranscriptBytes())));
        long t0 = System.nanoTime();
        TranscriptLibrary.Loaded loaded = transcripts.refresh(config.transcriptDirs(), Set.of()).loaded();
        this.problems = loaded.problems();
        for (TranscriptProblem p : problems) log.warn("skipped transcript {}", p);
        long t1 = System.nanoTime();
        this.index = TranscriptIndex.open(config.indexDir(), new Analyzers());
        this.lastSync = index.sync(loaded.episodes());
        long tModel = System.nanoTime();
        if (config.embeddings()) {
            this.embedding = Executors.newSingleThreadExecutor(DaemonThreads.numbered("quotecast-embed"));
            this.modelThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), DaemonThreads.numbered("quotecast-model"));
            this.vectors = PassageVectors.open(besideIndex(config, ".vectors"), new BgeSmallEmbedder(modelThreads));
            // Loaded now, before the bot is up, not lazily on the embedding thread: a SIGTERM that lands
            // while ONNX Runtime creates its session crashes the JVM (SIGSEGV in createSession, seen
            // 1 time in 6 when the signal came in that second). Startup pays about half a second for it.
            vectors.embedder().query("warm up");
        } else {
            this.embedding = null;
            this.modelThreads = null;
            this.vectors = null;
        }
        long t2 = System.nanoTime();
        this.content = new ContentService(new ContentService.Snapshot(new Corpus(loaded.episodes()), new Searcher(index, vectors)),
                new SplittableRandom(), answerModel);
        this.commands = new Commands(content, new RateLimiter(config.limits().perUserPerMinute(), System::nanoTime), clock,
                config.zone(), config.cache().maxEntries(), config.cache().ttl(), daily);
        this.parser = new CommandParser(config.limits().maxQueryChars());
        log.info("loaded {} episodes ({} sentences) in {} ms (transcripts {} ms, index {} ms, embedding model {} ms); index: {}",
                loaded.episodes().size(), content.corpus().sentenceCount(), (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000,
                (tModel - t1) / 1_000_000, (t2 - tModel) / 1_000_000, lastSync);
        embed(loaded.episodes());
    }

    /**
     * A folder next to the index folder, {@code data/index} + {@code suffix} (the parse cache, the
     * vectors); null when the index is kept in memory, and so is everything beside it.
     */
    private static Path besideIndex(BotConfig config, String suffix) {
        Path dir = config.indexDir();
        return dir == null ? null : dir.resolveSibling(dir.getFileName() + suffix);
    }

    /**
     * Embeds the episodes not yet in the vector index, in the background: the bot answers from
     * keywords meanwhile, and from both once an episode is in. Cached replies are dropped when it
     * is done, since answers may now differ.
     */
    private void embed(List<Episode> episodes) {
        if (vectors == null) return;
        embedded = CompletableFuture.runAsync(() -> {
            long t0 = System.nanoTime();
            try {
                PassageVectors.Progress p = vectors.sync(episodes, closed::get);
                if (p.embedded() + p.removed() > 0) {
                    commands.invalidate();
                    log.info("embedded {} passages of {} episodes in {} ms ({} unchanged, {} removed{})", p.passages(), p.embedded(),
                            (System.nanoTime() - t0) / 1_000_000, p.unchanged(), p.removed(), p.stopped() ? ", stopped by shutdown" : "");
                }
            } catch (RuntimeException e) {
                if (!closed.get()) log.warn("embedding passages failed; questions are answered from keywords alone", e);
            }
        }, embedding);
    }

    /** Waits until the passages known at the last start or reload are embedded (eval, benchmarks, tests). */
    public void awaitEmbeddings() {
        embedded.join();
    }

    /** Passages with an embedding so far (0 when embeddings are off). */
    public int embeddedPassages() {
        return vectors == null ? 0 : vectors.passageCount();
    }

    public static Engine start(BotConfig config) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), AnswerModel.shipped());
    }

    public static Engine start(BotConfig config, Clock clock, DailyHandler daily) {
        return new Engine(config, clock, daily, AnswerModel.shipped());
    }

    /** An engine that answers with another model than the shipped one (evaluating a model before it ships). */
    public static Engine start(BotConfig config, AnswerModel answerModel) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), answerModel);
    }

    /**
     * Re-reads the transcript folders and brings index, corpus and cache in line. Only new or
     * changed files are parsed again. A file that fails to parse is reported; if it parsed before,
     * its last good version keeps being served, so a bad edit never removes an episode. Queries in
     * flight finish on the snapshot they started with.
     */
    public TranscriptIndex.SyncReport reload() {
        return reload(Set.of());
    }

    /** As {@link #reload()}, re-parsing {@code touched} even if their size and time look unchanged. */
    public synchronized TranscriptIndex.SyncReport reload(Set<Path> touched) {
        if (closed.get()) throw new IllegalStateException("engine is closed");
        LiveTranscripts.Refresh refresh = transcripts.refresh(config.transcriptDirs(), touched);
        TranscriptLibrary.Loaded loaded = refresh.loaded();
        problems = loaded.problems();
        for (TranscriptProblem p : problems) log.warn("transcript problem: {}", p);
        TranscriptIndex.SyncReport report = index.sync(loaded.episodes());
        if (report.changed() || content.corpus().size() != loaded.episodes().size() || refresh.parsed() > 0) {
            content.replace(new ContentService.Snapshot(new Corpus(loaded.episodes()), new Searcher(index, vectors)));
            commands.invalidate();
            embed(loaded.episodes());
        }
        lastSync = report;
        log.info("re-indexed: {} (parsed {} file(s), {} unchanged, {} kept at last good version)", report, refresh.parsed(),
                refresh.reused(), refresh.keptLastGood());
        return report;
    }

    public BotConfig config() {
        return config;
    }

    public Commands commands() {
        return commands;
    }

    public CommandParser parser() {
        return parser;
    }

    public ContentService content() {
        return content;
    }

    public TranscriptIndex index() {
        return index;
    }

    public Clock clock() {
        return clock;
    }

    public List<TranscriptProblem> problems() {
        return problems;
    }

    public TranscriptIndex.SyncReport lastSync() {
        return lastSync;
    }

    /**
     * Stops embedding (between chunks of passages; what was committed stays), then commits and closes the
     * indexes; later calls do nothing, so shutdown paths may overlap.
     */
    @Override
    public synchronized void close() throws IOException {
        if (!closed.compareAndSet(false, true)) return;
        if (vectors != null) {
            embedding.shutdown();
            try {
                // it stops between chunks of passages; a native call in flight (loading the model, one
                // chunk) must end before the process may exit, or ONNX Runtime's teardown crashes it
                if (!embedding.awaitTermination(10, TimeUnit.SECONDS)) log.warn("embedding did not stop within 10 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            modelThreads.shutdownNow();
            vectors.close();
        }
        content.close();
        index.close();
    }
}
