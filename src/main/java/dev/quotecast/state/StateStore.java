package dev.quotecast.state;

import com.slack.api.bolt.AppConfig;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.StateHealth;
import dev.quotecast.discord.LongButtons;
import dev.quotecast.schedule.PostState;
import dev.quotecast.slack.SeenEvents;
import dev.quotecast.slack.SlackInstalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Everything Quotecast keeps beyond one request, in one of its two homes: files and memory for one
 * process ({@link FileStateStore}, the default), or PostgreSQL for several replicas
 * ({@code state.url}). {@link StateStores#open} is the one place that chooses; the scheduler and
 * the chat adapters see only the ports below, each with its file (or memory) and database adapter.
 */
public interface StateStore extends AutoCloseable {

    /** The daily posts' schedules and exactly-once ledger; the scheduler closes it when it stops. */
    PostState dailyPosts(BotConfig config, Clock clock);

    /** Slack {@code event_id}s already answered, so that Slack's retries are not answered twice. */
    SeenEvents slackEvents();

    /** Discord button payloads too long for a {@code custom_id}. */
    LongButtons discordButtons();

    /** A distributed Slack app's installs and OAuth states (Bolt's services, built on the app's own config). */
    SlackInstalls slackInstalls(AppConfig app);

    /** What {@code /healthz} says about the store. */
    StateHealth health();

    /** Registers the store's gauges (the database pool's) with the bot's metrics. */
    default void bindTo(MeterRegistry registry) {
    }

    /** For logs: where state is kept. */
    String describe();

    @Override
    void close();
}
