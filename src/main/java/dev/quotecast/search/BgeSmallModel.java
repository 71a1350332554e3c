package dev.quotecast.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.lucene.util.VectorUtil;

/**
 * The same model, tokenizer and pooling as langchain4j's {@code BgeSmallEnV15QuantizedEmbeddingModel}
 * (the ONNX file and tokenizer of that artifact, CLS pooling), run by an ONNX Runtime session whose
 * threads are set for how Quotecast calls it. The stock class creates its session with ONNX
 * Runtime's defaults: an intra-op pool of one thread per core that spin-waits between operators,
 * while its {@code embedAll} already runs one passage per core in parallel. On two cores that is
 * four busy threads on two cores, and a single question's vector cost about twice its CPU in
 * spinning. Measured on this 2-core machine (issue 20, BENCHMARKS.md "Default configuration"):
 * one intra-op thread with spinning off halved the CPU per question (≈10–12 ms to ≈5 ms) and made
 * passage embedding faster, with every passage and question vector bit-identical to the stock
 * class's, so the stored vectors and the models trained on them stay valid. The graph optimisation
 * level stays ONNX Runtime's default: a lower level changed every vector.
 */
final class BgeSmallModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

    static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    /** The most word pieces the model reads at once (BERT's positions); a longer text is read up to there. */
    static final int MAX_PIECES = 512;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final OnnxBertBiEncoder encoder;
    /** The same tokenizer as the encoder's (which keeps its own private), for {@link #pieceVectors}. */
    private final HuggingFaceTokenizer tokenizer;

    /**
     * @param executor runs the passages of one {@code embedAll} in parallel, one per thread: this is
     *     where the cores are used, not inside the session
     */
    BgeSmallModel(Executor executor) {
        super(executor);
        // before anything of ONNX Runtime's is touched (the session options below load it)
        NativeLibraries.useCache(NativeLibraries.defaultCache(System.getenv()));
        ClassLoader loader = BgeSmallModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(MODEL_RESOURCE);
             InputStream tokenizerJson = loader.getResourceAsStream(TOKENIZER_RESOURCE);
             OrtSession.SessionOptions options = options()) {
            if (model == null || tokenizerJson == null) throw new IllegalStateException("the bge-small model is not on the classpath");
            this.env = OrtEnvironment.getEnvironment();
            this.session = env.createSession(model.readAllBytes(), options);
            byte[] vocabulary = tokenizerJson.readAllBytes();
            this.encoder = new OnnxBertBiEncoder(env, session, new java.io.ByteArrayInputStream(vocabulary), PoolingMode.CLS);
            this.tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(vocabulary), Map.of("padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bge-small model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the bge-small model", e);
        }
    }

    /** One intra-op thread that does not spin: parallelism comes from the callers (see the class comment). */
    static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        return o;
    }

    /**
     * The model's last layer for {@code text}, one unit vector per word piece, in order, leaving out
     * the markers the model adds ({@code [CLS]}, {@code [SEP]}) and pieces with no letter or digit
     * (punctuation). A sentence vector is one summary of the text; these keep each word as read in
     * its sentence, so a question's words can each be matched with the passage's word that means the
     * most the same ({@link Embedder#pieces}).
     */
    List<float[]> pieceVectors(String text) {
        Encoding encoding = tokenizer.encode(text);
        int n = Math.min(encoding.getIds().length, MAX_PIECES);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {Arrays.copyOf(encoding.getIds(), n)}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {Arrays.copyOf(encoding.getAttentionMask(), n)}));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {Arrays.copyOf(encoding.getTypeIds(), n)}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] layer = ((float[][][]) result.get(0).getValue())[0];
                String[] pieces = encoding.getTokens();
                List<float[]> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    boolean marker = pieces[i].equals("[CLS]") || pieces[i].equals("[SEP]");
                    if (marker || pieces[i].chars().noneMatch(Character::isLetterOrDigit)) continue;
                    out.add(VectorUtil.l2normalize(layer[i], false));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a text of " + n + " word pieces", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Frees the native session; the caller makes sure no call is in flight ({@link BgeSmallEmbedder#close}). */
    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }
}
