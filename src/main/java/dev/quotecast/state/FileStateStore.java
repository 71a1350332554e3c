package dev.quotecast.state;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.service.builtin.FileInstallationService;
import com.slack.api.bolt.service.builtin.FileOAuthStateService;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.StateHealth;
import dev.quotecast.discord.LongButtons;
import dev.quotecast.discord.MemoryLongButtons;
import dev.quotecast.schedule.FilePostState;
import dev.quotecast.schedule.PostState;
import dev.quotecast.slack.SeenEvents;
import dev.quotecast.slack.SlackInstalls;
import java.nio.file.Path;
import java.time.Clock;

/**
 * State for one process, as it always was: daily posts in files under {@code state.dir} (locked, so
 * a second process cannot share them), Slack event ids and long Discord buttons in memory, and a
 * distributed Slack app's installs in files under {@code state.dir/slack} (Bolt's own file services).
 */
public final class FileStateStore implements StateStore {

    private final Path dir;
    private final SeenEvents events = SeenEvents.inMemory();
    private final LongButtons buttons = new MemoryLongButtons();

    public FileStateStore(Path stateDir) {
        this.dir = stateDir;
    }

    @Override
    public PostState dailyPosts(BotConfig config, Clock clock) {
        return FilePostState.open(config, clock);
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
        Path slack = dir.toAbsolutePath().resolve("slack");
        return new SlackInstalls(new FileInstallationService(app, slack.resolve("installations").toString()),
                new FileOAuthStateService(app, slack.resolve("oauth-states").toString()));
    }

    @Override
    public StateHealth health() {
        return StateHealth.ok("files");
    }

    @Override
    public String describe() {
        return "files in " + dir;
    }

    @Override
    public void close() {
        // nothing held: the daily-post lock belongs to the scheduler's PostState
    }
}
