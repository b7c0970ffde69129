// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Engine throughput on the workloads of issue 7, through the Weka-free core (no Weka conversion):
 * W1 = 20,000 x 100 synthetic Gaussian classes, MLP 100-256-256-10; W2 = fashion-mnist-train-10k,
 * MLP 784-2048-2048-10; both SGD momentum 0.9, lr 0.01, batch 128, float32. One run per JVM (so that
 * the peak RSS is the run's own): dense, or ITOP with RigL growth at 90% / 95% sparsity on the dense
 * (masked) or the sparse engine. Prints samples/s, training and held-out accuracy, the engine's
 * weight + gradient + optimiser bytes and the peak RSS. The dense run also writes the data it used
 * (raw little-endian float32 / int32) for the PyTorch reference script.
 *
 * <p>Usage: {@code EngineBenchmark <W1|W2> <epochs> <out-dir> <data-dir> <dense|90-dense|90-sparse|95-dense|95-sparse>
 * [repeats] [threads]}: samples/s is the median of {@code repeats} (default 3) identical timed runs in the JVM;
 * {@code threads} is the learners' {@code -num-threads} (default 1; 0 = automatic), or a list such as {@code 1,2}:
 * then the counts take turns within each repeat (this machine's one-thread speed wanders by 15–30% within
 * minutes, so runs far apart in time make a poor ratio) and the median of the per-repeat ratios to the first
 * count is printed too.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    int epochs = Integer.parseInt(args[1]);
    File out = new File(args[2]);
    String run = args[4];
    int[] threadCounts = args.length > 6
        ? java.util.Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1};
    out.mkdirs();
    TrainingSet[] sets = workload.equals("W1") ? w1() : new TrainingSet[] {
        fashion(new File(args[3], "fashion-mnist-train-10k.arff.gz").getPath()),
        fashion(new File(args[3], "fashion-mnist-test.arff.gz").getPath())};
    TrainingSet data = sets[0];
    int[] hidden = workload.equals("W1") ? new int[] {256, 256} : new int[] {2048, 2048};
    if (run.equals("dense")) {
      write(data, new File(out, workload + ".bin"));
      System.out.printf("%s: %d x %d, %d classes, hidden %s, batch 128, %d epochs, threads=%s, OpenBLAS kernels %s%n",
          workload, data.size(), data.numInputs(), data.numClasses(), java.util.Arrays.toString(hidden), epochs,
          args.length > 6 ? args[6] : "1", org.overparam.nd4j.BackendReport.collect().get("OpenBLAS kernels"));
      System.out.printf("%-28s %10s %9s %9s %12s %12s%n", "engine", "samples/s", "train acc", "test acc",
          "state MB", "peak RSS MB");
    }
    double sparsity = run.equals("dense") ? 0 : Integer.parseInt(run.substring(0, 2)) / 100.0;
    ExecutionMode mode = run.endsWith("sparse") ? ExecutionMode.SPARSE : ExecutionMode.DENSE;
    int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int warmRows = Math.min(2000, data.size());
    for (int threads : threadCounts) { // JIT and ND4J start-up stay out
      runAll(trainer(part(data, warmRows), hidden, 1, sparsity, mode, false, threads));
    }
    double[][] rates = new double[threadCounts.length][repeats];
    NetworkTrainer[] last = new NetworkTrainer[threadCounts.length];
    for (int r = 0; r < repeats; r++) { // the same seed each time: identical runs, so only the timing varies
      for (int c = 0; c < threadCounts.length; c++) {
        NetworkTrainer t = trainer(data, hidden, epochs, sparsity, mode, false, threadCounts[c]);
        long start = System.nanoTime(); // the epochs only, as in the PyTorch script
        runAll(t);
        rates[c][r] = data.size() * (double) epochs / ((System.nanoTime() - start) / 1e9);
        last[c] = t;
      }
    }
    String engine = sparsity == 0 ? "ours dense" : "ours RigL-ITOP " + run.substring(0, 2) + "% " + mode.name().toLowerCase();
    for (int c = 0; c < threadCounts.length; c++) {
      NetworkTrainer t = last[c];
      String name = engine + (threadCounts[c] == 1 ? "" : ", " + t.threads() + " threads");
      System.out.printf("%-28s %10.0f %9.4f %9.4f %12.1f %12d%n", name, median(rates[c]),
          t.lastMetrics().get("accuracy/training"), accuracy(t, sets[1]), t.trainingStateBytes() / 1048576.0,
          peakRssMb());
    }
    for (int c = 1; c < threadCounts.length; c++) {
      double[] ratios = new double[repeats];
      StringBuilder each = new StringBuilder();
      for (int r = 0; r < repeats; r++) {
        ratios[r] = rates[c][r] / rates[0][r];
        each.append(String.format(" %.2f", ratios[r]));
      }
      System.out.printf("%s %d/%d threads, median of paired runs: %.2f (each:%s)%n", engine, threadCounts[c],
          threadCounts[0], median(ratios), each);
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }

  static NetworkTrainer trainer(TrainingSet data, int[] hidden, int epochs, double sparsity, ExecutionMode mode)
      throws InterruptedException {
    return trainer(data, hidden, epochs, sparsity, mode, false);
  }

  /** @param fixedMasks keep the initial masks (no topology updates), to time the training step alone */
  static NetworkTrainer trainer(TrainingSet data, int[] hidden, int epochs, double sparsity, ExecutionMode mode,
      boolean fixedMasks) throws InterruptedException {
    return trainer(data, hidden, epochs, sparsity, mode, fixedMasks, 1);
  }

  /** @param threads the run's thread count ({@code -num-threads}; the benchmarks' default is 1) */
  static NetworkTrainer trainer(TrainingSet data, int[] hidden, int epochs, double sparsity, ExecutionMode mode,
      boolean fixedMasks, int threads) throws InterruptedException {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(hidden).epochs(epochs).batchSize(128)
        .learningRate(0.01).l2(0).schedule(LrSchedule.CONSTANT).patience(1).threads(threads).build();
    ItopHook hook = sparsity == 0 ? null : new ItopHook(ItopConfig.builder().sparsity(sparsity)
        .growth(Growth.GRADIENT).numTopologyUpdates(20).minUpdateIntervalEpochs(0.25).fixMask(fixedMasks)
        .execution(mode).build(), 1);
    NetworkTrainer t = new NetworkTrainer(cfg, data, new SoftmaxCrossEntropy(), hook, null, null);
    t.initialize();
    if (hook != null && t.runsSparse() != (mode == ExecutionMode.SPARSE)) {
      throw new IllegalStateException("the trainer did not pick the " + mode + " engine");
    }
    return t;
  }

  static void runAll(NetworkTrainer t) throws InterruptedException {
    while (t.nextEpoch()) {
      // all epochs
    }
  }

  static double accuracy(NetworkTrainer t, TrainingSet test) {
    double[][] p = t.currentModel().predict(test.x());
    int correct = 0;
    for (int r = 0; r < p.length; r++) {
      int best = 0;
      for (int c = 1; c < p[r].length; c++) {
        best = p[r][c] > p[r][best] ? c : best;
      }
      correct += best == test.labels()[r] ? 1 : 0;
    }
    return (double) correct / p.length;
  }

  static TrainingSet part(TrainingSet data, int m) {
    return new TrainingSet(java.util.Arrays.copyOf(data.x(), m), java.util.Arrays.copyOf(data.labels(), m),
        java.util.Arrays.copyOf(data.weights(), m), data.numClasses());
  }

  /** 20,000 training and 5,000 held-out rows from the same ten Gaussian classes. */
  static TrainingSet[] w1() {
    int n = 25000;
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
    int m = 20000;
    return new TrainingSet[] {
        new TrainingSet(java.util.Arrays.copyOf(x, m), java.util.Arrays.copyOf(y, m), java.util.Arrays.copyOf(w, m), k),
        new TrainingSet(java.util.Arrays.copyOfRange(x, m, n), java.util.Arrays.copyOfRange(y, m, n),
            java.util.Arrays.copyOfRange(w, m, n), k)};
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
