package dev.quotecast;

import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.RateLimiter;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Corpus;
import dev.quotecast.search.Analyzers;
import dev.quotecast.search.Searcher;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.LiveTranscripts;
import dev.quotecast.transcript.ParseCache;
import dev.quotecast.transcript.TranscriptLibrary;
import dev.quotecast.transcript.TranscriptProblem;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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
    private final ContentService content;
    private final Commands commands;
    private final CommandParser parser;
    private final Clock clock;
    private volatile List<TranscriptProblem> problems;
    private volatile TranscriptIndex.SyncReport lastSync;

    private Engine(BotConfig config, Clock clock, DailyHandler daily) {
        this.config = config;
        this.clock = clock;
        // parsed sentences persist beside a persisted index (data/index.parsed), so a restart reads them back
        this.transcripts = new LiveTranscripts(new TranscriptLibrary(config.indexDir() == null ? ParseCache.none()
                : ParseCache.in(config.indexDir().resolveSibling(config.indexDir().getFileName() + ".parsed"))));
        long t0 = System.nanoTime();
        TranscriptLibrary.Loaded loaded = transcripts.refresh(config.transcriptDirs(), Set.of()).loaded();
        this.problems = loaded.problems();
        for (TranscriptProblem p : problems) log.warn("skipped transcript {}", p);
        long t1 = System.nanoTime();
        this.index = TranscriptIndex.open(config.indexDir(), new Analyzers());
        this.lastSync = index.sync(loaded.episodes());
        long t2 = System.nanoTime();
        this.content = new ContentService(new ContentService.Snapshot(new Corpus(loaded.episodes()), new Searcher(index)), new SplittableRandom());
        this.commands = new Commands(content, new RateLimiter(config.limits().perUserPerMinute(), System::nanoTime), clock,
                config.zone(), config.cache().maxEntries(), config.cache().ttl(), daily);
        this.parser = new CommandParser(config.limits().maxQueryChars());
        log.info("loaded {} episodes ({} sentences) in {} ms (transcripts {} ms, index {} ms); index: {}", loaded.episodes().size(),
                content.corpus().sentenceCount(), (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, lastSync);
    }

    public static Engine start(BotConfig config) {
        return new Engine(config, Clock.systemUTC(), DailyHandler.unavailable());
    }

    public static Engine start(BotConfig config, Clock clock, DailyHandler daily) {
        return new Engine(config, clock, daily);
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
            content.replace(new ContentService.Snapshot(new Corpus(loaded.episodes()), new Searcher(index)));
            commands.invalidate();
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

    /** Commits and closes the index; later calls do nothing, so shutdown paths may overlap. */
    @Override
    public synchronized void close() throws IOException {
        if (closed.compareAndSet(false, true)) index.close();
    }
}
