package dev.quotecast.schedule;

import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.transcript.Text;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily-post state of one process, in files under {@code state.dir}: the ledger
 * ({@code daily-ledger.json}) and chat schedules ({@code daily-schedules.json}), each replaced
 * atomically on every change ({@link StateFile}), and {@code daily.lock}, held while the process
 * runs so that a second one cannot schedule from the same folder and post twice.
 *
 * <p>Everything is in memory and the files follow it. A claim that cannot be written is undone in
 * memory (nothing may be sent unless its claim is on disk); a result that cannot be written stays
 * in memory and goes to disk with the next change, as before there was a second home for state.
 */
public final class FilePostState implements PostState {

    private static final Logger log = LoggerFactory.getLogger(FilePostState.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final StateFile<PostLedger> ledgerFile;
    private final StateFile<List<ChatSchedule>> schedulesFile;
    private final PostLedger ledger;
    private List<ChatSchedule> chat;

    private FilePostState(FileChannel lockChannel, FileLock lock, StateFile<PostLedger> ledgerFile, StateFile<List<ChatSchedule>> schedulesFile,
                          PostLedger ledger, List<ChatSchedule> chat) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.ledgerFile = ledgerFile;
        this.schedulesFile = schedulesFile;
        this.ledger = ledger;
        this.chat = List.copyOf(chat);
    }

    /**
     * Locks {@code config.stateDir()} (creating it) and reads both files; a damaged file is set
     * aside and started afresh ({@link StateFile}).
     *
     * @throws ConfigException when another process holds the folder, or it cannot be written
     */
    public static FilePostState open(BotConfig config, Clock clock) {
        Path dir = config.stateDir();
        FileChannel channel;
        FileLock l;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(DailyScheduler.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                l = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                channel.close();
                throw new ConfigException(config.source() == null ? null : config.source().toString(), 0, "state.dir",
                        dir + " is in use by another running Quotecast; two schedulers on one state folder would post twice"
                                + " (several replicas share state through state.url instead)");
            }
        } catch (IOException e) {
            // a read-only or full disk: one line naming the key, not a stack trace (the message is the OS's reason)
            throw new ConfigException(config.source() == null ? null : config.source().toString(), 0, "state.dir",
                    dir + " cannot be written (" + Text.escape(String.valueOf(e)) + "); daily posts need a writable state folder");
        }
        StateFile<PostLedger> ledgerFile = new StateFile<>(dir.resolve(DailyScheduler.LEDGER_FILE), new PostLedger.Codec(), clock);
        StateFile<List<ChatSchedule>> schedulesFile = new StateFile<>(dir.resolve(DailyScheduler.SCHEDULES_FILE), new ScheduleStore.Codec(), clock);
        try {
            PostLedger ledger = ledgerFile.load().value();
            List<ChatSchedule> chat = new ArrayList<>(schedulesFile.load().value());
            return new FilePostState(channel, l, ledgerFile, schedulesFile, ledger, chat);
        } catch (RuntimeException e) {
            release(l, channel);
            throw e;
        }
    }

    @Override
    public Orphans orphans() {
        return Orphans.REPORT_UNKNOWN;
    }

    @Override
    public Duration lookAgainEvery() {
        return DailyScheduler.MAX_IDLE;
    }

    @Override
    public synchronized Instant started(Instant now) {
        return ledger.started(now);
    }

    @Override
    public synchronized Instant knownSince(String targetId, Instant now) {
        return ledger.knownSince(targetId, now);
    }

    @Override
    public synchronized void prune(Set<String> configTargetIds, LocalDate before) {
        ledger.prune(configTargetIds, before);
        save("recording the config schedules");
    }

    @Override
    public synchronized List<ChatSchedule> chatSchedules() {
        return chat;
    }

    @Override
    public synchronized void putChatSchedule(ChatSchedule schedule) throws IOException {
        List<ChatSchedule> next = new ArrayList<>(chat);
        next.removeIf(s -> s.platform().equals(schedule.platform()) && s.channel().equals(schedule.channel()));
        next.add(schedule);
        schedulesFile.save(next);
        chat = List.copyOf(next);
    }

    @Override
    public synchronized Optional<ChatSchedule> removeChatSchedule(String platform, String channel) throws IOException {
        Optional<ChatSchedule> old = chat.stream().filter(s -> s.platform().equals(platform) && s.channel().equals(channel)).findFirst();
        if (old.isEmpty()) return Optional.empty();
        List<ChatSchedule> next = new ArrayList<>(chat);
        next.remove(old.get());
        schedulesFile.save(next);
        chat = List.copyOf(next);
        return old;
    }

    @Override
    public synchronized Ledger ledger(Collection<String> targetIds, LocalDate from) {
        Map<String, Map<LocalDate, PostRecord>> copy = new HashMap<>();
        for (String id : targetIds) {
            Map<LocalDate, PostRecord> dates = new TreeMap<>();
            ledger.entries(id, from).forEach((d, e) -> dates.put(d, record(e)));
            if (!dates.isEmpty()) copy.put(id, dates);
        }
        return PostState.ledgerOf(copy);
    }

    @Override
    public synchronized Set<String> posted(String channelKey) {
        return Set.copyOf(ledger.posted(channelKey));
    }

    @Override
    public synchronized Claim claim(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord claim, QuoteMemory memory) {
        Optional<PostRecord> current = ledger.get(targetId, date).map(FilePostState::record);
        if (!current.equals(expected)) return new Claim.Lost(current);
        Set<String> postedBefore = memory.channelKey() == null ? null : new LinkedHashSet<>(ledger.posted(memory.channelKey()));
        ledger.put(targetId, date, entry(claim));
        if (memory.channelKey() != null) {
            ledger.posted(memory.channelKey()).removeAll(memory.forget());
            if (memory.add() != null) ledger.markPosted(memory.channelKey(), memory.add());
        }
        try {
            ledgerFile.save(ledger);
            return new Claim.Won(claim);
        } catch (IOException e) {
            // not on disk, so not claimed: memory goes back to what the file says
            if (current.isPresent()) ledger.put(targetId, date, entry(current.get()));
            else ledger.remove(targetId, date);
            if (postedBefore != null) {
                Set<String> posted = ledger.posted(memory.channelKey());
                posted.clear();
                posted.addAll(postedBefore);
            }
            return new Claim.NotRecorded(e);
        }
    }

    @Override
    public synchronized Settled settle(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord next) {
        Optional<PostRecord> current = ledger.get(targetId, date).map(FilePostState::record);
        if (!current.equals(expected)) return new Settled.Lost(current);
        ledger.put(targetId, date, entry(next));
        try {
            ledgerFile.save(ledger);
            return new Settled.Recorded();
        } catch (IOException e) {
            log.error("cannot write {} while recording {} for {}: {}", ledgerFile.path(), next.status(), date, e.toString());
            return new Settled.Pending(e);
        }
    }

    /** A claim in this store can only have been left by an earlier run: this run settles each of its claims before its pass ends. */
    @Override
    public Holder holder(PostRecord claimed) {
        return new Holder.Gone("an earlier run of this bot");
    }

    @Override
    public String describe() {
        return ledgerFile.path().toString();
    }

    /** Releases the state folder. */
    @Override
    public synchronized void close() {
        release(lock, lockChannel);
    }

    private void save(String why) {
        try {
            ledgerFile.save(ledger);
        } catch (IOException e) {
            log.error("cannot write {} while {}: {}", ledgerFile.path(), why, e.toString());
        }
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            log.debug("releasing {}: {}", DailyScheduler.LOCK_FILE, e.toString());
        }
    }

    static PostRecord record(PostLedger.Entry e) {
        return new PostRecord(PostRecord.Status.valueOf(e.status().name()), e.attempts(), e.updated(), e.retryAt(), e.momentKey(), e.detail(), null);
    }

    static PostLedger.Entry entry(PostRecord r) {
        return new PostLedger.Entry(PostLedger.Status.valueOf(r.status().name()), r.attempts(), r.updated(), r.retryAt(), r.momentKey(), r.detail());
    }
}
