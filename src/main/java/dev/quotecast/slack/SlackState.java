package dev.quotecast.slack;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.service.builtin.FileInstallationService;
import com.slack.api.bolt.service.builtin.FileOAuthStateService;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What the Slack adapter keeps beyond one request, handed to it by the state store: the event ids
 * it has answered, and a distributed app's installs (built on the Bolt app's own config).
 */
public record SlackState(SeenEvents events, Function<AppConfig, SlackInstalls> installs) {

    /** One process: event ids in memory, installs in files under {@code stateDir/slack} (Bolt's file services). */
    public static SlackState local(Path stateDir) {
        Path slack = stateDir.toAbsolutePath().resolve("slack");
        return new SlackState(SeenEvents.inMemory(), app -> new SlackInstalls(
                new FileInstallationService(app, slack.resolve("installations").toString()),
                new FileOAuthStateService(app, slack.resolve("oauth-states").toString())));
    }
}
