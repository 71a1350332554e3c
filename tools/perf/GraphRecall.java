import dev.quotecast.search.BgeSmallEmbedder;
import dev.quotecast.search.PassageVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How many of the exact {@code K} passages closest in meaning the HNSW graph returns for the
 * questions of the bank's files, with the vector index's segments as embedding left them and then
 * merged into one, as the bot now does (BENCHMARKS.md "One graph per library"). Run on a vector
 * index no bot holds open; it is merged in place, as the bot would merge it:
 *
 *   java -cp /tmp/qc.jar:/tmp/perf GraphRecall target/eval-index/corpus.vectors 50 eval/questions/dev.tsv eval/questions/train.tsv
 */
public class GraphRecall {
    public static void main(String[] a) throws Exception {
        int k = Integer.parseInt(a[1]);
        List<String> questions = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            for (String line : Files.readAllLines(Path.of(a[i]))) {
                String[] f = line.split("\t");
                if (f.length > 2 && !line.startsWith("#")) questions.add(f[1]);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (BgeSmallEmbedder bge = new BgeSmallEmbedder(threads); PassageVectors v = PassageVectors.open(Path.of(a[0]), bge)) {
            List<float[]> vectors = new ArrayList<>();
            for (String q : questions) vectors.add(bge.query(q));
            System.out.println("as embedded: " + recall(v, vectors, k));
            System.out.println("merged " + v.compact() + " segments into one: " + recall(v, vectors, k));
        } finally {
            threads.shutdownNow();
        }
    }

    static String recall(PassageVectors v, List<float[]> questions, int k) {
        long found = 0, total = 0;
        int sameFirst = 0;
        for (float[] q : questions) {
            List<PassageVectors.Similar> graph = v.nearest(q, k, Set.of()), exact = v.nearestExact(q, k, Set.of());
            Set<String> seen = new HashSet<>();
            for (PassageVectors.Similar p : graph) seen.add(p.episodeId() + ":" + p.first());
            for (PassageVectors.Similar p : exact) {
                total++;
                if (seen.contains(p.episodeId() + ":" + p.first())) found++;
            }
            // by place: the graph's score is Lucene's (1 + cos) / 2 turned back into a cosine, which may differ in the last bit
            if (!graph.isEmpty() && graph.get(0).episodeId().equals(exact.get(0).episodeId()) && graph.get(0).first() == exact.get(0).first()) {
                sameFirst++;
            }
        }
        return String.format("%d questions, recall@%d %.3f, the same closest passage for %d", questions.size(), k, found / (double) total, sameFirst);
    }
}
