package dev.quotecast.state.postgres;

import dev.quotecast.config.ConfigLoader;
import dev.quotecast.schedule.ChatSchedule;
import dev.quotecast.schedule.DailyPost;
import dev.quotecast.schedule.PostRecord;
import dev.quotecast.schedule.PostState;
import dev.quotecast.schedule.StateUnavailableException;
import dev.quotecast.transcript.Text;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily-post state of all replicas, in PostgreSQL. A claim is one statement on the row of
 * (target, local date): an {@code INSERT ... ON CONFLICT DO NOTHING} for a first attempt, a
 * compare-and-set {@code UPDATE} for a retry or a takeover. Whoever's statement changes the row
 * holds the post; the other replicas find it claimed.
 *
 * <p>A claim names its replica. A replica that stops saying it is alive ({@link Replica}) for
 * {@code state.replicaTimeout} is taken for dead, and its claims are settled by another, which asks
 * the platform whether the post went out ({@link Orphans#ASK_THE_PLATFORM}). A replica that could
 * not say it is alive for half that time claims nothing, so that it is never taken for dead while it
 * sends.
 *
 * <p>When the database goes away: reads fail with {@link StateUnavailableException} (the scheduler
 * skips its pass: nothing is claimed, so nothing can go out twice), a claim is not recorded (so not
 * sent), and a result is kept here and written when the database answers again ("pending"),
 * compare-and-set as always, so it cannot overwrite what another replica decided meanwhile.
 */
final class PostgresPostState implements PostState {

    private static final Logger log = LoggerFactory.getLogger(PostgresPostState.class);
    private static final int KEEP_POSTED = 2_000;

    /** A result not written yet, with the record it must replace. */
    private record PendingWrite(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord next) {}

    private final Database db;
    private final Replica replica;
    private final Map<String, PendingWrite> pending = new ConcurrentHashMap<>();
    /** Whether each claiming replica seen in the last ledger read was alive then. */
    private final Map<String, Boolean> alive = new ConcurrentHashMap<>();
    private volatile Instant started;
    private volatile List<ChatSchedule> chat = List.of();
    private volatile long chatReadAt;

    PostgresPostState(Database db, Replica replica) {
        this.db = db;
        this.replica = replica;
    }

    @Override
    public Orphans orphans() {
        return Orphans.ASK_THE_PLATFORM;
    }

    /** A quarter of the replica timeout, between 1 and 10 s: schedules set through another replica are seen that soon. */
    @Override
    public Duration lookAgainEvery() {
        Duration d = replica.timeout().dividedBy(4);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return d.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : d;
    }

    @Override
    public Instant started(Instant now) {
        Instant s = started;
        if (s != null) return s;
        try {
            s = db.call(c -> {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO quotecast_meta (name, value) VALUES ('ledger_started', ?) ON CONFLICT DO NOTHING")) {
                    ins.setString(1, now.toString());
                    ins.executeUpdate();
                }
                try (PreparedStatement q = c.prepareStatement("SELECT value FROM quotecast_meta WHERE name = 'ledger_started'");
                     ResultSet r = q.executeQuery()) {
                    r.next();
                    return Instant.parse(r.getString(1));
                }
            });
            started = s;
            return s;
        } catch (SQLException e) {
            // unknown while the database is away: owe nothing from before now (never a catch-up that could double)
            return now;
        }
    }

    @Override
    public Instant knownSince(String targetId, Instant now) {
        try {
            return db.call(c -> {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO quotecast_known_since (target_id, since) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    ins.setString(1, targetId);
                    ins.setObject(2, ts(now));
                    ins.executeUpdate();
                }
                try (PreparedStatement q = c.prepareStatement("SELECT since FROM quotecast_known_since WHERE target_id = ?")) {
                    q.setString(1, targetId);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        return instant(r, 1);
                    }
                }
            });
        } catch (SQLException e) {
            return now;
        }
    }

    @Override
    public void prune(Set<String> configTargetIds, LocalDate before) {
        try {
            db.call(c -> {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM quotecast_known_since WHERE target_id LIKE 'config:%' AND NOT (target_id = ANY (?))")) {
                    d.setArray(1, c.createArrayOf("text", configTargetIds.toArray()));
                    d.executeUpdate();
                }
                try (PreparedStatement d = c.prepareStatement("DELETE FROM quotecast_daily_posts WHERE local_date < ?")) {
                    d.setObject(1, before);
                    d.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            log.warn("state: could not forget old daily-post records now ({}); they are forgotten at the next start", Text.escape(Database.reason(e)));
        }
    }

    @Override
    public List<ChatSchedule> chatSchedules() {
        long now = System.nanoTime();
        if (now - chatReadAt < 1_000_000_000L) return chat;
        try {
            chat = db.call(c -> {
                List<ChatSchedule> out = new ArrayList<>();
                try (PreparedStatement q = c.prepareStatement("SELECT platform, channel, at_time, zone, post, added_by, added_at FROM quotecast_chat_schedules ORDER BY added_at, platform, channel");
                     ResultSet r = q.executeQuery()) {
                    while (r.next()) schedule(r).ifPresent(out::add);
                }
                return List.copyOf(out);
            });
            chatReadAt = now;
        } catch (SQLException e) {
            // as last read: a schedule changed through another replica meanwhile is seen when the database is back
        }
        return chat;
    }

    private static Optional<ChatSchedule> schedule(ResultSet r) throws SQLException {
        String where = r.getString("platform") + ":" + r.getString("channel");
        try {
            LocalTime at = ConfigLoader.parseTime(r.getString("at_time"));
            ZoneId zone = ConfigLoader.parseZone(r.getString("zone"));
            if (at == null || zone == null) throw new IllegalArgumentException("bad time or zone " + r.getString("at_time") + " " + r.getString("zone"));
            return Optional.of(new ChatSchedule(r.getString("platform"), r.getString("channel"), at, zone, DailyPost.parse(r.getString("post")),
                    r.getString("added_by"), instant(r, "added_at")));
        } catch (RuntimeException e) {
            log.error("state: the chat schedule of {} cannot be read ({}); it is left in the database and not posted", where, Text.escape(e.getMessage()));
            return Optional.empty();
        }
    }

    @Override
    public void putChatSchedule(ChatSchedule s) throws IOException {
        try {
            db.call(c -> {
                try (PreparedStatement u = c.prepareStatement("""
                        INSERT INTO quotecast_chat_schedules (platform, channel, at_time, zone, post, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (platform, channel) DO UPDATE SET at_time = EXCLUDED.at_time, zone = EXCLUDED.zone, post = EXCLUDED.post,
                            added_by = EXCLUDED.added_by, added_at = EXCLUDED.added_at""")) {
                    u.setString(1, s.platform());
                    u.setString(2, s.channel());
                    u.setString(3, s.at().toString());
                    u.setString(4, s.zone().getId());
                    u.setString(5, s.post().spec());
                    u.setString(6, s.addedBy());
                    u.setObject(7, ts(s.addedAt()));
                    u.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IOException("the state database did not take the schedule: " + Database.reason(e), e);
        }
        chatReadAt = 0;
    }

    @Override
    public Optional<ChatSchedule> removeChatSchedule(String platform, String channel) throws IOException {
        try {
            Optional<ChatSchedule> removed = db.call(c -> {
                try (PreparedStatement d = c.prepareStatement(
                        "DELETE FROM quotecast_chat_schedules WHERE platform = ? AND channel = ? RETURNING platform, channel, at_time, zone, post, added_by, added_at")) {
                    d.setString(1, platform);
                    d.setString(2, channel);
                    try (ResultSet r = d.executeQuery()) {
                        return r.next() ? schedule(r) : Optional.<ChatSchedule>empty();
                    }
                }
            });
            chatReadAt = 0;
            return removed;
        } catch (SQLException e) {
            throw new IOException("the state database did not take the change: " + Database.reason(e), e);
        }
    }

    @Override
    public Ledger ledger(Collection<String> targetIds, LocalDate from) {
        Map<String, Map<LocalDate, PostRecord>> byTarget = new HashMap<>();
        try {
            db.call(c -> {
                try (PreparedStatement q = c.prepareStatement("""
                        SELECT p.target_id, p.local_date, p.status, p.attempts, p.updated, p.retry_at, p.moment_key, p.detail, p.claimed_by,
                               (r.seen_at IS NOT NULL AND r.seen_at > now() - make_interval(secs => ?)) AS claimer_alive
                        FROM quotecast_daily_posts p LEFT JOIN quotecast_replicas r ON r.id = p.claimed_by
                        WHERE p.target_id = ANY (?) AND p.local_date >= ?""")) {
                    q.setDouble(1, replica.timeout().toMillis() / 1000.0);
                    q.setArray(2, c.createArrayOf("text", targetIds.toArray()));
                    q.setObject(3, from);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            PostRecord rec = record(r);
                            byTarget.computeIfAbsent(r.getString("target_id"), k -> new TreeMap<>()).put(r.getObject("local_date", LocalDate.class), rec);
                            if (rec.claimedBy() != null) alive.put(rec.claimedBy(), r.getBoolean("claimer_alive"));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StateUnavailableException("the state database cannot be read: " + Database.reason(e), e);
        }
        // results this replica could not write yet are what it acts on
        for (PendingWrite p : pending.values()) {
            if (targetIds.contains(p.targetId())) byTarget.computeIfAbsent(p.targetId(), k -> new TreeMap<>()).put(p.date(), p.next());
        }
        return PostState.ledgerOf(byTarget);
    }

    @Override
    public Set<String> posted(String channelKey) {
        try {
            return db.call(c -> {
                Set<String> out = new LinkedHashSet<>();
                try (PreparedStatement q = c.prepareStatement("SELECT moment_key FROM quotecast_posted_quotes WHERE channel_key = ? ORDER BY seq")) {
                    q.setString(1, channelKey);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) out.add(r.getString(1));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw new StateUnavailableException("the state database cannot be read: " + Database.reason(e), e);
        }
    }

    @Override
    public Claim claim(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord claim, QuoteMemory memory) {
        if (!replica.mayClaim()) {
            return new Claim.NotRecorded(new IOException("this replica could not tell the database it is alive for "
                    + replica.sinceLastBeat().toSeconds() + " s; it claims nothing until it can (another could take it for dead)"));
        }
        PostRecord mine = truncate(claim).claimedBy(replica.id());
        try {
            return db.transaction(c -> {
                replica.beat(c);
                int changed = write(c, targetId, date, expected, mine);
                if (changed == 0) return new Claim.Lost(current(c, targetId, date));
                if (memory.channelKey() != null) remember(c, memory);
                return new Claim.Won(mine);
            });
        } catch (SQLException e) {
            return new Claim.NotRecorded(e);
        }
    }

    @Override
    public Settled settle(String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord next) {
        // who settled it, for whoever reads the table: claims are told apart by it, results only annotated
        PostRecord rec = truncate(next).claimedBy(replica.id());
        String key = targetId + "@" + date;
        PendingWrite earlier = pending.get(key);
        if (earlier != null) {
            // the pending write has not reached the database: this one replaces it and expects what it expected
            expected = earlier.expected();
        }
        Optional<PostRecord> exp = expected;
        try {
            Write w = db.transaction(c -> Write.of(c, write(c, targetId, date, exp, rec), targetId, date));
            pending.remove(key);
            return w.written() ? new Settled.Recorded() : new Settled.Lost(w.current());
        } catch (SQLException e) {
            pending.put(key, new PendingWrite(targetId, date, exp, rec));
            if (!Database.isOutage(e)) log.error("state: recording {} for {} {} failed: {}", rec.status(), targetId, date, Text.escape(Database.reason(e)));
            return new Settled.Pending(e);
        }
    }

    /** Writes the results kept while the database was away (the keeper calls this every few seconds). */
    void flushPending() {
        for (PendingWrite p : List.copyOf(pending.values())) {
            String key = p.targetId() + "@" + p.date();
            try {
                Write w = db.transaction(c -> Write.of(c, write(c, p.targetId(), p.date(), p.expected(), p.next()), p.targetId(), p.date()));
                pending.remove(key, p);
                if (!w.written()) {
                    log.warn("state: {} for {} {} was not written: another replica recorded {} meanwhile", p.next().status(), p.targetId(), p.date(),
                            w.current().map(r -> r.status() + " by " + r.claimedBy()).orElse("nothing"));
                } else {
                    log.info("state: wrote {} for {} {}, kept while the database was away", p.next().status(), p.targetId(), p.date());
                }
            } catch (SQLException e) {
                return;   // still away: all of them wait for the next round
            }
        }
    }

    int pendingWrites() {
        return pending.size();
    }

    @Override
    public Holder holder(PostRecord claimed) {
        String by = claimed.claimedBy();
        if (by == null) return new Holder.Gone("a process that left no name");
        if (by.equals(replica.id())) return new Holder.ThisProcess();
        Boolean isAlive = alive.get(by);
        if (isAlive == null) isAlive = replica.isAlive(by);
        return isAlive ? new Holder.LivePeer(by) : new Holder.Gone("replica " + by);
    }

    @Override
    public String describe() {
        return "the state database " + db.safeUrl();
    }

    /** The pool belongs to the store; results still pending get a last chance to be written. */
    @Override
    public void close() {
        flushPending();
        if (!pending.isEmpty()) {
            log.warn("state: {} daily-post result(s) could not be written before stopping; another replica settles those posts", pending.size());
        }
    }

    // ---- SQL -------------------------------------------------------------------------------

    /** What a compare-and-set did: written, or not, with what is there now. */
    private record Write(boolean written, Optional<PostRecord> current) {
        static Write of(Connection c, int changed, String targetId, LocalDate date) throws SQLException {
            return changed == 1 ? new Write(true, Optional.empty()) : new Write(false, PostgresPostState.current(c, targetId, date));
        }
    }

    /** The compare-and-set: insert when nothing is expected, else update the row only if it still is what was read. */
    private static int write(Connection c, String targetId, LocalDate date, Optional<PostRecord> expected, PostRecord next) throws SQLException {
        if (expected.isEmpty()) {
            try (PreparedStatement i = c.prepareStatement("""
                    INSERT INTO quotecast_daily_posts (target_id, local_date, status, attempts, updated, retry_at, moment_key, detail, claimed_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (target_id, local_date) DO NOTHING""")) {
                i.setString(1, targetId);
                i.setObject(2, date);
                bind(i, 3, next);
                return i.executeUpdate();
            }
        }
        PostRecord e = expected.get();
        try (PreparedStatement u = c.prepareStatement("""
                UPDATE quotecast_daily_posts SET status = ?, attempts = ?, updated = ?, retry_at = ?, moment_key = ?, detail = ?, claimed_by = ?
                WHERE target_id = ? AND local_date = ? AND status = ? AND attempts = ? AND updated = ? AND claimed_by IS NOT DISTINCT FROM ?""")) {
            bind(u, 1, next);
            u.setString(8, targetId);
            u.setObject(9, date);
            u.setString(10, e.status().name());
            u.setInt(11, e.attempts());
            u.setObject(12, ts(e.updated()));
            u.setString(13, e.claimedBy());
            return u.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, int from, PostRecord r) throws SQLException {
        s.setString(from, r.status().name());
        s.setInt(from + 1, r.attempts());
        s.setObject(from + 2, ts(r.updated()));
        s.setObject(from + 3, r.retryAt() == null ? null : ts(r.retryAt()));
        s.setString(from + 4, r.momentKey());
        s.setString(from + 5, r.detail());
        s.setString(from + 6, r.claimedBy());
    }

    private static Optional<PostRecord> current(Connection c, String targetId, LocalDate date) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                SELECT status, attempts, updated, retry_at, moment_key, detail, claimed_by FROM quotecast_daily_posts WHERE target_id = ? AND local_date = ?""")) {
            q.setString(1, targetId);
            q.setObject(2, date);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(record(r)) : Optional.empty();
            }
        }
    }

    private static void remember(Connection c, QuoteMemory m) throws SQLException {
        if (!m.forget().isEmpty()) {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM quotecast_posted_quotes WHERE channel_key = ? AND moment_key = ANY (?)")) {
                d.setString(1, m.channelKey());
                Array keys = c.createArrayOf("text", m.forget().toArray());
                d.setArray(2, keys);
                d.executeUpdate();
            }
        }
        if (m.add() == null) return;
        try (PreparedStatement i = c.prepareStatement("INSERT INTO quotecast_posted_quotes (channel_key, moment_key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            i.setString(1, m.channelKey());
            i.setString(2, m.add());
            i.executeUpdate();
        }
        try (PreparedStatement trim = c.prepareStatement("""
                DELETE FROM quotecast_posted_quotes WHERE channel_key = ? AND seq < (
                    SELECT seq FROM quotecast_posted_quotes WHERE channel_key = ? ORDER BY seq DESC OFFSET ? LIMIT 1)""")) {
            trim.setString(1, m.channelKey());
            trim.setString(2, m.channelKey());
            trim.setInt(3, KEEP_POSTED - 1);
            trim.executeUpdate();
        }
    }

    private static PostRecord record(ResultSet r) throws SQLException {
        return new PostRecord(PostRecord.Status.valueOf(r.getString("status")), r.getInt("attempts"), instant(r, "updated"),
                r.getObject("retry_at") == null ? null : instant(r, "retry_at"), r.getString("moment_key"), r.getString("detail"), r.getString("claimed_by"));
    }

    /** PostgreSQL keeps microseconds: what is written is what is compared later. */
    private static PostRecord truncate(PostRecord r) {
        return new PostRecord(r.status(), r.attempts(), r.updated().truncatedTo(ChronoUnit.MICROS),
                r.retryAt() == null ? null : r.retryAt().truncatedTo(ChronoUnit.MICROS), r.momentKey(), r.detail(), r.claimedBy());
    }

    static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }
}
