package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * The tuned session must not change a single bit of any vector: the stored vectors and the shipped
 * learned models (ShippedModelsTest) were made with langchain4j's stock class.
 */
class BgeSmallModelTest {

    @Test
    void vectorsAreBitIdenticalToTheStockModel() throws Exception {
        Episode seed = new TranscriptLibrary().load(List.of(Path.of("transcripts"))).episodes().get(0);
        List<String> texts = new ArrayList<>();
        List<Passages.Window> windows = Passages.of(seed);
        for (int i = 0; i < windows.size() && texts.size() < 40; i += Math.max(1, windows.size() / 40)) texts.add(windows.get(i).text());
        List<String> questions = List.of("How long does he play guitar every day?", "what is his advice for people starting out in AI",
                "  HOW long does he  play guitar every day? ");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (BgeSmallEmbedder tuned = new BgeSmallEmbedder(threads)) {
            BgeSmallEnV15QuantizedEmbeddingModel stock = new BgeSmallEnV15QuantizedEmbeddingModel(threads);
            List<float[]> expected = new ArrayList<>();
            for (Embedding e : stock.embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
                expected.add(VectorUtil.l2normalize(e.vector(), false));
            }
            List<float[]> actual = tuned.passages(texts);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < texts.size(); i++) assertThat(actual.get(i)).as(texts.get(i)).containsExactly(expected.get(i));
            for (String q : questions) {
                float[] want = VectorUtil.l2normalize(stock.embed(BgeSmallEmbedder.QUERY_INSTRUCTION + q).content().vector(), false);
                assertThat(tuned.query(q)).as(q).containsExactly(want);
            }
            // the question cache's key (CachedQueries.normalised) gives the very vector of the raw text
            assertThat(tuned.query(CachedQueries.normalised(questions.get(2)))).containsExactly(tuned.query(questions.get(2)));
        } finally {
            threads.shutdownNow();
        }
    }
}
