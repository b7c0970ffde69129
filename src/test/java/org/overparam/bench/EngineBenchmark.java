package org.overparam.bench;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.overparam.itop.Distribution;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.PruneDecay;
import org.overparam.itop.RegrowInit;
import org.overparam.nn.Activation;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Engine throughput on the workloads of issue 7, through the Weka-free core (no Weka conversion):
 * W1 = 20,000 x 100 synthetic Gaussian classes, MLP 100-256-256-10; W2 = fashion-mnist-train-10k,
 * MLP 784-2048-2048-10; both SGD momentum 0.9, lr 0.01, batch 128, float32. Trains dense and at 90%
 * / 95% sparsity (ITOP, RigL growth) and prints samples/s and the final training accuracy. It also
 * writes the data it used (raw little-endian float32 / int32) for the PyTorch reference script.
 *
 * <p>Usage: {@code EngineBenchmark <W1|W2> <epochs> <out-dir> [fashion-train.arff.gz]}
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    int epochs = Integer.parseInt(args[1]);
    File out = new File(args[2]);
    out.mkdirs();
    TrainingSet data = workload.equals("W1") ? w1() : fashion(args[3]);
    int[] hidden = workload.equals("W1") ? new int[] {256, 256} : new int[] {2048, 2048};
    write(data, new File(out, workload + ".bin"));
    System.out.printf("%s: %d x %d, %d classes, hidden %s, batch 128, %d epochs, OPENBLAS_CORETYPE=%s, threads=%s%n",
        workload, data.size(), data.numInputs(), data.numClasses(), java.util.Arrays.toString(hidden), epochs,
        System.getenv("OPENBLAS_CORETYPE"), System.getProperty("overparam.threads", "1"));
    warmUp(data, hidden);
    System.out.printf("%-26s %12s %10s %12s%n", "engine", "samples/s", "train acc", "peak RSS MB");
    for (double sparsity : new double[] {0, 0.9, 0.95}) {
      NetworkConfig cfg = new NetworkConfig(hidden, Activation.RELU, epochs, 128, UpdaterType.NESTEROVS, 0.01, 0.9, 0,
          LrSchedule.CONSTANT, 0.01, false, 0, 1, 1);
      ItopHook hook = sparsity == 0 ? null : new ItopHook(new ItopConfig(sparsity, Distribution.ERK, 1, 20, false,
          false, Growth.GRADIENT, 0.5, 0.005, PruneDecay.COSINE, 20, 0, 0, 0.25, 1, RegrowInit.ZERO, 0.1, false,
          true, false), 1);
      NetworkTrainer t = new NetworkTrainer(cfg, data, new SoftmaxCrossEntropy(), hook, null, null);
      t.initialize();
      long start = System.nanoTime();
      while (t.nextEpoch()) {
        // all epochs
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%-26s %12.0f %10.4f %12d%n", sparsity == 0 ? "ours dense" : "ours ITOP-RigL " + sparsity,
          data.size() * (double) epochs / seconds, t.lastMetrics().get("train accuracy"), peakRssMb());
    }
  }

  /** One untimed dense epoch on 2,000 rows: JIT compilation and ND4J start-up stay out of the figures. */
  static void warmUp(TrainingSet data, int[] hidden) throws InterruptedException {
    int m = Math.min(2000, data.size());
    TrainingSet part = new TrainingSet(java.util.Arrays.copyOf(data.x(), m), java.util.Arrays.copyOf(data.labels(), m),
        java.util.Arrays.copyOf(data.weights(), m), data.numClasses());
    NetworkTrainer t = new NetworkTrainer(new NetworkConfig(hidden, Activation.RELU, 1, 128, UpdaterType.NESTEROVS,
        0.01, 0.9, 0, LrSchedule.CONSTANT, 0.01, false, 0, 1, 1), part, new SoftmaxCrossEntropy(), null, null, null);
    t.initialize();
    t.nextEpoch();
  }

  static TrainingSet w1() {
    int n = 20000;
    int d = 100;
    int k = 10;
    Random rng = new Random(1);
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.nextGaussian() * 0.3;
      }
    }
    float[][] x = new float[n][d];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(k);
      w[i] = 1;
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) (centres[y[i]][j] + rng.nextGaussian());
      }
    }
    return new TrainingSet(x, y, w, k);
  }

  static TrainingSet fashion(String path) throws Exception {
    Instances d = DataSource.read(path);
    d.setClassIndex(d.numAttributes() - 1);
    int n = d.numInstances();
    int p = d.numAttributes() - 1;
    float[][] x = new float[n][p];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = (float) (d.instance(i).value(j) / 255.0);
      }
      y[i] = (int) d.instance(i).classValue();
      w[i] = 1;
    }
    return new TrainingSet(x, y, w, d.numClasses());
  }

  /** n, d, C as int32, then n*d float32 inputs, then n int32 labels (little-endian). */
  static void write(TrainingSet s, File f) throws Exception {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(f)))) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      for (int v : new int[] {s.size(), s.numInputs(), s.numClasses()}) {
        out.write(b.clear().putInt(v).array());
      }
      for (float[] row : s.x()) {
        for (float v : row) {
          out.write(b.clear().putFloat(v).array());
        }
      }
      for (int v : s.labels()) {
        out.write(b.clear().putInt(v).array());
      }
    }
  }

  static long peakRssMb() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return -1;
  }
}
