package dev.quotecast.schedule;

import dev.quotecast.bot.Commands;
import dev.quotecast.bot.DailyHandler;
import dev.quotecast.bot.Reply;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.ops.DaemonThreads;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Exactly once: before a post is sent its (target, date) is claimed in the state store
 * ({@link PostState}: files for one process, PostgreSQL for several replicas), and after the platform
 * answers the result is recorded. Claims are compare-and-set, so of several replicas exactly one
 * wins each post. A claim found without a result means its process died mid-send: the post may or
 * may not be out. The file store reports it and does not send it again (a missing post is better
 * than a double one); with replicas, the platform is asked first ({@link PostState.Orphans}). A post that came due while the
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
    /** Dates kept per target: enough to see the last week, small enough to stay tiny. */
    static final int KEEP_DAYS = PostLedger.KEEP_DAYS;

    private final Clock clock;
    private final Duration catchUp;
    private final DailyContent content;
    private final Map<String, Poster> posters = new HashMap<>();
    private final RetryPolicy retry;
    private final PostState state;
    private final List<Target> configTargets;
    private final List<Consumer<PostOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private final Set<String> warnedNoPoster = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedElsewhere = ConcurrentHashMap.newKeySet();
    /** Posts whose claim could not be written, and when to try again: kept in memory only, since the store refused. */
    private final Map<String, Instant> holdOff = new ConcurrentHashMap<>();

    private ScheduledExecutorService executor;
    private ScheduledFuture<?> nextTick;
    private boolean closed;

    /**
     * A scheduler on the file store in {@code config.stateDir()} (creating it), with the config
     * targets built and the chat ones reloaded. Nothing is sent until {@link #runDue} or {@link #start()}.
     *
     * @param posters one per enabled platform; a target whose platform has none is skipped and logged
     * @throws ConfigException when another process already schedules from the same state folder
     */
    public DailyScheduler(BotConfig config, DailyContent content, List<? extends Poster> posters, Clock clock, RetryPolicy retry) {
        this(FilePostState.open(config, clock), config, content, posters, clock, retry);
    }

    /**
     * A scheduler on {@code state} (files or a shared database), which it closes when it closes.
     *
     * @param posters one per enabled platform; a target whose platform has none is skipped and logged
     */
    public DailyScheduler(PostState state, BotConfig config, DailyContent content, List<? extends Poster> posters, Clock clock, RetryPolicy retry) {
        this.clock = clock;
        this.catchUp = config.scheduling().catchUp();
        this.content = content;
        this.retry = retry;
        this.state = state;
        for (Poster p : posters) this.posters.put(p.platform(), p);
        try {
            state.started(clock.instant());
            this.configTargets = configTargets(config, state, clock.instant());
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        state.prune(configTargets.stream().map(Target::id).collect(java.util.stream.Collectors.toSet()),
                LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(KEEP_DAYS));
    }

    /** The scheduler of a running bot on the file store, over the engine's commands, with the default retry policy. */
    public static DailyScheduler open(BotConfig config, Commands commands, List<? extends Poster> posters, Clock clock) {
        return new DailyScheduler(config, new DailyContent(commands), posters, clock, RetryPolicy.defaults());
    }

    /** The scheduler of a running bot on {@code state}, over the engine's commands, with the default retry policy. */
    public static DailyScheduler open(PostState state, BotConfig config, Commands commands, List<? extends Poster> posters, Clock clock) {
        return new DailyScheduler(state, config, new DailyContent(commands), posters, clock, RetryPolicy.defaults());
    }

    /**
     * Config targets get ids from platform, channel and post (not the time): moving a post from
     * 09:00 to 10:00 in the config does not post a second time that day. Two entries alike but for
     * the time are told apart by it.
     */
    private static List<Target> configTargets(BotConfig config, PostState state, Instant now) {
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
            out.add(new Target(id, e.platform(), e.channel(), e.at(), e.zone(), posts.get(i), Target.Origin.CONFIG, state.knownSince(id, now)));
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
    public List<Target> targets() {
        List<Target> all = new ArrayList<>(configTargets);
        Instant started = state.started(clock.instant());
        for (ChatSchedule s : state.chatSchedules()) all.add(s.target().notBefore(started));
        return all;
    }

    /**
     * Sets the chat schedule of a channel (replacing the one it had). Durable when this returns.
     * Posts due before now are not owed; one chat post per channel per day still holds, so
     * replacing today's schedule after it posted does not post again today.
     */
    public Target setChatSchedule(String platform, String channel, LocalTime at, ZoneId zone, DailyPost post, String user) throws IOException {
        ChatSchedule saved = new ChatSchedule(platform, channel, at, zone, post, user == null ? "" : user, clock.instant());
        state.putChatSchedule(saved);
        Target t = saved.target();
        log.info("daily post set from chat: {}", t.name());
        wake();
        return t;
    }

    /** Removes the chat schedule of a channel; empty when it had none. Config schedules stay. */
    public Optional<Target> removeChatSchedule(String platform, String channel) throws IOException {
        Optional<Target> removed = state.removeChatSchedule(platform, channel).map(ChatSchedule::target);
        removed.ifPresent(t -> log.info("daily post removed from chat: {}", t.name()));
        return removed;
    }

    /** Whether a platform has a poster (the chat command warns when a schedule could never post). */
    public boolean canPost(String platform) {
        return posters.containsKey(platform);
    }

    /** Something to do for one (target, date): send it, or settle a claim its sender left behind. */
    private sealed interface Work {
        Target target();

        LocalDate date();

        Instant due();
    }

    /**
     * Send attempt number {@code attempt}; {@code expected} is the record it claims over (empty
     * for a first attempt, the retry or the orphaned claim otherwise).
     */
    private record Send(Target target, LocalDate date, Instant due, int attempt, String momentKey, Optional<PostRecord> expected) implements Work {}

    /** A claim whose sender ({@code who}) stopped before it recorded the result: ask the platform. */
    private record Recover(Target target, LocalDate date, Instant due, PostRecord orphan, String who) implements Work {}

    /**
     * One pass: sends every post due at {@code now} that is owed and not yet claimed, retries the
     * ones whose backoff has run out, and records misses. Never throws for one target's trouble.
     */
    public void runDue(Instant now) {
        runLock.lock();
        try {
            Pass pass;
            try {
                pass = collect(now);
            } catch (StateUnavailableException e) {
                log.debug("daily posts: no pass now: {}", e.getMessage());
                return;
            }
            for (PostOutcome o : pass.outcomes()) report(o);
            for (Work w : pass.work()) {
                try {
                    if (w instanceof Send send) attempt(send);
                    else recover((Recover) w);
                } catch (StateUnavailableException e) {
                    log.warn("daily post {} for {}: not now: {}", w.target().name(), w.date(), e.getMessage());
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

    private Pass collect(Instant now) {
        List<Work> work = new ArrayList<>();
        List<PostOutcome> outcomes = new ArrayList<>();
        List<Target> targets = targets();
        PostState.Ledger ledger = ledger(targets, now);
        for (Target t : targets) {
            LocalDate today = LocalDate.ofInstant(now, t.zone());
            for (LocalDate d = firstDate(t, now); !d.isAfter(today); d = d.plusDays(1)) {
                Instant due = t.dueOn(d);
                if (due.isAfter(now)) continue;
                Duration late = Duration.between(due, now);
                Optional<PostRecord> entry = ledger.get(t.id(), d);
                Instant held = holdOff.get(key(t, d));
                if (held != null && held.isAfter(now)) continue;
                if (entry.isEmpty()) {
                    if (due.isBefore(t.since())) continue;
                    Poster poster = posters.get(t.platform());
                    if (late.compareTo(catchUp) > 0) {
                        settle(t, d, entry, PostRecord.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                                "missed by " + human(late) + " while the bot was down, beyond the catch-up window of " + human(catchUp)).ifPresent(outcomes::add);
                    } else if (poster == null) {
                        settle(t, d, entry, PostRecord.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                                "no " + t.platform() + " poster: " + t.platform() + " is off or cannot post daily").ifPresent(outcomes::add);
                    } else if (elsewhere(poster, t)) {
                        continue;
                    } else {
                        work.add(new Send(t, d, due, 1, null, Optional.empty()));
                    }
                    continue;
                }
                PostRecord e = entry.get();
                if (e.status() == PostRecord.Status.CLAIMED) {
                    PostState.Holder holder = state.holder(e);
                    if (holder instanceof PostState.Holder.LivePeer) continue;
                    if (holder instanceof PostState.Holder.ThisProcess) {
                        // an attempt of this process that could not record its result: it is settled when the store takes the write
                        continue;
                    }
                    String who = ((PostState.Holder.Gone) holder).who();
                    Poster poster = posters.get(t.platform());
                    if (state.orphans() == PostState.Orphans.ASK_THE_PLATFORM && poster != null && late.compareTo(catchUp) <= 0) {
                        if (!elsewhere(poster, t)) work.add(new Recover(t, d, due, e, who));
                    } else {
                        settle(t, d, entry, PostRecord.Status.UNKNOWN, PostOutcome.Status.UNKNOWN, e.attempts(), e.momentKey(),
                                "claimed at " + e.updated() + " but no result was recorded (the bot stopped mid-send); not sending again").ifPresent(outcomes::add);
                    }
                } else if (e.status() == PostRecord.Status.RETRY && !e.retryAt().isAfter(now)) {
                    Poster poster = posters.get(t.platform());
                    if (late.compareTo(catchUp) > 0) {
                        settle(t, d, entry, PostRecord.Status.FAILED, PostOutcome.Status.FAILED, e.attempts(), e.momentKey(),
                                "gave up: the retry would be " + human(late) + " late, beyond the catch-up window").ifPresent(outcomes::add);
                    } else if (poster == null) {
                        settle(t, d, entry, PostRecord.Status.FAILED, PostOutcome.Status.FAILED, e.attempts(), e.momentKey(),
                                "gave up: no " + t.platform() + " poster any more").ifPresent(outcomes::add);
                    } else if (!elsewhere(poster, t)) {
                        work.add(new Send(t, d, due, e.attempts() + 1, e.momentKey(), entry));
                    }
                }
            }
        }
        work.sort(Comparator.comparing(Work::due));
        return new Pass(work, outcomes);
    }

    private PostState.Ledger ledger(List<Target> targets, Instant now) {
        LocalDate from = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(KEEP_DAYS);
        for (Target t : targets) {
            LocalDate f = firstDate(t, now);
            if (f.isBefore(from)) from = f;
        }
        return state.ledger(targets.stream().map(Target::id).toList(), from);
    }

    /** Whether another process holds the target's channel (a Discord shard not run here); said once per target. */
    private boolean elsewhere(Poster poster, Target t) {
        if (poster.reach(t.channel()) == Poster.Reach.HERE) {
            warnedElsewhere.remove(t.id());
            return false;
        }
        if (warnedElsewhere.add(t.id())) {
            log.info("daily post {}: its channel is served by another process (a shard not run here); that process sends it", t.name());
        }
        return true;
    }

    /** A post ready to send (its claim in the store), or an outcome to report instead, or neither. */
    private record Prepared(Reply reply, PostRecord claim, PostOutcome instead) {}

    /** Chooses the content and claims (target, date) in the store; nothing is sent unless the claim is there. */
    private Prepared prepare(Send w) {
        Target t = w.target();
        Reply reply;
        String key;
        PostState.QuoteMemory memory = PostState.QuoteMemory.NONE;
        if (w.attempt() == 1 && w.expected().isEmpty()) {
            Optional<DailyContent.Composed> c = content.compose(t.post(), w.date(), state.posted(channelKey(t)));
            if (c.isEmpty()) {
                PostOutcome o = settle(t, w.date(), w.expected(), PostRecord.Status.SKIPPED, PostOutcome.Status.SKIPPED, 0, null,
                        t.post() instanceof DailyPost.TopicQuote q ? "nothing to post: no quote about '" + q.topic() + "'" : "nothing to post: no advice in the transcripts")
                        .orElse(null);
                return new Prepared(null, null, o);
            }
            reply = c.get().reply();
            key = c.get().momentKey();
            if (t.post() instanceof DailyPost.TopicQuote q) {
                List<String> forget = List.of();
                if (c.get().startedOver()) {
                    log.info("every quote about '{}' has been posted in {}:{}; starting over with the best one", q.topic(), t.platform(), t.channel());
                    forget = content.topicKeys(q);
                }
                memory = new PostState.QuoteMemory(channelKey(t), forget, key);
            }
        } else {
            key = w.momentKey();
            Optional<Reply> again = content.recompose(t.post(), w.date(), key);
            if (again.isEmpty()) {
                PostOutcome o = settle(t, w.date(), w.expected(), PostRecord.Status.FAILED, PostOutcome.Status.FAILED, w.attempt() - 1, key,
                        "gave up: the quote chosen at the first attempt is no longer in the transcripts").orElse(null);
                return new Prepared(null, null, o);
            }
            reply = again.get();
        }
        PostRecord claim = new PostRecord(PostRecord.Status.CLAIMED, w.attempt(), clock.instant(), null, key, "", null);
        PostState.Claim result = state.claim(t.id(), w.date(), w.expected(), claim, memory);
        if (result instanceof PostState.Claim.Won won) {
            holdOff.remove(key(t, w.date()));
            return new Prepared(reply, won.record(), null);
        }
        if (result instanceof PostState.Claim.NotRecorded nr) {
            // Not claimed in the store, so not sent: try again after a pause (kept in memory only).
            holdOff.put(key(t, w.date()), clock.instant().plus(retry.delayAfter(1)));
            log.error("daily post {} for {}: cannot record the claim in {} ({}); not sending until it can be recorded",
                    t.name(), w.date(), state.describe(), nr.cause().toString());
        } else {
            log.debug("daily post {} for {}: claimed or settled elsewhere first", t.name(), w.date());
        }
        return new Prepared(null, null, null);
    }

    private void attempt(Send w) {
        Target t = w.target();
        Poster poster = posters.get(t.platform());
        Prepared prepared = prepare(w);
        if (prepared.instead() != null) report(prepared.instead());
        if (prepared.reply() == null) return;
        send(t, w.date(), w.attempt(), poster, prepared.reply(), prepared.claim());
    }

    /** Sends a claimed post and records what the platform said. */
    private void send(Target t, LocalDate date, int attempt, Poster poster, Reply reply, PostRecord claim) {
        PostOutcome.Status status;
        String detail = "";
        try {
            poster.post(t.channel(), reply, new PostMark(t.id(), date));
            status = PostOutcome.Status.SENT;
        } catch (Poster.PostException e) {
            detail = e.getMessage() == null ? e.toString() : e.getMessage();
            status = e.retryable() && attempt < retry.maxAttempts() ? PostOutcome.Status.RETRYING : PostOutcome.Status.FAILED;
        } catch (RuntimeException e) {
            detail = "unexpected error: " + e;
            status = PostOutcome.Status.FAILED;
            log.error("daily post {}: the {} poster threw", t.name(), t.platform(), e);
        }
        Optional<PostRecord> expected = Optional.of(claim);
        String key = claim.momentKey();
        Optional<PostOutcome> o = switch (status) {
            case SENT -> settle(t, date, expected, PostRecord.Status.DONE, status, attempt, key, "");
            case RETRYING -> {
                Instant at = clock.instant().plus(retry.delayAfter(attempt));
                PostRecord next = new PostRecord(PostRecord.Status.RETRY, attempt, clock.instant(), at, key, detail, null);
                yield written(t, date, state.settle(t.id(), date, expected, next))
                        ? Optional.of(new PostOutcome(t, date, status, attempt, clock.instant(),
                                detail + "; attempt " + attempt + " of " + retry.maxAttempts() + ", next at " + at))
                        : Optional.empty();
            }
            default -> settle(t, date, expected, PostRecord.Status.FAILED, PostOutcome.Status.FAILED, attempt, key,
                    (attempt > 1 ? "gave up after " + attempt + " attempts: " : "") + detail);
        };
        o.ifPresent(this::report);
    }

    /**
     * A claim left by a process that stopped ({@link PostState.Orphans#ASK_THE_PLATFORM}): the
     * platform says whether the post is out. Out: recorded as sent. Not out, or a resend the
     * platform recognises as the same message: this process takes the claim over and sends the
     * post chosen at the first attempt. No way to tell: unknown, not resent.
     */
    private void recover(Recover w) {
        Target t = w.target();
        Poster poster = posters.get(t.platform());
        PostRecord orphan = w.orphan();
        Optional<PostRecord> expected = Optional.of(orphan);
        Optional<Reply> reply = orphan.momentKey() == null ? Optional.empty() : content.recompose(t.post(), w.date(), orphan.momentKey());
        if (reply.isEmpty()) {
            settle(t, w.date(), expected, PostRecord.Status.UNKNOWN, PostOutcome.Status.UNKNOWN, orphan.attempts(), orphan.momentKey(),
                    "claimed by " + w.who() + " at " + orphan.updated() + ", which stopped before recording the result; the quote it chose is no longer"
                            + " in the transcripts, so it cannot be looked for; not sending again").ifPresent(this::report);
            return;
        }
        Poster.Recovery r;
        try {
            r = poster.recover(t.channel(), new PostMark(t.id(), w.date()), orphan.updated(), reply.get());
        } catch (RuntimeException e) {
            r = new Poster.Recovery.CannotTell("looking it up failed: " + e);
        }
        if (r instanceof Poster.Recovery.AlreadyPosted found) {
            settle(t, w.date(), expected, PostRecord.Status.DONE, PostOutcome.Status.SENT, orphan.attempts(), orphan.momentKey(),
                    "sent by " + w.who() + ", which stopped before recording it (" + found.how() + ")").ifPresent(o -> {
                        log.info("daily post {} for {}: {}", t.name(), w.date(), o.detail());
                        report(o);
                    });
            return;
        }
        if (r instanceof Poster.Recovery.CannotTell why) {
            settle(t, w.date(), expected, PostRecord.Status.UNKNOWN, PostOutcome.Status.UNKNOWN, orphan.attempts(), orphan.momentKey(),
                    "claimed by " + w.who() + " at " + orphan.updated() + ", which stopped before recording the result, and " + t.platform()
                            + " cannot tell whether it went out (" + why.why() + "); not sending again").ifPresent(this::report);
            return;
        }
        String how = r instanceof Poster.Recovery.NotPosted np ? np.how() : ((Poster.Recovery.ResendIsSafe) r).why();
        log.info("daily post {} for {}: {} claimed it at {} and stopped; sending it here ({})", t.name(), w.date(), w.who(), orphan.updated(), how);
        PostRecord claim = new PostRecord(PostRecord.Status.CLAIMED, orphan.attempts(), clock.instant(), null, orphan.momentKey(), "", null);
        PostState.Claim result = state.claim(t.id(), w.date(), expected, claim, PostState.QuoteMemory.NONE);
        if (result instanceof PostState.Claim.Won won) {
            send(t, w.date(), orphan.attempts(), poster, reply.get(), won.record());
        } else if (result instanceof PostState.Claim.NotRecorded nr) {
            holdOff.put(key(t, w.date()), clock.instant().plus(retry.delayAfter(1)));
            log.error("daily post {} for {}: cannot take over the claim in {} ({})", t.name(), w.date(), state.describe(), nr.cause().toString());
        }
    }

    /**
     * Records a final state for (target, date) if it still is {@code expected}, and returns the
     * outcome to report; empty when another replica recorded something first (it reports its own).
     */
    private Optional<PostOutcome> settle(Target t, LocalDate date, Optional<PostRecord> expected, PostRecord.Status s, PostOutcome.Status outcome,
                                         int attempts, String key, String detail) {
        Instant now = clock.instant();
        PostRecord next = new PostRecord(s, attempts, now, null, key, detail, null);
        if (!written(t, date, state.settle(t.id(), date, expected, next))) return Optional.empty();
        return Optional.of(new PostOutcome(t, date, outcome, attempts, now, detail));
    }

    /** False when another process changed the record first. */
    private static boolean written(Target t, LocalDate date, PostState.Settled settled) {
        if (settled instanceof PostState.Settled.Lost lost) {
            log.info("daily post {} for {}: another replica recorded {} first", t.name(), date,
                    lost.current().map(r -> r.status().name()).orElse("nothing"));
            return false;
        }
        return true;
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

    /**
     * When the next pass has something to do: the earliest owed post or pending retry, or
     * {@code now} when something is due already; empty when there are no targets.
     */
    public Optional<Instant> nextDue(Instant now) {
        Instant best = null;
        List<Target> targets = targets();
        PostState.Ledger ledger = ledger(targets, now);
        Instant lookAgain = now.plus(state.lookAgainEvery());
        for (Target t : targets) {
            LocalDate last = LocalDate.ofInstant(now, t.zone()).plusDays(2);
            Poster poster = posters.get(t.platform());
            boolean elsewhere = poster != null && poster.reach(t.channel()) == Poster.Reach.ELSEWHERE;
            for (LocalDate d = firstDate(t, now); !d.isAfter(last); d = d.plusDays(1)) {
                Instant due = t.dueOn(d);
                Optional<PostRecord> e = ledger.get(t.id(), d);
                Instant candidate;
                if (e.isPresent()) {
                    if (e.get().status() == PostRecord.Status.RETRY) candidate = e.get().retryAt();
                    else if (e.get().status() == PostRecord.Status.CLAIMED) {
                        candidate = state.holder(e.get()) instanceof PostState.Holder.Gone ? now : lookAgain;
                    } else continue;
                } else {
                    if (due.isBefore(t.since())) continue;
                    candidate = due;
                }
                Instant held = holdOff.get(key(t, d));
                if (held != null && held.isAfter(candidate)) candidate = held;
                // a channel another process serves is its to post: only look again now and then
                if (elsewhere && candidate.isBefore(lookAgain)) candidate = lookAgain;
                if (candidate.isBefore(now)) candidate = now;
                if (best == null || candidate.isBefore(best)) best = candidate;
                if (e.isEmpty() && due.isAfter(now)) break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The next time each target will post, for {@code daily list}. */
    public Optional<Instant> nextPost(Target t, Instant now) {
        LocalDate d = LocalDate.ofInstant(now, t.zone()).minusDays(1);
        PostState.Ledger ledger = state.ledger(List.of(t.id()), d);
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

    private static String key(Target t, LocalDate d) {
        return t.id() + "@" + d;
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
        Duration wait;
        try {
            Instant now = clock.instant();
            Duration idle = state.lookAgainEvery().compareTo(MAX_IDLE) < 0 ? state.lookAgainEvery() : MAX_IDLE;
            wait = nextDue(now).map(d -> Duration.between(now, d)).orElse(idle);
            if (wait.compareTo(idle) > 0) wait = idle;
            // Still due right after a pass means the pass could not act (e.g. the disk refused the claim): do not spin.
            if (wait.isNegative() || wait.isZero()) wait = Duration.ofSeconds(1);
        } catch (StateUnavailableException e) {
            wait = Duration.ofSeconds(5);
        } catch (RuntimeException e) {
            log.error("daily-post scheduling failed; looking again shortly", e);
            wait = Duration.ofSeconds(5);
        }
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

    /** Stops the loop (letting a post in flight finish) and releases the state (the file store's folder lock). */
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
        state.close();
    }
}
