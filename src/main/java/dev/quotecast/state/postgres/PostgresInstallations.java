package dev.quotecast.state.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.util.JsonOps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's {@link InstallationService} on the shared database: the bot token of every workspace (or
 * organisation) that installed the app, found by any replica. Lookups follow Bolt's own file store:
 * an organisation-wide install first, then the workspace's own, then one made before the workspace
 * joined an organisation.
 *
 * <p>Bolt asks for the bot on every request. While the database is away, the last token read for a
 * workspace is used (kept here for a day), so workspaces that were answered keep being answered;
 * a workspace installed meanwhile, or not yet seen by this replica, is answered once the database
 * is back. An install itself must be durable, so saving throws while the database is away: Slack's
 * install page then says it failed, and the installer tries again.
 */
final class PostgresInstallations implements InstallationService {

    private static final Logger log = LoggerFactory.getLogger(PostgresInstallations.class);

    private final Database db;
    /** The last bot read per key, for outages: a workspace answered before is answered during one. */
    private final Cache<String, Optional<Bot>> lastRead = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).build();
    private volatile boolean historicalDataEnabled;

    PostgresInstallations(Database db) {
        this.db = db;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return historicalDataEnabled;
    }

    /** Kept for Bolt's interface; only the latest install per workspace and user is stored. */
    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        this.historicalDataEnabled = enabled;
    }

    @Override
    public void saveInstallerAndBot(Installer installer) throws Exception {
        Instant at = installer.getInstalledAt() == null ? Instant.now() : Instant.ofEpochMilli(installer.getInstalledAt());
        String e = key(installer.getEnterpriseId()), t = key(installer.getTeamId());
        Bot bot = installer.toBot();
        db.transaction(c -> {
            upsertInstaller(c, e, t, key(installer.getInstallerUserId()), at, JsonOps.toJsonString(installer));
            upsertInstaller(c, e, t, "", at, JsonOps.toJsonString(installer));
            upsertBot(c, e, t, at, JsonOps.toJsonString(bot));
            return null;
        });
        lastRead.invalidateAll();
        log.info("Slack: installed in {} {}", installer.getIsEnterpriseInstall() != null && installer.getIsEnterpriseInstall() ? "organisation" : "workspace",
                installer.getIsEnterpriseInstall() != null && installer.getIsEnterpriseInstall() ? installer.getEnterpriseId() : installer.getTeamId());
    }

    @Override
    public void saveBot(Bot bot) throws Exception {
        Instant at = bot.getInstalledAt() == null ? Instant.now() : Instant.ofEpochMilli(bot.getInstalledAt());
        db.transaction(c -> {
            upsertBot(c, key(bot.getEnterpriseId()), key(bot.getTeamId()), at, JsonOps.toJsonString(bot));
            return null;
        });
        lastRead.invalidateAll();
    }

    @Override
    public void deleteBot(Bot bot) throws Exception {
        delete("DELETE FROM quotecast_slack_bots WHERE enterprise_key = ? AND team_key = ?", key(bot.getEnterpriseId()), key(bot.getTeamId()), null);
    }

    @Override
    public void deleteInstaller(Installer installer) throws Exception {
        delete("DELETE FROM quotecast_slack_installers WHERE enterprise_key = ? AND team_key = ? AND user_key = ?",
                key(installer.getEnterpriseId()), key(installer.getTeamId()), key(installer.getInstallerUserId()));
    }

    /** {@code app_uninstalled}: everything of the workspace (or organisation) goes. */
    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        try {
            delete("DELETE FROM quotecast_slack_installers WHERE enterprise_key = ? AND team_key = ?", key(enterpriseId), key(teamId), null);
            delete("DELETE FROM quotecast_slack_bots WHERE enterprise_key = ? AND team_key = ?", key(enterpriseId), key(teamId), null);
            log.info("Slack: uninstalled from {}", teamId != null ? teamId : enterpriseId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the installation of " + (teamId != null ? teamId : enterpriseId) + ": " + Database.reason(e), e);
        }
    }

    private void delete(String sql, String e, String t, String u) throws SQLException {
        db.call(c -> {
            try (PreparedStatement d = c.prepareStatement(sql)) {
                d.setString(1, e);
                d.setString(2, t);
                if (u != null) d.setString(3, u);
                return d.executeUpdate();
            }
        });
        lastRead.invalidateAll();
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        String cacheKey = key(enterpriseId) + "/" + key(teamId);
        try {
            Optional<Bot> bot = db.call(c -> {
                if (enterpriseId != null) {
                    Optional<String> org = one(c, "SELECT data FROM quotecast_slack_bots WHERE enterprise_key = ? AND team_key = ''", enterpriseId, null, null);
                    if (org.isPresent()) return org;
                }
                Optional<String> own = one(c, "SELECT data FROM quotecast_slack_bots WHERE enterprise_key = ? AND team_key = ?", key(enterpriseId), key(teamId), null);
                if (own.isEmpty() && enterpriseId != null && teamId != null) {
                    own = one(c, "SELECT data FROM quotecast_slack_bots WHERE enterprise_key = '' AND team_key = ?", teamId, null, null);
                }
                return own;
            }).map(json -> JsonOps.fromJson(json, DefaultBot.class));
            if (bot.isPresent() && enterpriseId != null && bot.get().getEnterpriseId() == null) bot.get().setEnterpriseId(enterpriseId);
            lastRead.put(cacheKey, bot);
            return bot.orElse(null);
        } catch (SQLException e) {
            db.fellBack();
            Optional<Bot> last = lastRead.getIfPresent(cacheKey);
            return last == null ? null : last.orElse(null);
        }
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        try {
            return db.call(c -> {
                if (enterpriseId != null) {
                    Optional<String> org = one(c, "SELECT data FROM quotecast_slack_installers WHERE enterprise_key = ? AND team_key = '' AND user_key = ?",
                            enterpriseId, key(userId), null);
                    if (org.isPresent()) return org;
                }
                return one(c, "SELECT data FROM quotecast_slack_installers WHERE enterprise_key = ? AND team_key = ? AND user_key = ?",
                        key(enterpriseId), key(teamId), key(userId));
            }).map(json -> (Installer) JsonOps.fromJson(json, DefaultInstaller.class)).orElse(null);
        } catch (SQLException e) {
            db.fellBack();
            return null;
        }
    }

    private static Optional<String> one(Connection c, String sql, String a, String b, String d) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, a);
            if (b != null) q.setString(2, b);
            if (d != null) q.setString(3, d);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static void upsertBot(Connection c, String e, String t, Instant at, String json) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO quotecast_slack_bots (enterprise_key, team_key, installed_at, data) VALUES (?, ?, ?, ?)
                ON CONFLICT (enterprise_key, team_key) DO UPDATE SET installed_at = EXCLUDED.installed_at, data = EXCLUDED.data""")) {
            u.setString(1, e);
            u.setString(2, t);
            u.setObject(3, PostgresPostState.ts(at));
            u.setString(4, json);
            u.executeUpdate();
        }
    }

    private static void upsertInstaller(Connection c, String e, String t, String user, Instant at, String json) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO quotecast_slack_installers (enterprise_key, team_key, user_key, installed_at, data) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (enterprise_key, team_key, user_key) DO UPDATE SET installed_at = EXCLUDED.installed_at, data = EXCLUDED.data""")) {
            u.setString(1, e);
            u.setString(2, t);
            u.setString(3, user);
            u.setObject(4, PostgresPostState.ts(at));
            u.setString(5, json);
            u.executeUpdate();
        }
    }

    private static String key(String id) {
        return id == null ? "" : id;
    }
}
