package dev.quotecast.bench;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.slack.SlackBot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving end of the Slack end-to-end step, in its own JVM: the production engine and the
 * production {@link SlackBot} in HTTP mode on an {@link HttpEndpoint} bound to 127.0.0.1, with the
 * Web API pointed at the parent's fake. Prints its port and the file of queries to send, then
 * serves until its stdin closes.
 *
 * <pre>SlackServer INDEX_DIR INPUTS_FILE API_URL SIGNING_SECRET QUERIES_PER_KIND QUERIES_OUT SHARED_DIR|-</pre>
 */
public final class SlackServer {

    private SlackServer() {}

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        List<Path> inputs = Probe.readInputs(Path.of(args[1]));
        String apiUrl = args[2], secret = args[3];
        int perKind = Integer.parseInt(args[4]);
        Path queriesOut = Path.of(args[5]);
        Path shared = args[6].equals("-") ? null : Path.of(args[6]);
        BotConfig config = BotConfig.defaults().withTranscripts(inputs).withIndexDir(index).withEmbeddings(false)
                .withSlack(new BotConfig.Slack("xoxb-bench-not-a-token", null, secret, apiUrl, List.of()));
        try (Engine engine = Engine.start(config); HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0)) {
            engine.awaitSpeakers(); // load is measured on a settled bot; the first seconds after a start are the cold start's
            SlackBot bot = new SlackBot(engine, http);
            bot.start();
            http.start();
            QueryMix.Mix mix = new QueryMix(9).generate(engine.content().corpus().episodes(), QueryMix.evalQuestions(shared), perKind);
            List<String> lines = new ArrayList<>();
            for (String q : mix.quotes()) lines.add("/quote\t" + q);
            for (String q : mix.asks()) lines.add("/ask\t" + q);
            for (String q : mix.episodes()) lines.add("/episode\t" + q);
            Files.write(queriesOut, lines, StandardCharsets.UTF_8);
            Probe.emit("port", http.port());
            Probe.emit("queries", queriesOut);
            Probe.emit("connected", bot.connected());
            Probe.emit("ready", "true");
            try {
                while (System.in.read() >= 0) {
                    // serve until the parent closes our stdin
                }
            } catch (IOException closed) {
                // the parent went away: stop too
            }
            bot.close();
        }
        System.exit(0);
    }
}
