package dev.quotecast.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.util.VectorUtil;

/**
 * bge-small-en-v1.5 (BAAI), quantised to 8 bits, run in-process by ONNX Runtime. The model ships
 * inside a Maven Central artifact, so nothing is downloaded at run time. It is trained for
 * question-to-passage retrieval: a question carries an instruction prefix and passages none, so a
 * guest's answer can rank above the host's question that merely repeats the user's words. Beside
 * all-MiniLM-L6-v2 (half the cost, symmetric) it found the right passage in its top ten for 20
 * development questions instead of 17; see eval/QUALITY.md, "Passage embeddings". The session's threads are set in
 * {@link BgeSmallModel}; the vectors are those of langchain4j's stock class, bit for bit.
 *
 * <p>Each embedder owns its native session (about 100 MB off-heap) and frees it on {@link #close}:
 * the stock class kept one in a static field for the life of the JVM, which training, with one
 * engine per library size, would otherwise multiply.
 */
public final class BgeSmallEmbedder implements Embedder, AutoCloseable {

    /** The name vector indexes record; vectors written under another name are made again. */
    static final String NAME = "bge-small-en-v1.5-q";
    /** The prefix bge models expect on a query (not on passages) for retrieval. */
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final Executor executor;
    /** Calls hold the read lock, {@link #close} the write lock: a session is never freed under a running call. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private BgeSmallModel model;
    private boolean closed;

    /**
     * @param executor runs the passages of one {@link #passages} call in parallel; not the thread
     *     that calls {@link #passages}, or it would wait on itself
     */
    public BgeSmallEmbedder(Executor executor) {
        this.executor = executor;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "." : t));
        return withModel(() -> {
            List<float[]> out = new ArrayList<>(texts.size());
            for (Embedding e : model.embedAll(segments).content()) out.add(unit(e.vector()));
            return out;
        });
    }

    @Override
    public float[] query(String text) {
        return withModel(() -> unit(model.embed(QUERY_INSTRUCTION + text).content().vector()));
    }

    @Override
    public List<float[]> pieces(String text) {
        return text.isBlank() ? List.of() : withModel(() -> model.pieceVectors(text));
    }

    /** Each text on the executor's threads, as {@link #passages} does: a question and its windows in about half the time on two cores. */
    @Override
    public List<List<float[]>> pieces(List<String> texts) {
        return withModel(() -> {
            List<CompletableFuture<List<float[]>>> each = new ArrayList<>(texts.size());
            for (String t : texts) {
                each.add(CompletableFuture.supplyAsync(() -> t.isBlank() ? List.<float[]>of() : model.pieceVectors(t), executor));
            }
            List<List<float[]>> out = new ArrayList<>(texts.size());
            for (CompletableFuture<List<float[]>> f : each) out.add(f.join());
            return out;
        });
    }

    /** Frees the model; later calls fail. Waits for calls in flight. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (model != null) model.close();
            model = null;
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code call} with the model loaded (by the first call; the engine sends one while it starts). */
    private <T> T withModel(Supplier<T> call) {
        lock.readLock().lock();
        try {
            if (model == null) {
                lock.readLock().unlock();
                lock.writeLock().lock();
                try {
                    if (closed) throw new IllegalStateException("the embedder is closed");
                    if (model == null) model = new BgeSmallModel(executor);
                } finally {
                    lock.readLock().lock();
                    lock.writeLock().unlock();
                }
            }
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Lucene's dot-product similarity wants unit vectors; the model's are, up to rounding. */
    private static float[] unit(float[] v) {
        return VectorUtil.l2normalize(v, false);
    }
}
