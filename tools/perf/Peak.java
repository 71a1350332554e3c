import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;

/** Sustained multiply-accumulate rate of one ONNX Runtime MatMul / MatMulInteger node: this machine's practical peak. */
public class Peak {
  public static void main(String[] a) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int K = 384, N = 1536; // the feed-forward product of bge-small at a passage's length (M = 60)
    for (String kind : new String[] {"f32", "u8s8"}) for (int M : new int[] {60, 2048}) for (int threads : new int[] {1, 2}) {
      OrtSession.SessionOptions o = new OrtSession.SessionOptions();
      o.setIntraOpNumThreads(threads); o.addConfigEntry("session.intra_op.allow_spinning", "0");
      try (OrtSession s = env.createSession("tools/perf/" + kind + "-" + M + ".onnx", o)) {
        Random r = new Random(1);
        OnnxTensor A, B;
        if (kind.equals("f32")) {
          float[] x = new float[M * K], y = new float[K * N]; for (int i = 0; i < x.length; i++) x[i] = r.nextFloat(); for (int i = 0; i < y.length; i++) y[i] = r.nextFloat();
          A = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {M, K}); B = OnnxTensor.createTensor(env, FloatBuffer.wrap(y), new long[] {K, N});
        } else {
          byte[] x = new byte[M * K], y = new byte[K * N]; r.nextBytes(x); r.nextBytes(y);
          A = OnnxTensor.createTensor(env, ByteBuffer.wrap(x), new long[] {M, K}, OnnxJavaType.UINT8); B = OnnxTensor.createTensor(env, ByteBuffer.wrap(y), new long[] {K, N}, OnnxJavaType.INT8);
        }
        Map<String, OnnxTensor> in = Map.of("A", A, "B", B);
        for (int i = 0; i < 20; i++) s.run(in).close();
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
          long t0 = System.nanoTime(); int runs = 0;
          while (System.nanoTime() - t0 < 400_000_000L) { s.run(in).close(); runs++; }
          double ops = 2.0 * M * K * N * runs / ((System.nanoTime() - t0) / 1e9);
          best = Math.max(best, ops);
        }
        System.out.printf("%-5s M=%-5d threads=%d  best of 5: %.1f G%s/s%n", kind, M, threads, best / 1e9, kind.equals("f32") ? "FLOP" : "op");
      }
    }
  }
}
