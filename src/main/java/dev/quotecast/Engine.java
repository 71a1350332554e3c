package dev.quotecast;

import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.RateLimiter;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.OwnedFolders;
import dev.quotecast.content.AdviceOfTheDay;
import dev.quotecast.content.AdviceScores;
import dev.quotecast.content.Models;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Corpus;
import dev.quotecast.ops.DaemonThreads;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.BgeSmallEmbedder;
import dev.quotecast.search.CachedQueries;
import dev.quotecast.search.Embedder;
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
import java.util.ArrayList;
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
    /** The model's native session, freed by {@link #close}; null when embeddings are off. */
    private final BgeSmallEmbedder model;
    /** Question vectors remembered ({@link CachedQueries}): 1.5 KB each. */
    private static final long QUESTION_VECTORS = 4_096;
    private volatile CompletableFuture<Void> embedded = CompletableFuture.completedFuture(null);
    /** The embedding thread's whole turn: {@link #embedded}, then the vector index merged into one segment (the bot only). */
    private volatile CompletableFuture<Void> compacted = CompletableFuture.completedFuture(null);
    /** The episodes the embedding thread was last given: a merge is left to the turn that embeds the newest. */
    private volatile List<Episode> toEmbed = List.of();
    private final boolean compactVectors;
    private final Models models;
    /** Advice judged with its meaning (after the passages are embedded); null when embeddings or the advice model are off. */
    private final AdviceScores adviceScores;
    private final boolean persistAdvice;
    private final ContentService content;
    /**
     * One thread that reads who speaks in every episode after a start or reload, so that the first
     * quotes do not pay for it (a cold quote at 1,000 episodes took 0.2 to 1.3 s, Slack's p99 5.9 s);
     * null for a one-shot or training, which read only the episodes they touch.
     */
    private final ExecutorService speakers;
    private volatile CompletableFuture<Void> speakersRead = CompletableFuture.completedFuture(null);
    /** The episodes of the last start or reload: a read of an older list stops, as a later one is queued behind it. */
    private volatile List<Episode> speakersToRead = List.of();
    private final Commands commands;
    private final CommandParser parser;
    private final Clock clock;
    private volatile List<TranscriptProblem> problems;
    /** What is not served as the folders hold it: see {@link #servingLastGood()}. */
    private volatile List<TranscriptProblem> servingLastGood = List.of();
    /**
     * Episodes the persisted index holds from a folder that could not be listed or a file that could
     * not be read ({@link LiveTranscripts.Refresh#unread}), when no version of
     * them was read since the start: left in the index and the vectors, not served ({@link #syncIndex}).
     */
    private volatile Set<String> keptUnread = Set.of();
    private volatile TranscriptIndex.SyncReport lastSync;

    /** What an engine is started for: what it may write, and what it reads back from earlier runs. */
    private enum Use {
        /** the bot: keeps its index, parsed episodes and vectors under {@code index.dir} */
        BOT,
        /** one command: reads what a bot persisted, writes nothing */
        ONE_SHOT,
        /** training: as a one-shot, but parses every transcript again (see {@link #startForTraining}) */
        TRAINING
    }

    private Engine(BotConfig config, Clock clock, DailyHandler daily, Models models, Use use) {
        boolean oneShot = use != Use.BOT;
        // a one-shot ends before a merge would pay off, and training searches exactly, never the graph
        this.compactVectors = !oneShot;
        // again here: --transcripts and eval's --index replace folders after the file was checked
        OwnedFolders.check(config, config.source() == null ? "config" : config.source().toString(), java.util.Map.of());
        this.config = config;
        this.clock = clock;
        // parsed sentences persist beside a persisted index (data/index.parsed), so a restart reads them back;
        // a one-shot command reads what a bot left there and writes nothing
        ParseCache cache = config.indexDir() == null || use == Use.TRAINING ? ParseCache.none()
                : oneShot ? ParseCache.readOnly(besideIndex(config, ".parsed")) : ParseCache.in(besideIndex(config, ".parsed"));
        this.transcripts = new LiveTranscripts(new TranscriptLibrary(cache, new TranscriptFiles(config.limits().maxTranscriptBytes())));
        long t0 = System.nanoTime();
        LiveTranscripts.Refresh first = transcripts.refresh(config.transcriptDirs(), Set.of());
        TranscriptLibrary.Loaded loaded = first.loaded();
        this.problems = loaded.problems();
        for (TranscriptProblem p : problems) log.warn("skipped transcript {}", p);
        long t1 = System.nanoTime();
        // a one-shot's keyword index is its own, in memory: a few seconds, and never the running bot's folder or lock
        this.index = TranscriptIndex.open(oneShot ? null : config.indexDir(), new Analyzers());
        this.lastSync = syncIndex(first);
        long tModel = System.nanoTime();
        if (config.embeddings()) {
            this.embedding = Executors.newSingleThreadExecutor(DaemonThreads.numbered("quotecast-embed"));
            this.modelThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), DaemonThreads.numbered("quotecast-model"));
            this.model = new BgeSmallEmbedder(modelThreads);
            Embedder embedder = new CachedQueries(model, QUESTION_VECTORS);
            PassageVectors persisted = oneShot ? PassageVectors.openReadOnly(besideIndex(config, ".vectors"), embedder) : null;
            this.vectors = persisted != null ? persisted : PassageVectors.open(oneShot ? null : besideIndex(config, ".vectors"), embedder);
            // Loaded now, before the bot is up, not lazily on the embedding thread: a SIGTERM that lands
            // while ONNX Runtime creates its session crashes the JVM (SIGSEGV in createSession, seen
            // 1 time in 6 when the signal came in that second). Startup pays about half a second for it.
            vectors.embedder().query("warm up");
        } else {
            this.embedding = null;
            this.modelThreads = null;
            this.model = null;
            this.vectors = null;
        }
        long t2 = System.nanoTime();
        this.models = models;
        // advice judged with its meaning, kept beside the index (data/index.advice); read, never written, by a one-shot
        // kept even without vectors (a one-shot `advice`): what a bot judged with meaning is read back, nothing is judged here
        this.adviceScores = !models.advice().learned() || (vectors == null && config.indexDir() == null) ? null
                : new AdviceScores(config.indexDir() == null ? null : besideIndex(config, ".advice"), adviceModelName(models));
        this.persistAdvice = !oneShot;
        this.content = new ContentService(new ContentService.Snapshot(new Corpus(loaded.episodes()), new Searcher(index, vectors)),
                new SplittableRandom(), models, adviceScores);
        this.commands = new Commands(content, new RateLimiter(config.limits().perUserPerMinute(), System::nanoTime), clock,
                config.zone(), config.cache().maxEntries(), config.cache().ttl(), daily);
        this.parser = new CommandParser(config.limits().maxQueryChars());
        this.speakers = oneShot ? null : Executors.newSingleThreadExecutor(DaemonThreads.numbered("quotecast-speakers"));
        log.info("loaded {} episodes ({} sentences) in {} ms (transcripts {} ms, index {} ms, embedding model {} ms); index: {}",
                loaded.episodes().size(), content.corpus().sentenceCount(), (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000,
                (tModel - t1) / 1_000_000, (t2 - tModel) / 1_000_000, lastSync);
        embed(loaded.episodes());
        readSpeakers(loaded.episodes());
    }

    /** Reads who speaks in {@code episodes} on the {@link #speakers} thread; what a request read already is not read again. */
    private void readSpeakers(List<Episode> episodes) {
        if (speakers == null) return;
        speakersToRead = episodes;
        speakersRead = CompletableFuture.runAsync(() -> {
            long t0 = System.nanoTime();
            try {
                java.util.function.BooleanSupplier superseded = () -> closed.get() || Thread.currentThread().isInterrupted() || speakersToRead != episodes;
                int n = models.host().read(episodes, superseded);
                long t1 = System.nanoTime();
                int kinds = content.corpus().readAnswerKinds(superseded);
                log.info("read who speaks in {} episodes in {} ms, and what kind of answer each sentence holds in {} in {} ms", n,
                        (t1 - t0) / 1_000_000, kinds, (System.nanoTime() - t1) / 1_000_000);
            } catch (RuntimeException e) {
                if (!closed.get()) log.warn("reading who speaks failed; requests read each episode when they need it", e);
            }
        }, speakers);
    }

    /** Waits until who speaks is read in the episodes known at the last start or reload (benchmarks: figures of a settled bot). */
    public void awaitSpeakers() {
        speakersRead.join();
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
     * is done, since answers may now differ. The bot then merges the vector index into one segment.
     */
    private void embed(List<Episode> episodes) {
        // read-only vectors (a one-shot beside a bot): episodes changed since the bot embedded them are answered from keywords
        if (vectors == null || vectors.readOnly()) return;
        toEmbed = episodes;
        CompletableFuture<Void> done = new CompletableFuture<>();
        compacted = CompletableFuture.runAsync(() -> {
            try {
                embedPassages(episodes);
                scoreAdvice(episodes);
            } finally {
                done.complete(null);
            }
            // after a reload the next turn embeds the new episodes first and merges after them
            if (compactVectors && toEmbed == episodes && !closed.get()) compactVectors();
        }, embedding);
        // only once the turn is queued: an executor shut down refuses it, and nothing would complete this
        embedded = done;
    }

    private void embedPassages(List<Episode> episodes) {
        long t0 = System.nanoTime();
        try {
            PassageVectors.Progress p = vectors.sync(episodes, closed::get, keptUnread);
            if (p.embedded() + p.removed() > 0) {
                commands.invalidate();
                log.info("embedded {} passages of {} episodes in {} ms ({} unchanged, {} removed{})", p.passages(), p.embedded(),
                        (System.nanoTime() - t0) / 1_000_000, p.unchanged(), p.removed(), p.stopped() ? ", stopped by shutdown" : "");
            }
        } catch (RuntimeException e) {
            if (!closed.get()) log.warn("embedding passages failed; questions are answered from keywords alone", e);
        }
    }

    /**
     * Brings the keyword index in line with what a refresh read, and notes what is not served as
     * the folders hold it. The episodes of a folder that could not be listed (a volume not mounted
     * yet), or of a file that could not be read (a link into it), stay in the index and the vectors
     * although no version of them was read: dropping them
     * would cost a re-embedding, minutes to half an hour, once the folder is back. They are not
     * served, and {@link #servingLastGood} says so, as it does for files kept at a last good version.
     */
    private TranscriptIndex.SyncReport syncIndex(LiveTranscripts.Refresh refresh) {
        List<TranscriptProblem> stale = new ArrayList<>(refresh.servingLastGood());
        Set<String> kept = new java.util.TreeSet<>();
        if (config.indexDir() != null) {
            Set<String> served = new java.util.HashSet<>();
            for (Episode e : refresh.loaded().episodes()) served.add(e.id());
            java.util.Map<Path, Set<String>> readFrom;
            try {
                readFrom = index.episodesReadFrom(refresh.unread().stream().map(TranscriptProblem::file).toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (TranscriptProblem unread : refresh.unread()) {
                Set<String> held = new java.util.TreeSet<>(readFrom.get(unread.file()));
                held.removeAll(served);
                if (held.isEmpty()) continue;
                kept.addAll(held);
                stale.add(new TranscriptProblem(unread.file(), 0, unread.reason() + ": " + held.size()
                        + " episode(s) read from it stay in the index, not served, until it can be read again"));
            }
        }
        keptUnread = Set.copyOf(kept);
        servingLastGood = List.copyOf(stale);
        return index.sync(refresh.loaded().episodes(), keptUnread);
    }

    /** The vector index merged into one segment, so that a question walks one graph ({@link PassageVectors#compact}). */
    private void compactVectors() {
        long t0 = System.nanoTime();
        try {
            int segments = vectors.compact();
            if (segments > 0) {
                // answers may differ a little: the merged graph finds a slightly different set of close passages
                commands.invalidate();
                log.info("merged the vector index's {} segments into one in {} ms", segments, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            if (!closed.get()) log.warn("merging the vector index failed; questions search its segments one by one", e);
        }
    }

    /**
     * Judges the advice candidates of episodes not judged yet with their meaning, on the embedding
     * thread after the passages; the advice pool changes once, when all are done.
     */
    private void scoreAdvice(List<Episode> episodes) {
        if (adviceScores == null || vectors == null) return;
        List<Episode> todo = adviceScores.missing(episodes);
        if (todo.isEmpty()) return;
        long t0 = System.nanoTime();
        int before = content.advicePoolSize();
        try {
            for (Episode e : todo) {
                if (closed.get()) return;
                adviceScores.put(e, AdviceOfTheDay.score(e, models.host(), models.advice(), vectors.embedder()::passages));
            }
            if (persistAdvice) adviceScores.save(episodes, keptUnread);
            commands.invalidate();
            log.info("judged the advice of {} episodes in {} ms; advice pool {} -> {}", todo.size(), (System.nanoTime() - t0) / 1_000_000,
                    before, content.advicePoolSize());
        } catch (RuntimeException e) {
            if (!closed.get()) log.warn("judging advice failed; the advice of the day comes from its words alone", e);
        }
    }

    /** The advice model's identity: scores it made are kept only while it ships. */
    private static String adviceModelName(Models models) {
        return "advice-" + models.advice().withMeaning().fingerprint() + "-" + models.host().fingerprint();
    }

    /** Waits until the passages known at the last start or reload are embedded (eval, benchmarks, tests). */
    public void awaitEmbeddings() {
        embedded.join();
    }

    /**
     * As {@link #awaitEmbeddings}, and then until the vector index is merged into one segment: the
     * state a running bot serves from (eval and the benchmark's warm figures).
     */
    public void awaitCompactedVectors() {
        compacted.join();
    }

    /** The passage embeddings (null when embeddings are off): training copies them into small libraries. */
    public PassageVectors vectors() {
        return vectors;
    }

    /** Passages with an embedding so far (0 when embeddings are off). */
    public int embeddedPassages() {
        return vectors == null ? 0 : vectors.passageCount();
    }

    public static Engine start(BotConfig config) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), Models.shipped(), Use.BOT);
    }

    public static Engine start(BotConfig config, Clock clock, DailyHandler daily) {
        return new Engine(config, clock, daily, Models.shipped(), Use.BOT);
    }

    /** An engine with other models than the shipped ones (evaluating models before they ship; training starts from none). */
    public static Engine start(BotConfig config, Models models) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), models, Use.BOT);
    }

    /**
     * An engine for one command (`quotecast ask …`): it reads what a bot persisted under
     * {@code index.dir} (parsed episodes, passage embeddings) without writing or locking anything,
     * so it answers in seconds beside a running bot instead of embedding the library again; the
     * keyword index it builds in memory. With nothing persisted it builds everything in memory.
     */
    public static Engine startOneShot(BotConfig config) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), Models.shipped(), Use.ONE_SHOT);
    }

    /**
     * An engine for {@code quotecast train}: of what is persisted under {@code index.dir} it reads
     * only the passage embeddings; it parses every transcript again and builds its keyword index in
     * memory, in one go. A persisted keyword index carries its history (merges reorder ties), and a
     * parse cache written by an older version carries that version's rounding; features computed on
     * either, and the models fitted on them, would depend on how those folders grew. Built afresh
     * from the same transcripts, they make the same models on every machine.
     */
    public static Engine startForTraining(BotConfig config, Models models) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable(), models, Use.TRAINING);
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
        TranscriptIndex.SyncReport report = syncIndex(refresh);
        if (report.changed() || content.corpus().size() != loaded.episodes().size() || refresh.parsed() > 0) {
            content.replace(new ContentService.Snapshot(new Corpus(loaded.episodes(), content.corpus()), new Searcher(index, vectors)));
            commands.invalidate();
            embed(loaded.episodes());
            readSpeakers(loaded.episodes());
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

    /**
     * The files that went bad (or shrank like a cut-off save) since they were last read well, while
     * their episodes are still served as they were, and the folders that cannot be listed, whose
     * episodes are served as last read or, after a restart, kept in the index and not served:
     * empty when what is served is what the folders hold.
     */
    public List<TranscriptProblem> servingLastGood() {
        return servingLastGood;
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
        if (speakers != null) speakers.shutdownNow();
        if (vectors != null) stopEmbedding();
        try {
            content.close();
            index.close();
        } finally {
            if (vectors != null) {
                modelThreads.shutdownNow();
                try {
                    // a merge into one segment in progress is waited for and kept: Lucene cannot stop it midway
                    vectors.close();
                } finally {
                    model.close();
                }
            }
        }
    }

    /**
     * Lets the embedding thread stop: it stops between chunks of passages, and a native call in
     * flight (loading the model, one chunk) must end before the process may exit, or ONNX Runtime's
     * teardown crashes it. A merge of the vector index is plain Java that closing the vectors waits
     * for, so it is not waited for here; the keyword index closes first.
     */
    private void stopEmbedding() {
        embedding.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (!embedding.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                if (vectors.merging()) {
                    log.info("the vector index is merging into one segment; closing waits for it and keeps it");
                    return;
                }
                if (System.nanoTime() > deadline) {
                    log.warn("embedding did not stop within 10 s");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
