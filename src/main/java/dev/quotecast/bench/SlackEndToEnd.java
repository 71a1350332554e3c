package dev.quotecast.bench;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Step 5: signed Slack slash commands over HTTP to a Quotecast child on 127.0.0.1, from several
 * concurrent Java clients for a bounded time. Needs the Slack adapter ({@code dev.quotecast.slack});
 * without it the step reports that it was skipped and why.
 */
final class SlackEndToEnd {

    private final ChildJvm children;
    private final Path work;
    private final PrintWriter progress;

    SlackEndToEnd(ChildJvm children, Path work, PrintWriter progress) {
        this.children = children;
        this.work = work;
        this.progress = progress;
    }

    static boolean adapterPresent() {
        return SlackEndToEnd.class.getClassLoader().getResource("dev/quotecast/slack/") != null;
    }

    EndToEnd run(int size, Path index, Path inputs, int seconds, int clients) {
        if (!adapterPresent()) return new EndToEnd.Skipped("skipped: Slack adapter not present");
        return new EndToEnd.Skipped("skipped: Slack adapter present but not yet driven by this benchmark");
    }
}
