package dev.quotecast.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.lucene.util.VectorUtil;

/**
 * bge-small-en-v1.5 (BAAI), quantised to 8 bits, run in-process by ONNX Runtime. The model ships
 * inside a Maven Central artifact, so nothing is downloaded at run time. It is trained for
 * question-to-passage retrieval: a question carries an instruction prefix and passages none, so a
 * guest's answer can rank above the host's question that merely repeats the user's words. Beside
 * all-MiniLM-L6-v2 (half the cost, symmetric) it found the right passage in its top ten for 20
 * development questions instead of 17; see README "Quality". About 7 ms per passage on two cores.
 */
public final class BgeSmallEmbedder implements Embedder {

    /** The name vector indexes record; vectors written under another name are made again. */
    static final String NAME = "bge-small-en-v1.5-q";
    /** The prefix bge models expect on a query (not on passages) for retrieval. */
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final Executor executor;
    private volatile BgeSmallEnV15QuantizedEmbeddingModel model;

    /**
     * @param executor runs the batches of one {@link #passages} call (the model splits them
     *     itself); not the thread that calls {@link #passages}, or it would wait on itself
     */
    public BgeSmallEmbedder(Executor executor) {
        this.executor = executor;
    }

    /** The model (about 100 MB off-heap) is loaded by the first text; the engine sends one while it starts. */
    private BgeSmallEnV15QuantizedEmbeddingModel model() {
        BgeSmallEnV15QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) model = new BgeSmallEnV15QuantizedEmbeddingModel(executor);
                m = model;
            }
        }
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "." : t));
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model().embedAll(segments).content()) out.add(unit(e.vector()));
        return out;
    }

    @Override
    public float[] query(String text) {
        return unit(model().embed(QUERY_INSTRUCTION + text).content().vector());
    }

    /** Lucene's dot-product similarity wants unit vectors; the model's are, up to rounding. */
    private static float[] unit(float[] v) {
        return VectorUtil.l2normalize(v, false);
    }
}
