package dev.quotecast.schedule;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where daily posts keep what must outlive the process: chat schedules, when each config schedule
 * was first seen, and the ledger of claims and results per target and local date. Two homes: files
 * under {@code state.dir} for one process ({@link FilePostState}, the default), and PostgreSQL for
 * several replicas ({@code state.url}). {@link DailyScheduler} runs on either the same way; what
 * differs is said here, not tested for there.
 *
 * <p>Exactly once rests on {@link #claim}: a compare-and-set on (target, date), so that of several
 * replicas racing for a post exactly one wins it, and a replica acting on an old view loses
 * instead of overwriting. Results are written the same way ({@link #settle}), so a replica that was
 * taken for dead cannot overwrite what another decided meanwhile.
 */
public interface PostState extends AutoCloseable {

    /** Instants to retry, what was sent, and so on, of the targets asked for, from a date on. */
    interface Ledger {
        Optional<PostRecord> get(String targetId, LocalDate date);
    }

    /**
     * The change to a channel's memory of quotes that goes with a first claim: forget the topic's
     * quotes when the rotation starts over, then remember the one chosen.
     */
    record QuoteMemory(String channelKey, Collection<String> forget, String add) {
        public static final QuoteMemory NONE = new QuoteMemory(null, List.of(), null);
    }

    /** What became of a claim. */
    sealed interface Claim {
        /** This process holds the post now; {@code record} is what was written (with its {@code claimedBy}). */
        record Won(PostRecord record) implements Claim {}

        /** Someone else changed it first (another replica claimed or settled it); {@code current} is what is there now. */
        record Lost(Optional<PostRecord> current) implements Claim {}

        /** The store could not be written: nothing changed, nothing may be sent. */
        record NotRecorded(Exception cause) implements Claim {}
    }

    /** What became of a result. */
    sealed interface Settled {
        record Recorded() implements Settled {}

        /** Someone else changed it first (a replica that took this one for dead); {@code current} is what is there now. */
        record Lost(Optional<PostRecord> current) implements Settled {}

        /** Not written yet: this process acts on it, and the store writes it as soon as it can. */
        record Pending(Exception cause) implements Settled {}
    }

    /** Who holds a claim. */
    sealed interface Holder {
        /** This very process, in an attempt that ended without a result (the store could not be written). */
        record ThisProcess() implements Holder {}

        /** A replica that is alive: its send is in flight; leave it alone. */
        record LivePeer(String replica) implements Holder {}

        /** A process that stopped before it recorded the result. */
        record Gone(String who) implements Holder {}
    }

    /** How claims left by a process that died are settled. */
    enum Orphans {
        /**
         * Reported as unknown and never resent: a missing post is better than a double one. The file
         * store's rule: a claim there can only be found by the same bot after a restart.
         */
        REPORT_UNKNOWN,
        /**
         * The platform is asked ({@link Poster#recover}) whether the post went out; only when it cannot
         * tell is it reported unknown. With replicas, a replica's death (a deploy, a crash, a lost node)
         * is routine, its peers find its claims within {@code state.replicaTimeout}, and the day's post
         * must not be lost to it.
         */
        ASK_THE_PLATFORM
    }

    Orphans orphans();

    /**
     * How long the scheduler may sleep when nothing is due: other replicas may add schedules or
     * leave claims to settle meanwhile.
     */
    Duration lookAgainEvery();

    /** When this state began (stamped now if it is new): nothing due earlier is owed. */
    Instant started(Instant now);

    /** When a config target was first seen; recorded now if it is new. */
    Instant knownSince(String targetId, Instant now);

    /** Forgets config targets no longer configured, and every target's dates before {@code before}. */
    void prune(Set<String> configTargetIds, LocalDate before);

    List<ChatSchedule> chatSchedules();

    /** Sets the chat schedule of its channel, replacing the one it had. Durable when this returns. */
    void putChatSchedule(ChatSchedule schedule) throws IOException;

    /** Removes the chat schedule of a channel; empty when it had none. Durable when this returns. */
    Optional<ChatSchedule> removeChatSchedule(String platform, String channel) throws IOException;

    Ledger ledger(Collection<String> targetIds, LocalDate from);

    /** The quotes a channel has received (its rotation memory). */
    Set<String> posted(String channelKey);

    /**
     * Claims (target, date) if it still is {@code expected} (empty: nothing recorded yet), writing
     * {@code claim} and the channel's quote memory change together.
     */
    Claim claim(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord claim, QuoteMemory memory);

    /** Records {@code next} for (target, date) if it still is {@code expected}. */
    Settled settle(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord next);

    /** Who holds a {@link PostRecord.Status#CLAIMED} record. */
    Holder holder(PostRecord claimed);

    /** For logs: where the state is. */
    String describe();

    /** Releases what this process holds (the file store's folder lock); the store's connections are not this port's to close. */
    @Override
    void close();

    /** A ledger over a map, for adapters that read everything at once. */
    static Ledger ledgerOf(Map<String, ? extends Map<LocalDate, PostRecord>> byTarget) {
        return (id, date) -> {
            Map<LocalDate, PostRecord> m = byTarget.get(id);
            return m == null ? Optional.empty() : Optional.ofNullable(m.get(date));
        };
    }
}
