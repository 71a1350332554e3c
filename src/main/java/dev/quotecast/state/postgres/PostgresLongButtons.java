package dev.quotecast.state.postgres;

import dev.quotecast.discord.LongButtons;
import dev.quotecast.discord.MemoryLongButtons;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Long Discord button payloads shared by the replicas, for a week: a click reaches whichever
 * replica runs the shard of its guild, and survives restarts. Keys are random (about 52 bits), so
 * replicas never collide. While the database is away, a new payload is kept in this replica's
 * memory instead (its button then works only here, until a restart), and a click is looked up in
 * memory too.
 */
final class PostgresLongButtons implements LongButtons {

    static final Duration KEEP = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final MemoryLongButtons local = new MemoryLongButtons(10_000, KEEP);

    PostgresLongButtons(Database db) {
        this.db = db;
    }

    @Override
    public String put(String payload) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String key = "k:" + Long.toString(RANDOM.nextLong() & ((1L << 52) - 1), 36);
            try {
                int n = db.call(c -> {
                    try (PreparedStatement s = c.prepareStatement("""
                            INSERT INTO quotecast_discord_buttons (key, payload, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))
                            ON CONFLICT (key) DO NOTHING""")) {
                        s.setString(1, key);
                        s.setString(2, payload);
                        s.setDouble(3, KEEP.toSeconds());
                        return s.executeUpdate();
                    }
                });
                if (n == 1) return key;
            } catch (SQLException e) {
                db.fellBack();
                break;
            }
        }
        return local.put(payload);
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> here = local.get(key);
        if (here.isPresent()) return here;
        try {
            return db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT payload FROM quotecast_discord_buttons WHERE key = ? AND expires_at > now()")) {
                    s.setString(1, key);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        } catch (SQLException e) {
            db.fellBack();
            return Optional.empty();
        }
    }

    @Override
    public long size() {
        try {
            return local.size() + db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM quotecast_discord_buttons WHERE expires_at > now()");
                     ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            });
        } catch (SQLException e) {
            return local.size();
        }
    }
}
