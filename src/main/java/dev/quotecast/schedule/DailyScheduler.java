package dev.quotecast.schedule;

import dev.quotecast.bot.Commands;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.ops.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each target's daily post once per local date.
 *
 * <p>Exactly once: before a post is sent its (target, date) is claimed in the ledger on disk, and
 * after the platform answers the result is recorded. A claim found without a result after a
 * restart means the process died mid-send: the post may or may not be out, so it is reported and
 * not sent again (a missing post is better than a double one). A post that came due while the
 * process was down is sent at startup when it is at most {@code catchUp} late; older ones are
 * skipped and logged.
 *
 * <p>Time: everything reads the injected {@link Clock}; {@link #runDue} does one pass over what is
 * due, and {@link #nextDue} says when the next pass is needed, so tests drive it with a test clock
 * and no sleeps. {@link #start()} runs the same two in a one-thread loop for production.
 *
 * <p>Failures of one target (a refusing platform, a missing poster) are recorded for that target
 * only; retries wait in the ledger, so other targets keep posting on time meanwhile.
 */
public final class DailyScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DailyScheduler.class);

    static final String LEDGER_FILE = "daily-ledger.json";
    static final String SCHEDULES_FILE = "daily-schedules.json";
    static final String LOCK_FILE = "daily.lock";
    /** The loop wakes at least this often, so clock jumps and lost wake-ups heal by themselves. */
    static final Duration MAX_IDLE = Duration.ofMinutes(1);
    /** How far back a pass looks at most, whatever the catch-up window says. */
    static final Duration MAX_LOOKBACK = Duration.ofDays(7);

    private final Clock clock;
    private final Duration catchUp;
    private final DailyContent content;
    private final Map<String, Poster> posters = new HashMap<>();
    private final RetryPolicy retry;
    private final StateFile<PostLedger> ledgerFile;
    private final StateFile<List<ScheduleStore.Saved>> schedulesFile;
    private final List<Target> configTargets;
    private final PostLedger ledger;
    private final List<ScheduleStore.Saved> chat;
    private final List<Consumer<PostOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Set<String> warnedNoPoster = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ScheduledExecutorService executor;
    private ScheduledFuture<?> nextTick;
    private boolean closed;

    /**
     * Opens the state in {@code config.stateDir()} (creating it), builds the config targets and
     * reloads the chat ones. Nothing is sent until {@link #runDue} or {@link #start()}.
     *
     * @param posters one per enabled platform; a target whose platform has none is skipped and logged
     * @throws ConfigException when another process already schedules from the same state folder
     */
    public DailyScheduler(BotConfig config, DailyContent content, List<? extends Poster> posters, Clock clock, RetryPolicy retry) {
        this.clock = clock;
        this.catchUp = config.scheduling().catchUp();
        this.content = content;
        this.retry = retry;
        for (Poster p : posters) this.posters.put(p.platform(), p);
        Path dir = config.stateDir();
        try {
            Files.createDirectories(dir);
            this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new ConfigException(config.source() == null ? null : config.source().toString(), 0, "state.dir",
                        dir + " is in use by another running Quotecast; two schedulers on one state folder would post twice");
            }
            this.lock = l;
        } catch (IOException e) {
            // a read-only or full disk: one line naming the key, not a stack trace (the message is the OS's reason)
            throw new ConfigException(config.source() == null ? null : config.source().toString(), 0, "state.dir",
                    dir + " cannot be written (" + dev.quotecast.transcript.Text.escape(String.valueOf(e)) + "); daily posts need a writable state folder");
        }
        this.ledgerFile = new StateFile<>(dir.resolve(LEDGER_FILE), new PostLedger.Codec(), clock);
        this.schedulesFile = new StateFile<>(dir.resolve(SCHEDULES_FILE), new ScheduleStore.Codec(), clock);
        try {
            this.ledger = ledgerFile.load().value();
            ledger.started(clock.instant());
            this.chat = new ArrayList<>(schedulesFile.load().value());
            this.configTargets = configTargets(config, ledger, clock.instant());
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
        ledger.prune(configTargets.stream().map(Target::id).collect(java.util.stream.Collectors.toSet()),
                LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(PostLedger.KEEP_DAYS));
        saveLedger("recording the config schedules");
    }

    /** The scheduler of a running bot, over the engine's commands, with the default retry policy. */
    public static DailyScheduler open(BotConfig config, Commands commands, List<? extends Poster> posters, Clock clock) {
        return new DailyScheduler(config, new DailyContent(commands), posters, clock, RetryPolicy.defaults());
    }

    /**
     * Config targets get ids from platform, channel and post (not the time): moving a post from
     * 09:00 to 10:00 in the config does not post a second time that day. Two entries alike but for
     * the time are told apart by it.
     */
    private static List<Target> configTargets(BotConfig config, PostLedger ledger, Instant now) {
        List<BotConfig.ScheduleEntry> entries = config.schedule();
        Map<String, Integer> count = new HashMap<>();
        List<DailyPost> posts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BotConfig.ScheduleEntry e = entries.get(i);
            DailyPost p;
            try {
                p = DailyPost.parse(e.post());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(config.source() == null ? null : config.source().toString(), e.line(), "schedule[" + i + "].post", ex.getMessage());
            }
            posts.add(p);
            count.merge(e.platform() + ":" + e.channel() + ":" + p.spec(), 1, Integer::sum);
        }
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BotConfig.ScheduleEntry e = entries.get(i);
            String base = "config:" + e.platform() + ":" + e.channel() + ":" + posts.get(i).spec();
            String id = count.get(base.substring(7)) > 1 ? base + "@" + e.at() : base;
            out.add(new Target(id, e.platform(), e.channel(), e.at(), e.zone(), posts.get(i), Target.Origin.CONFIG, ledger.knownSince(id, now)));
        }
        return List.copyOf(out);
    }

    /** Counts and alerts hook in here (metrics subscribes): one call per sent, failed, retried or skipped post. */
    public void addListener(Consumer<PostOutcome> listener) {
        listeners.add(listener);
    }

    /** The {@code daily ...} chat commands over this scheduler. */
    public DailyHandler chatCommands() {
        return new DailyCommands(this, content, clock);
    }

    /** Config targets first, then chat ones in the order they were set. */
    public synchronized List<Target> targets() {
        List<Target> all = new ArrayList<>(configTargets);
        for (ScheduleStore.Saved s : chat) all.add(s.target().notBefore(ledger.started(clock.instant())));
        return all;
    }

    /**
     * Sets the chat schedule of a channel (replacing the one it had). Durable when this returns.
     * Posts due before now are not owed; one chat post per channel per day still holds, so
     * replacing today's schedule after it posted does not post again today.
     */
    public Target setChatSchedule(String platform, String channel, LocalTime at, ZoneId zone, DailyPost post, String user) throws IOException {
        Target t;
        synchronized (this) {
            List<ScheduleStore.Saved> next = new ArrayList<>(chat);
            next.removeIf(s -> s.platform().equals(platform) && s.channel().equals(channel));
            ScheduleStore.Saved saved = new ScheduleStore.Saved(platform, channel, at, zone, post, user == null ? "" : user, clock.instant());
            next.add(saved);
            schedulesFile.save(next);
            chat.clear();
            chat.addAll(next);
            t = saved.target();
        }
        log.info("daily post set from chat: {}", t.name());
        wake();
        return t;
    }

    /** Removes the chat schedule of a channel; empty when it had none. Config schedules stay. */
    public Optional<Target> removeChatSchedule(String platform, String channel) throws IOException {
        Optional<Target> removed;
        synchronized (this) {
            List<ScheduleStore.Saved> next = new ArrayList<>(chat);
            Optional<ScheduleStore.Saved> old = next.stream().filter(s -> s.platform().equals(platform) && s.channel().equals(channel)).findFirst();
            if (old.isEmpty()) return Optional.empty();
            next.remove(old.get());
            schedulesFile.save(next);
            chat.clear();
            chat.addAll(next);
            removed = Optional.of(old.get().target());
        }
        log.info("daily post removed from chat: {}", removed.get().name());
        return removed;
    }

    /** Whether a platform has a poster (the chat command warns when a schedule could never post). */
    public boolean canPost(String platform) {
        return posters.containsKey(platform);
    }

    private record Work(Target target, LocalDate date, Instant due, int attempt, String momentKey) {}

    /**
     * One pass: sends every post due at {@code now} that is owed and not yet claimed, retries the
     * ones whose backoff has run out, and records misses. Never throws for one target's trouble.
     */
    public void runDue(Instant now) {
        runLock.lock();
        try {
            Pass pass = collect(now);
            for (PostOutcome o : pass.outcomes()) report(o);
            for (Work w : pass.work()) {
                try {
                    attempt(w);
                } catch (RuntimeException e) {
                    log.error("daily post {} for {}: unexpected error", w.target().name(), w.date(), e);
                }
            }
        } finally {
            runLock.unlock();
        }
    }

    /** What one pass found: posts to attempt, and outcomes (skips, unknowns) already recorded. */
    private record Pass(List<Work> work, List<PostOutcome> outcomes) {}

    private synchronized Pass collect(Instant now) {
        List<Work> work = new ArrayList<>();
        List<PostOutcome> outcomes = new ArrayList<>();
        for (Target t : targets()) {
            LocalDate today = LocalDate.ofInstant(now, t.zone());
            for (LocalDate d = firstDate(t, now); !d.isAfter(today); d = d.plusDays(1)) {
                Instant due = t.dueOn(d);
                if (due.isAfter(now)) continue;
                Duration late = Duration.between(due, now);
                Optional<PostLedger.Entry> entry = ledger.get(t.id(), d);
                if (entry.isEmpty()) {
                    if (due.isBefore(t.since())) continue;
                    if (late.compareTo(catchUp) > 0) {
                        outcomes.add(record(t, d, PostLedger.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                                "missed by " + human(late) + " while the bot was down, beyond the catch-up window of " + human(catchUp)));
                    } else if (!posters.containsKey(t.platform())) {
                        outcomes.add(record(t, d, PostLedger.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                                "no " + t.platform() + " poster: " + t.platform() + " is off or cannot post daily"));
                    } else {
                        work.add(new Work(t, d, due, 1, null));
                    }
                    continue;
                }
                PostLedger.Entry e = entry.get();
                if (e.status() == PostLedger.Status.CLAIMED) {
                    outcomes.add(record(t, d, PostLedger.Status.UNKNOWN, PostOutcome.Status.UNKNOWN, e.attempts(), e.momentKey(),
                            "claimed at " + e.updated() + " but no result was recorded (the bot stopped mid-send); not sending again"));
                } else if (e.status() == PostLedger.Status.RETRY && !e.retryAt().isAfter(now)) {
                    if (late.compareTo(catchUp) > 0) {
                        outcomes.add(record(t, d, PostLedger.Status.FAILED, PostOutcome.Status.FAILED, e.attempts(), e.momentKey(),
                                "gave up: the retry would be " + human(late) + " late, beyond the catch-up window"));
                    } else if (!posters.containsKey(t.platform())) {
                        outcomes.add(record(t, d, PostLedger.Status.FAILED, PostOutcome.Status.FAILED, e.attempts(), e.momentKey(),
                                "gave up: no " + t.platform() + " poster any more"));
                    } else {
                        work.add(new Work(t, d, due, e.attempts() + 1, e.momentKey()));
                    }
                }
            }
        }
        if (!outcomes.isEmpty()) saveLedger("recording skipped posts");
        work.sort(Comparator.comparing(Work::due));
        return new Pass(work, outcomes);
    }

    /** A post ready to send (its claim on disk), or an outcome to report instead, or neither when the claim could not be written. */
    private record Prepared(Reply reply, PostOutcome instead) {}

    /** Chooses the content and claims (target, date) durably; nothing is sent unless the claim is on disk. */
    private synchronized Prepared prepare(Work w) {
        Target t = w.target();
        Reply reply;
        String key;
        if (w.attempt() == 1) {
            Optional<DailyContent.Composed> c = content.compose(t.post(), w.date(), ledger.posted(channelKey(t)));
            if (c.isEmpty()) {
                PostOutcome o = record(t, w.date(), PostLedger.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                        t.post() instanceof DailyPost.TopicQuote q ? "nothing to post: no quote about '" + q.topic() + "'" : "nothing to post: no advice in the transcripts");
                saveLedger("recording a skipped post");
                return new Prepared(null, o);
            }
            if (c.get().startedOver() && t.post() instanceof DailyPost.TopicQuote q) {
                log.info("every quote about '{}' has been posted in {}:{}; starting over with the best one", q.topic(), t.platform(), t.channel());
                ledger.posted(channelKey(t)).removeAll(content.topicKeys(q));
            }
            reply = c.get().reply();
            key = c.get().momentKey();
        } else {
            key = w.momentKey();
            Optional<Reply> again = content.recompose(t.post(), w.date(), key);
            if (again.isEmpty()) {
                PostOutcome o = record(t, w.date(), PostLedger.Status.FAILED, PostOutcome.Status.FAILED, w.attempt() - 1, key,
                        "gave up: the quote chosen at the first attempt is no longer in the transcripts");
                saveLedger("recording a failed post");
                return new Prepared(null, o);
            }
            reply = again.get();
        }
        Optional<PostLedger.Entry> before = ledger.get(t.id(), w.date());
        boolean newKey = t.post() instanceof DailyPost.TopicQuote && !ledger.posted(channelKey(t)).contains(key);
        ledger.put(t.id(), w.date(), new PostLedger.Entry(PostLedger.Status.CLAIMED, w.attempt(), clock.instant(), null, key, ""));
        if (t.post() instanceof DailyPost.TopicQuote) ledger.markPosted(channelKey(t), key);
        try {
            ledgerFile.save(ledger);
            return new Prepared(reply, null);
        } catch (IOException e) {
            // Not claimed on disk, so not sent: try again after a pause (kept in memory only).
            if (newKey) ledger.posted(channelKey(t)).remove(key);
            ledger.put(t.id(), w.date(), new PostLedger.Entry(PostLedger.Status.RETRY, w.attempt() - 1, clock.instant(),
                    clock.instant().plus(retry.delayAfter(1)), before.map(PostLedger.Entry::momentKey).orElse(key), "claim not recorded"));
            log.error("daily post {} for {}: cannot record the claim in {} ({}); not sending until it can be recorded",
                    t.name(), w.date(), ledgerFile.path(), e.toString());
            return new Prepared(null, null);
        }
    }

    private void attempt(Work w) {
        Target t = w.target();
        Poster poster = posters.get(t.platform());
        Prepared prepared = prepare(w);
        if (prepared.instead() != null) report(prepared.instead());
        if (prepared.reply() == null) return;
        Reply reply = prepared.reply();
        PostOutcome.Status status;
        String detail = "";
        try {
            poster.post(t.channel(), reply);
            status = PostOutcome.Status.SENT;
        } catch (Poster.PostException e) {
            detail = e.getMessage() == null ? e.toString() : e.getMessage();
            status = e.retryable() && w.attempt() < retry.maxAttempts() ? PostOutcome.Status.RETRYING : PostOutcome.Status.FAILED;
        } catch (RuntimeException e) {
            detail = "unexpected error: " + e;
            status = PostOutcome.Status.FAILED;
            log.error("daily post {}: the {} poster threw", t.name(), t.platform(), e);
        }
        PostOutcome o;
        synchronized (this) {
            String key = ledger.get(t.id(), w.date()).map(PostLedger.Entry::momentKey).orElse(null);
            o = switch (status) {
                case SENT -> record(t, w.date(), PostLedger.Status.DONE, status, w.attempt(), key, "");
                case RETRYING -> {
                    Instant at = clock.instant().plus(retry.delayAfter(w.attempt()));
                    ledger.put(t.id(), w.date(), new PostLedger.Entry(PostLedger.Status.RETRY, w.attempt(), clock.instant(), at, key, detail));
                    yield new PostOutcome(t, w.date(), status, w.attempt(), clock.instant(),
                            detail + "; attempt " + w.attempt() + " of " + retry.maxAttempts() + ", next at " + at);
                }
                default -> record(t, w.date(), PostLedger.Status.FAILED, PostOutcome.Status.FAILED, w.attempt(), key,
                        (w.attempt() > 1 ? "gave up after " + w.attempt() + " attempts: " : "") + detail);
            };
            saveLedger("recording a post's result");
        }
        report(o);
    }

    /** Records a final state for (target, date) in memory and returns the outcome to report. */
    private PostOutcome record(Target t, LocalDate date, PostLedger.Status s, PostOutcome.Status outcome, int attempts, String key, String detail) {
        Instant now = clock.instant();
        ledger.put(t.id(), date, new PostLedger.Entry(s, attempts, now, null, key, detail));
        return new PostOutcome(t, date, outcome, attempts, now, detail);
    }

    private void report(PostOutcome o) {
        Target t = o.target();
        switch (o.status()) {
            case SENT -> log.info("daily post sent: {} for {} (attempt {})", t.name(), o.date(), o.attempt());
            case RETRYING -> log.warn("daily post {} for {} failed, will retry: {}", t.name(), o.date(), o.detail());
            case FAILED -> log.error("daily post {} for {} failed: {}", t.name(), o.date(), o.detail());
            case UNKNOWN -> log.warn("daily post {} for {}: outcome unknown: {}", t.name(), o.date(), o.detail());
            case SKIPPED -> {
                boolean noPoster = o.detail().startsWith("no ") && o.detail().contains(" poster");
                if (!noPoster || warnedNoPoster.add(t.id())) log.warn("daily post {} for {} skipped: {}", t.name(), o.date(), o.detail());
            }
        }
        for (Consumer<PostOutcome> l : listeners) {
            try {
                l.accept(o);
            } catch (RuntimeException e) {
                log.warn("daily-post listener failed", e);
            }
        }
    }

    private void saveLedger(String why) {
        try {
            ledgerFile.save(ledger);
        } catch (IOException e) {
            log.error("cannot write {} while {}: {}", ledgerFile.path(), why, e.toString());
        }
    }

    /**
     * When the next pass has something to do: the earliest owed post or pending retry, or
     * {@code now} when something is due already; empty when there are no targets.
     */
    public synchronized Optional<Instant> nextDue(Instant now) {
        Instant best = null;
        for (Target t : targets()) {
            LocalDate last = LocalDate.ofInstant(now, t.zone()).plusDays(2);
            for (LocalDate d = firstDate(t, now); !d.isAfter(last); d = d.plusDays(1)) {
                Instant due = t.dueOn(d);
                Optional<PostLedger.Entry> e = ledger.get(t.id(), d);
                Instant candidate;
                if (e.isPresent()) {
                    if (e.get().status() == PostLedger.Status.RETRY) candidate = e.get().retryAt();
                    else if (e.get().status() == PostLedger.Status.CLAIMED) candidate = now;
                    else continue;
                } else {
                    if (due.isBefore(t.since())) continue;
                    candidate = due;
                }
                if (candidate.isBefore(now)) candidate = now;
                if (best == null || candidate.isBefore(best)) best = candidate;
                if (e.isEmpty() && due.isAfter(now)) break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The next time each target will post, for {@code daily list}. */
    public synchronized Optional<Instant> nextPost(Target t, Instant now) {
        LocalDate d = LocalDate.ofInstant(now, t.zone()).minusDays(1);
        for (int i = 0; i < 4; i++, d = d.plusDays(1)) {
            Instant due = t.dueOn(d);
            if (due.isAfter(now) && !due.isBefore(t.since()) && ledger.get(t.id(), d).isEmpty()) return Optional.of(due);
        }
        return Optional.empty();
    }

    private LocalDate firstDate(Target t, Instant now) {
        Duration back = catchUp.compareTo(MAX_LOOKBACK) > 0 ? MAX_LOOKBACK : catchUp;
        return LocalDate.ofInstant(now.minus(back), t.zone()).minusDays(1);
    }

    private static String channelKey(Target t) {
        return t.platform() + ":" + t.channel();
    }

    static String human(Duration d) {
        long m = d.toMinutes();
        if (m < 1) return d.toSeconds() + " s";
        if (m < 120) return m + " min";
        return String.format("%.1f h", d.toMinutes() / 60.0);
    }

    /** Starts the real-time loop on its own thread: a first pass now (the catch-up), then at each next due time. */
    public synchronized void start() {
        if (executor != null || closed) return;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("daily-scheduler"));
        // On close, a pass in progress finishes; the next planned wake-up must not run (nor be waited for).
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ex.setRemoveOnCancelPolicy(true);
        executor = ex;
        Instant now = clock.instant();
        Map<String, List<String>> noPoster = new LinkedHashMap<>();
        for (Target t : targets()) {
            if (!posters.containsKey(t.platform())) noPoster.computeIfAbsent(t.platform(), k -> new ArrayList<>()).add(t.name());
            else log.info("daily post {}: next at {}", t.name(), nextPost(t, now).map(i -> i.atZone(t.zone()).toString()).orElse("-"));
        }
        noPoster.forEach((p, names) -> log.warn("no {} poster ({} is off or its adapter cannot post): these daily posts are skipped: {}", p, p, names));
        schedule(Duration.ZERO);
    }

    private void tick() {
        try {
            runDue(clock.instant());
        } catch (RuntimeException | Error e) {
            log.error("daily-post pass failed; trying again shortly", e);
        }
        Instant now = clock.instant();
        Duration wait = nextDue(now).map(d -> Duration.between(now, d)).orElse(MAX_IDLE);
        if (wait.compareTo(MAX_IDLE) > 0) wait = MAX_IDLE;
        // Still due right after a pass means the pass could not act (e.g. the disk refused the claim): do not spin.
        if (wait.isNegative() || wait.isZero()) wait = Duration.ofSeconds(1);
        schedule(wait);
    }

    private synchronized void schedule(Duration wait) {
        if (executor == null || executor.isShutdown()) return;
        if (nextTick != null) nextTick.cancel(false);
        nextTick = executor.schedule(this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A schedule changed: look again now rather than at the next planned wake-up. */
    private void wake() {
        schedule(Duration.ZERO);
    }

    /** Stops the loop (letting a post in flight finish) and releases the state folder. */
    @Override
    public void close() {
        ScheduledExecutorService ex;
        synchronized (this) {
            if (closed) return;
            closed = true;
            ex = executor;
            executor = null;
        }
        if (ex != null) {
            ex.shutdown();
            try {
                if (!ex.awaitTermination(10, TimeUnit.SECONDS)) ex.shutdownNow();
            } catch (InterruptedException e) {
                ex.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        releaseLock();
    }

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.debug("releasing {}: {}", LOCK_FILE, e.toString());
        }
    }
}
