package dev.quotecast.state.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.transcript.Text;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared database: a HikariCP pool, the schema (created and migrated by Flyway from
 * {@code db/migration}), and whether the database can be reached right now.
 *
 * <p>An outage must not slow chat down: Slack wants its ack within 3 s, and each answer may look
 * something up here. So once a call finds the database unreachable, calls fail at once (and their
 * callers fall back to what they can do alone) until {@link #probe()} (run by the heartbeat every
 * few seconds) reaches it again. Only connection trouble counts as an outage; any other SQL error
 * is a bug to see, and is thrown as it is.
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long a call waits for a connection: well inside Slack's 3 s, and an outage is then known. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1500);

    /** One unit of work on a connection. */
    @FunctionalInterface
    interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    /** The database stopped answering: since when, how many calls failed, the last reason. */
    private record Outage(Instant since, int failures, String reason) {}

    private final HikariDataSource pool;
    private final String safeUrl;
    private volatile boolean migrated;
    private volatile Outage outage;
    private final AtomicInteger fallbacks = new AtomicInteger();

    private Database(HikariDataSource pool, String safeUrl) {
        this.pool = pool;
        this.safeUrl = safeUrl;
    }

    /**
     * Opens the pool and brings the schema up to date. A database that cannot be reached is not
     * fatal (the bot answers chat without it, and the schema is migrated once it answers); one that
     * refuses the credentials, does not exist or cannot be migrated is a mistake in the
     * configuration, and stops the start with one line naming {@code state.url}.
     */
    static Database open(BotConfig.SharedState cfg, String configFile) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("quotecast-state");
        hc.setJdbcUrl(cfg.url());
        if (cfg.user() != null) hc.setUsername(cfg.user());
        if (cfg.password() != null) hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, cfg.maxPoolSize()));
        hc.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        hc.setValidationTimeout(1000);
        hc.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        // start even when the database is away; calls fail until it answers
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("ApplicationName", "quotecast");
        // a connection the network silently dropped must not hang a call for good
        hc.addDataSourceProperty("socketTimeout", "15");
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        Database db = new Database(new HikariDataSource(hc), cfg.safeUrl());
        try (Connection c = db.pool.getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            if (isMistake(e)) {
                db.close();
                throw new ConfigException(configFile, 0, "state.url", cfg.safeUrl() + ": " + Text.escape(reason(e)));
            }
            db.down(e);
            log.warn("state.url: cannot reach {} now ({}); chat is answered without it, daily posts wait, and it is tried again every few seconds",
                    cfg.safeUrl(), Text.escape(reason(e)));
            return db;
        }
        try {
            db.migrate();
        } catch (FlywayException e) {
            db.close();
            throw new ConfigException(configFile, 0, "state.url", "cannot create or migrate Quotecast's tables in " + cfg.safeUrl() + ": "
                    + Text.escape(reason(e)) + " (the user needs CREATE on the database, or run the first start with one that has it)");
        }
        return db;
    }

    /** Flyway takes a database lock, so replicas starting together migrate once. */
    private synchronized void migrate() {
        if (migrated) return;
        var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration").table("quotecast_schema_history")
                .load().migrate();
        if (result.migrationsExecuted > 0) {
            log.info("state: {} schema migration(s) applied to {} (now at version {})", result.migrationsExecuted, safeUrl, result.targetSchemaVersion);
        }
        migrated = true;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T call(Sql<T> work) throws SQLException {
        ready();
        try (Connection c = pool.getConnection()) {
            T result = work.run(c);
            up();
            return result;
        } catch (SQLException e) {
            if (isOutage(e)) down(e);
            throw e;
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Sql<T> work) throws SQLException {
        ready();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                up();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; so is the transaction
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection is evicted by the pool
                }
            }
        } catch (SQLException e) {
            if (isOutage(e)) down(e);
            throw e;
        }
    }

    /** Fails at once during an outage, and migrates the schema first if the start could not. */
    private void ready() throws SQLException {
        Outage o = outage;
        if (o != null) throw new SQLTransientException("the state database has been unreachable since " + o.since() + " (" + o.reason() + ")", "08000");
        if (!migrated) {
            try {
                migrate();
            } catch (FlywayException e) {
                throw new SQLTransientException("the schema is not ready: " + reason(e), "08000", e);
            }
        }
    }

    /**
     * Tries the database even during an outage (the heartbeat calls this every few seconds), and
     * ends the outage when it answers.
     */
    <T> T probe(Sql<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            if (!migrated) migrate();
            T result = work.run(c);
            up();
            return result;
        } catch (SQLException e) {
            down(e);
            throw e;
        } catch (FlywayException e) {
            SQLException s = new SQLTransientException("the schema is not ready: " + reason(e), "08000", e);
            down(s);
            throw s;
        }
    }

    private void up() {
        Outage o = outage;
        if (o != null) {
            outage = null;
            log.info("state: {} answers again after {} s ({} failed call(s))", safeUrl, Duration.between(o.since(), Instant.now()).toSeconds(), o.failures());
        }
    }

    private synchronized void down(SQLException e) {
        Outage o = outage;
        if (o == null) {
            outage = new Outage(Instant.now(), 1, reason(e));
            log.warn("state: {} cannot be reached ({}); chat is answered without it, state writes are retried, daily posts wait", safeUrl,
                    Text.escape(reason(e)));
        } else {
            outage = new Outage(o.since(), o.failures() + 1, reason(e));
        }
    }

    /** Why the database is not usable now, for {@code /healthz}; empty when it is. */
    Optional<String> problem() {
        Outage o = outage;
        if (o == null) return migrated ? Optional.empty() : Optional.of("database: schema not created yet");
        return Optional.of("database: unreachable since " + o.since() + " (" + o.failures() + " failed call(s), last: " + Text.escape(o.reason())
                + "); chat is answered, state writes are retried, daily posts wait");
    }

    boolean isUp() {
        return outage == null && migrated;
    }

    /** A caller fell back to what it can do alone (memory) because of an outage: counted for {@code /metrics}. */
    void fellBack() {
        fallbacks.incrementAndGet();
    }

    int fallbacks() {
        return fallbacks.get();
    }

    String safeUrl() {
        return safeUrl;
    }

    /** The pool's gauges ({@code hikaricp_connections_*}) on the bot's registry. */
    void bindTo(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /**
     * Connection trouble, as opposed to an error in what was asked: SQL state class 08 (connection
     * exception), 53 (insufficient resources), 57 (operator intervention: the server is shutting
     * down), and the pool's own "no connection in time".
     */
    static boolean isOutage(SQLException e) {
        if (e instanceof SQLTransientException) return true;
        String s = e.getSQLState();
        return s == null || s.startsWith("08") || s.startsWith("53") || s.startsWith("57");
    }

    /** Wrong password, unknown user or database: fixed in the configuration, not by waiting. */
    private static boolean isMistake(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("28") || s.getSQLState().equals("3D000"))) return true;
        }
        return false;
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() != null && root.getMessage().contains("Connection is not available")) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        if (nl > 0) m = m.substring(0, nl);
        return m.length() > 240 ? m.substring(0, 237) + "..." : m;
    }

    @Override
    public void close() {
        pool.close();
    }
}
