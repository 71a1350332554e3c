package dev.quotecast.state.postgres;

import dev.quotecast.slack.SeenEvents;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Slack event ids shared by the replicas: a retry that reaches another replica finds the id taken.
 * The claim is one statement: insert the id, or take over an expired one; an hour is kept (Slack
 * retries within minutes). While the database is away each replica falls back to its own memory,
 * so chat is answered as before; only a retry that lands on another replica during the outage
 * could then be answered twice. Every id is also kept in memory, so a retry to the same replica is
 * caught even if the database goes away in between.
 */
final class PostgresSeenEvents implements SeenEvents {

    static final Duration KEEP = Duration.ofHours(1);

    private final Database db;
    private final SeenEvents local = SeenEvents.inMemory();

    PostgresSeenEvents(Database db) {
        this.db = db;
    }

    @Override
    public boolean claim(String eventId) {
        if (eventId == null) return true;
        if (!local.claim(eventId)) return false;
        try {
            return db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO quotecast_slack_events (event_id, expires_at) VALUES (?, now() + make_interval(secs => ?))
                        ON CONFLICT (event_id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE quotecast_slack_events.expires_at < now()""")) {
                    s.setString(1, eventId);
                    s.setDouble(2, KEEP.toSeconds());
                    return s.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            db.fellBack();
            return true;   // taken in memory above
        }
    }

    @Override
    public void release(String eventId) {
        if (eventId == null) return;
        local.release(eventId);
        try {
            db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM quotecast_slack_events WHERE event_id = ?")) {
                    s.setString(1, eventId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            db.fellBack();
        }
    }
}
