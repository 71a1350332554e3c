package dev.quotecast.state;

import dev.quotecast.config.BotConfig;
import dev.quotecast.state.postgres.PostgresStateStore;
import java.time.Clock;

/** The one place that decides where state lives. */
public final class StateStores {
    private StateStores() {}

    /**
     * PostgreSQL when {@code state.url} is set (the schema is created or migrated first), files under
     * {@code state.dir} otherwise.
     *
     * @throws dev.quotecast.config.ConfigException when the database refuses the credentials or does
     *     not exist: a mistake to fix, not an outage to wait out
     */
    public static StateStore open(BotConfig config, Clock clock) {
        if (config.shared()) return PostgresStateStore.open(config.sharedState(), config.source() == null ? null : config.source().toString(), clock);
        return new FileStateStore(config.stateDir());
    }
}
