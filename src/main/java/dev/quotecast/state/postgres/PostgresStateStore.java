package dev.quotecast.state.postgres;

import com.slack.api.bolt.AppConfig;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.StateHealth;
import dev.quotecast.discord.LongButtons;
import dev.quotecast.ops.DaemonThreads;
import dev.quotecast.schedule.PostState;
import dev.quotecast.slack.SeenEvents;
import dev.quotecast.slack.SlackInstalls;
import dev.quotecast.state.StateStore;
import dev.quotecast.transcript.Text;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State shared by replicas in PostgreSQL ({@code state.url}): one pool, one schema, and one keeper
 * thread that says this replica is alive, writes results kept during an outage, and clears what
 * expired (event ids, button payloads, OAuth states, replicas gone for a day).
 */
public final class PostgresStateStore implements StateStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresStateStore.class);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Replica replica;
    private final PostgresPostState posts;
    private final PostgresSeenEvents events;
    private final PostgresLongButtons buttons;
    private final PostgresInstallations installations;
    private final PostgresOAuthStates oauthStates;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("state-keeper"));
    private volatile long lastSweep;

    private PostgresStateStore(Database db, Duration replicaTimeout) {
        this.db = db;
        this.replica = new Replica(db, replicaTimeout);
        this.posts = new PostgresPostState(db, replica);
        this.events = new PostgresSeenEvents(db);
        this.buttons = new PostgresLongButtons(db);
        this.installations = new PostgresInstallations(db);
        this.oauthStates = new PostgresOAuthStates(db);
    }

    /**
     * Connects (or starts without the database, when it cannot be reached), creates or migrates the
     * schema, says this replica is alive, and starts the keeper.
     *
     * @param configFile for errors: the configuration file that set {@code state.url}
     */
    public static PostgresStateStore open(BotConfig.SharedState cfg, String configFile, Clock clock) {
        PostgresStateStore store = new PostgresStateStore(Database.open(cfg, configFile), cfg.replicaTimeout());
        store.keep();
        long every = store.replica.every().toMillis();
        store.keeper.scheduleWithFixedDelay(store::keep, every, every, TimeUnit.MILLISECONDS);
        log.info("state: shared in {} as replica {} (taken for dead after {} s without a sign of life)", cfg.safeUrl(), store.replica.id(),
                cfg.replicaTimeout().toSeconds());
        return store;
    }

    /** One round of the keeper: beat, write what is pending, sweep now and then. Never throws. */
    private void keep() {
        try {
            replica.beat();
        } catch (SQLException e) {
            return;   // the outage is reported by the database once; every round tries again
        } catch (RuntimeException e) {
            log.warn("state: heartbeat failed: {}", Text.escape(e.toString()));
            return;
        }
        try {
            posts.flushPending();
            long now = System.nanoTime();
            if (now - lastSweep > SWEEP_EVERY.toNanos()) {
                lastSweep = now;
                sweep();
            }
        } catch (RuntimeException e) {
            log.warn("state: keeper round failed: {}", Text.escape(e.toString()));
        }
    }

    private void sweep() {
        try {
            db.call(c -> {
                for (String sql : new String[] {
                        "DELETE FROM quotecast_slack_events WHERE expires_at < now()",
                        "DELETE FROM quotecast_discord_buttons WHERE expires_at < now()",
                        "DELETE FROM quotecast_slack_oauth_states WHERE expires_at < now()",
                        "DELETE FROM quotecast_replicas WHERE seen_at < now() - interval '1 day'"}) {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            // next minute
        }
    }

    @Override
    public PostState dailyPosts(BotConfig config, Clock clock) {
        return posts;
    }

    @Override
    public SeenEvents slackEvents() {
        return events;
    }

    @Override
    public LongButtons discordButtons() {
        return buttons;
    }

    @Override
    public SlackInstalls slackInstalls(AppConfig app) {
        return new SlackInstalls(installations, oauthStates);
    }

    @Override
    public StateHealth health() {
        Optional<String> problem = db.problem();
        if (problem.isEmpty() && posts.pendingWrites() > 0) {
            problem = Optional.of("database: " + posts.pendingWrites() + " daily-post result(s) waiting to be written");
        }
        return new StateHealth("postgresql", problem);
    }

    /**
     * The pool's own gauges ({@code hikaricp_connections_active}, {@code _idle}, {@code _pending},
     * {@code _timeout_total}, {@code _acquire_seconds} ...) and Quotecast's: whether the database
     * answers, results waiting to be written, and calls that fell back to memory during an outage.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        db.bindTo(registry);
        Gauge.builder("quotecast.state.database.up", db, d -> d.isUp() ? 1 : 0).description("1 when the state database answers").register(registry);
        Gauge.builder("quotecast.state.pending.writes", posts, PostgresPostState::pendingWrites)
                .description("daily-post results kept in memory until the database takes them").register(registry);
        FunctionCounter.builder("quotecast.state.fallbacks", db, Database::fallbacks)
                .description("lookups answered from memory because the database was unreachable").register(registry);
    }

    /** This replica's name in the database (claims carry it). */
    public String replicaId() {
        return replica.id();
    }

    @Override
    public String describe() {
        return "PostgreSQL " + db.safeUrl() + " (replica " + replica.id() + ")";
    }

    /** Stops the keeper, writes what is pending if it can, says goodbye and closes the pool. */
    @Override
    public void close() {
        keeper.shutdownNow();
        try {
            keeper.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        posts.flushPending();
        try {
            // a replica that stops cleanly is dead at once: its peers need not wait out the timeout for its claims
            db.call(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM quotecast_replicas WHERE id = ?")) {
                    s.setString(1, replica.id());
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // it times out instead
        }
        db.close();
    }
}
