package dev.quotecast.state.postgres;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This process as one of the replicas sharing the database: a name, and a row it keeps fresh
 * ({@link #beat}) so that the others can tell it is alive. A replica that has not beaten for
 * {@code state.replicaTimeout} is taken for dead: its daily-post claims are settled by another.
 *
 * <p>The other side of that rule keeps it safe: a replica that could not beat for half the timeout
 * (the database away, the process stalled) makes no new claim, so it cannot be in the middle of a
 * send it claimed when another decides it is dead. Times of liveness are the database's own
 * ({@code now()}), so replicas on machines whose clocks disagree still agree on who is alive.
 */
final class Replica {

    private final Database db;
    private final String id;
    private final String host;
    private final Duration timeout;
    private volatile Instant lastBeat;

    Replica(Database db, Duration timeout) {
        this.db = db;
        this.host = hostName();
        this.id = host + "-" + randomTag();
        this.timeout = timeout;
    }

    String id() {
        return id;
    }

    Duration timeout() {
        return timeout;
    }

    /** How often to beat: six times per timeout, so a few lost beats do not make a live replica look dead. */
    Duration every() {
        Duration d = timeout.dividedBy(6);
        return d.compareTo(Duration.ofMillis(300)) < 0 ? Duration.ofMillis(300) : d;
    }

    /** Says "alive" on {@code c} (also inside a claim's transaction, so a claim always comes with a fresh beat). */
    void beat(Connection c) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO quotecast_replicas (id, host, started_at, seen_at) VALUES (?, ?, now(), now())
                ON CONFLICT (id) DO UPDATE SET seen_at = now()""")) {
            u.setString(1, id);
            u.setString(2, host);
            u.executeUpdate();
        }
        lastBeat = Instant.now();
    }

    /** Whether this replica may claim: it said it is alive less than half the timeout ago. */
    boolean mayClaim() {
        Instant b = lastBeat;
        return b != null && Duration.between(b, Instant.now()).compareTo(timeout.dividedBy(2)) < 0;
    }

    Duration sinceLastBeat() {
        Instant b = lastBeat;
        return b == null ? Duration.ZERO : Duration.between(b, Instant.now());
    }

    Optional<Instant> lastBeat() {
        return Optional.ofNullable(lastBeat);
    }

    /** Whether replica {@code other} beat within the timeout, by the database's clock; true when that cannot be read (act on nothing uncertain). */
    boolean isAlive(String other) {
        try {
            return db.call(c -> isAlive(c, other, timeout));
        } catch (SQLException e) {
            return true;
        }
    }

    /** One beat through the database's probe (which also ends an outage when it answers). */
    void beat() throws SQLException {
        db.probe(c -> {
            beat(c);
            return null;
        });
    }

    static boolean isAlive(Connection c, String other, Duration timeout) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT seen_at > now() - make_interval(secs => ?) FROM quotecast_replicas WHERE id = ?")) {
            q.setDouble(1, timeout.toMillis() / 1000.0);
            q.setString(2, other);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                h = "quotecast";
            }
        }
        h = h.replaceAll("[^A-Za-z0-9.-]", "");
        return h.isEmpty() ? "quotecast" : h.length() > 40 ? h.substring(0, 40) : h;
    }

    private static String randomTag() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) sb.append(Character.forDigit(r.nextInt(36), 36));
        return sb.toString();
    }
}
