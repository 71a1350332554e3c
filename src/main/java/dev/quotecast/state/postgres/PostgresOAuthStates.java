package dev.quotecast.state.postgres;

import com.slack.api.bolt.service.OAuthStateService;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The OAuth {@code state} values handed out by {@code /slack/install}, on the shared database, so
 * that Slack may send the installer back to any replica. Bolt checks a returning state twice: it
 * must equal the one in the installer's cookie, and be in this store (for ten minutes, once).
 */
final class PostgresOAuthStates implements OAuthStateService {

    private final Database db;

    PostgresOAuthStates(Database db) {
        this.db = db;
    }

    @Override
    public void addNewStateToDatastore(String state) throws Exception {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO quotecast_slack_oauth_states (state, expires_at) VALUES (?, now() + make_interval(secs => ?))")) {
                s.setString(1, state);
                s.setDouble(2, getExpirationInSeconds());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        try {
            return db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM quotecast_slack_oauth_states WHERE state = ? AND expires_at > now()")) {
                    s.setString(1, state);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next();
                    }
                }
            });
        } catch (SQLException e) {
            return false;   // cannot be checked: refused, and the installer tries again
        }
    }

    @Override
    public void deleteStateFromDatastore(String state) throws Exception {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM quotecast_slack_oauth_states WHERE state = ?")) {
                s.setString(1, state);
                return s.executeUpdate();
            }
        });
    }
}
