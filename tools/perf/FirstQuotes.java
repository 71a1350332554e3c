import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The first quote the bot posts for each topic of a list, one line each (topic, episode:sentence,
 * who it is credited to, text), so that two jars or two indexes can be compared with `diff`
 * (BENCHMARKS.md "One graph per library"). `topics-282.txt` holds the 241 labeled topics of
 * eval/labels/quotes.tsv, the 30 everyday ones and 11 more. From the repository root:
 *
 *   java -cp /tmp/qc.jar:/tmp/perf FirstQuotes target/eval-index/corpus tools/perf/topics-282.txt /tmp/first-quotes.tsv
 */
public class FirstQuotes {
    public static void main(String[] a) throws Exception {
        BotConfig c = BotConfig.defaults().withTranscripts(List.of(Path.of("transcripts"), Path.of("../shared/corpus/lex")))
                .withIndexDir(Path.of(a[0]));
        try (Engine e = Engine.start(c); PrintWriter w = new PrintWriter(a[2], "UTF-8")) {
            // as a running bot serves: every passage embedded and the vector index merged
            e.awaitCompactedVectors();
            for (String t : Files.readAllLines(Path.of(a[1]))) {
                if (t.isBlank()) continue;
                List<Quote> q = e.content().quotes(t, 1);
                if (q.isEmpty()) {
                    w.println(t + "\t-\t-\t-");
                    continue;
                }
                Moment m = q.get(0).moment();
                w.println(t + "\t" + m.episode().id() + ":" + m.firstSentence() + "\t" + m.speaker() + "\t" + q.get(0).text());
            }
        }
    }
}
