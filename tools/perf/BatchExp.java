import ai.onnxruntime.*;
import ai.djl.huggingface.tokenizers.*;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.search.Passages;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class BatchExp {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]), batch = Integer.parseInt(a[1]);
    List<String> all = new ArrayList<>();
    try (Engine e = Engine.start(BotConfig.defaults().withTranscripts(List.of(Path.of("/work/wt-20/transcripts"), Path.of("/work/shared/corpus/lex"))).withIndexDir(null).withEmbeddings(false))) {
      for (var ep : e.content().corpus().episodes()) for (var w : Passages.of(ep)) all.add(w.text());
    }
    List<String> texts = new ArrayList<>();
    int step = all.size() / n; for (int i = 0; i < all.size() && texts.size() < n; i += step) texts.add(all.get(i));
    ClassLoader cl = BatchExp.class.getClassLoader();
    HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(cl.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json"), Map.of("padding", "false"));
    byte[] model = cl.getResourceAsStream("bge-small-en-v1.5-q.onnx").readAllBytes();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    // session creation: default vs a pre-optimised file loaded without optimisation
    long t0 = System.nanoTime();
    OrtSession.SessionOptions o = new OrtSession.SessionOptions(); o.setIntraOpNumThreads(1); o.addConfigEntry("session.intra_op.allow_spinning", "0");
    o.setOptimizedModelFilePath("/tmp/qc20/exp/bge-opt.onnx");
    OrtSession s = env.createSession(model, o);
    long t1 = System.nanoTime();
    OrtSession.SessionOptions o2 = new OrtSession.SessionOptions(); o2.setIntraOpNumThreads(1); o2.addConfigEntry("session.intra_op.allow_spinning", "0");
    o2.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
    OrtSession s2 = env.createSession("/tmp/qc20/exp/bge-opt.onnx", o2);
    long t2 = System.nanoTime();
    System.out.printf("session create: default %.0f ms, pre-optimised file with NO_OPT %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    List<long[]> ids = new ArrayList<>();
    for (String t : texts) ids.add(tok.encode(t).getIds());
    // singles
    float[][] single = new float[n][], single2 = new float[n][];
    long ts = System.nanoTime();
    for (int i = 0; i < n; i++) single[i] = run(env, s, List.of(ids.get(i)))[0];
    double rs = n / ((System.nanoTime() - ts) / 1e9);
    for (int i = 0; i < n; i++) single2[i] = run(env, s2, List.of(ids.get(i)))[0];
    int same2 = 0; for (int i = 0; i < n; i++) if (Arrays.equals(single[i], single2[i])) same2++;
    System.out.printf("pre-optimised session: %d/%d CLS vectors identical%n", same2, n);
    // batches, sorted by length to limit padding
    Integer[] order = new Integer[n]; for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
    float[][] batched = new float[n][];
    long tb = System.nanoTime();
    for (int from = 0; from < n; from += batch) {
      List<long[]> b = new ArrayList<>(); List<Integer> idx = new ArrayList<>();
      for (int k = from; k < Math.min(n, from + batch); k++) { b.add(ids.get(order[k])); idx.add(order[k]); }
      float[][] out = run(env, s, b);
      for (int k = 0; k < idx.size(); k++) batched[idx.get(k)] = out[k];
    }
    double rb = n / ((System.nanoTime() - tb) / 1e9);
    int same = 0; double minCos = 1;
    for (int i = 0; i < n; i++) { if (Arrays.equals(single[i], batched[i])) same++; minCos = Math.min(minCos, cos(single[i], batched[i])); }
    System.out.printf("1 thread: singles %.1f passages/s, batches of %d (length-sorted) %.1f passages/s; identical %d/%d, min cosine %.6f%n", rs, batch, rb, same, n, minCos);
    System.exit(0);
  }
  static double cos(float[] x, float[] y) { double d = 0, a = 0, b = 0; for (int i = 0; i < x.length; i++) { d += x[i] * y[i]; a += x[i] * x[i]; b += y[i] * y[i]; } return d / Math.sqrt(a * b); }
  static float[][] run(OrtEnvironment env, OrtSession s, List<long[]> seqs) throws Exception {
    int len = 0; for (long[] q : seqs) len = Math.max(len, q.length);
    long[] idsb = new long[seqs.size() * len], mask = new long[seqs.size() * len], types = new long[seqs.size() * len];
    for (int r = 0; r < seqs.size(); r++) for (int c = 0; c < seqs.get(r).length; c++) { idsb[r * len + c] = seqs.get(r)[c]; mask[r * len + c] = 1; }
    long[] shape = {seqs.size(), len};
    try (OnnxTensor x = OnnxTensor.createTensor(env, LongBuffer.wrap(idsb), shape); OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
         OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
      Map<String, OnnxTensor> in = new HashMap<>(); in.put("input_ids", x); in.put("attention_mask", m);
      if (s.getInputNames().contains("token_type_ids")) in.put("token_type_ids", t);
      try (OrtSession.Result res = s.run(in)) {
        float[][][] h = (float[][][]) res.get(0).getValue();
        float[][] out = new float[seqs.size()][]; for (int r = 0; r < out.length; r++) out[r] = h[r][0]; return out;
      }
    }
  }
}
