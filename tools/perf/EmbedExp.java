import ai.onnxruntime.*;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.onnx.*;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.search.Passages;
import java.io.*;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

public class EmbedExp {
  static class Tuned extends AbstractInProcessEmbeddingModel {
    final OnnxBertBiEncoder enc; final OrtSession session;
    Tuned(Executor ex, OrtSession.SessionOptions o) throws Exception {
      super(ex);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      byte[] model = Thread.currentThread().getContextClassLoader().getResourceAsStream("bge-small-en-v1.5-q.onnx").readAllBytes();
      session = env.createSession(model, o);
      enc = new OnnxBertBiEncoder(env, session, Thread.currentThread().getContextClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json"), PoolingMode.CLS);
    }
    protected OnnxBertBiEncoder model() { return enc; }
    protected Integer knownDimension() { return 384; }
  }
  static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }

  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    List<Path> dirs = List.of(Path.of("/work/wt-20/transcripts"), Path.of("/work/shared/corpus/lex"));
    List<String> all = new ArrayList<>();
    try (Engine e = Engine.start(BotConfig.defaults().withTranscripts(dirs).withIndexDir(null).withEmbeddings(false))) {
      for (var ep : e.content().corpus().episodes()) for (var w : Passages.of(ep)) all.add(w.text());
    }
    List<String> texts = new ArrayList<>();
    int step = Math.max(1, all.size() / n);
    for (int i = 0; i < all.size() && texts.size() < n; i += step) texts.add(all.get(i));
    HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(EmbedExp.class.getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json"), Map.of("padding","false"));
    long toks = 0; int max = 0; long sq = 0;
    for (String t : all) { int k = tok.encode(t).getIds().length; toks += k; sq += (long) k * k; max = Math.max(max, k); }
    System.out.printf("passages total %d, mean tokens %.1f (with CLS/SEP), mean sq %.0f, max %d; sample %d%n", all.size(), toks / (double) all.size(), sq / (double) all.size(), max, texts.size());
    List<String> qs = List.of("how did he deal with failure", "what does he think about sleep", "advice for young founders", "why did they leave the company", "what is the best way to learn");
    List<TextSegment> segs = texts.stream().map(TextSegment::from).toList();

    ExecutorService ex2 = Executors.newFixedThreadPool(2), ex1 = Executors.newFixedThreadPool(1);
    Map<String, EmbeddingModel> models = new LinkedHashMap<>();
    models.put("shipped(default session, 2 callers)", new BgeSmallEnV15QuantizedEmbeddingModel(ex2));
    for (String spec : a[1].split(";")) {
      String[] p = spec.split(",");  // callers,intra,opt,arena,spin
      OrtSession.SessionOptions o = new OrtSession.SessionOptions();
      if (!p[1].equals("d")) o.setIntraOpNumThreads(Integer.parseInt(p[1]));
      if (!p[2].equals("d")) o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(p[2]));
      if (!p[3].equals("d")) o.setCPUArenaAllocator(Boolean.parseBoolean(p[3]));
      if (!p[4].equals("d")) o.addConfigEntry("session.intra_op.allow_spinning", p[4]);
      if (p.length > 5 && p[5].equals("nopattern")) o.setMemoryPatternOptimization(false);
      models.put("callers=" + p[0] + " intra=" + p[1] + " opt=" + p[2] + " arena=" + p[3] + " spin=" + p[4] + (p.length > 5 ? " " + p[5] : ""), new Tuned(p[0].equals("1") ? ex1 : ex2, o));
    }
    List<float[]> ref = null; List<float[]> refQ = new ArrayList<>();
    Map<String, List<Double>> rates = new LinkedHashMap<>(), qcpu = new LinkedHashMap<>(), qwall = new LinkedHashMap<>();
    for (var en : models.entrySet()) en.getValue().embedAll(segs.subList(0, 20));
    int reps = Integer.parseInt(a[2]);
    for (int r = 0; r < reps; r++) {
      for (var en : models.entrySet()) {
        EmbeddingModel m = en.getValue();
        long t0 = System.nanoTime();
        List<Embedding> out = m.embedAll(segs).content();
        double rate = segs.size() / ((System.nanoTime() - t0) / 1e9);
        rates.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(rate);
        List<float[]> vs = out.stream().map(Embedding::vector).toList();
        List<float[]> qv = new ArrayList<>();
        long c0 = cpu(), w0 = System.nanoTime(); int nq = 0;
        for (int k = 0; k < 40; k++) for (String q : qs) { float[] v = m.embed("Represent this sentence for searching relevant passages: " + q + " " + k).content().vector(); if (k == 0) qv.add(v); nq++; }
        qcpu.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add((cpu() - c0) / 1e6 / nq);
        qwall.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - w0) / 1e6 / nq);
        if (ref == null) { ref = vs; refQ = qv; }
        else {
          int diff = 0; double minCos = 1;
          for (int i = 0; i < vs.size(); i++) if (!Arrays.equals(vs.get(i), ref.get(i))) { diff++; }
          int qd = 0; for (int i = 0; i < qv.size(); i++) if (!Arrays.equals(qv.get(i), refQ.get(i))) qd++;
          if (r == 0) System.out.printf("  %s: passages differing from shipped %d/%d, queries differing %d/%d%n", en.getKey(), diff, vs.size(), qd, qv.size());
        }
      }
      System.out.printf("rep %d load %.2f%n", r, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    for (String k : rates.keySet()) System.out.printf("%-60s passages/s %s  query cpu ms %s wall ms %s%n", k, fmt(rates.get(k)), fmt(qcpu.get(k)), fmt(qwall.get(k)));
    System.exit(0);
  }
  static String fmt(List<Double> l) { StringBuilder b = new StringBuilder(); for (double d : l) b.append(String.format("%.1f ", d)); return b.toString(); }
}
