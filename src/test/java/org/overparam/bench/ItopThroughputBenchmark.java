// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Random;
import org.overparam.testing.Headers;
import weka.classifiers.Classifier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Training throughput (instances per second) of ItopSparseNetwork at sparsity 0 and 0.9 against
 * Weka's MultilayerPerceptron with the same hidden layers, in one run on the same data (workload
 * W1 of README.md, Results, "Network engine against PyTorch": 20,000 x 100 numeric, 10 classes, hidden 256,256,
 * batch 128).
 *
 * <p>Usage: {@code ItopThroughputBenchmark [instances] [oursEpochs] [mlpEpochs] [repetitions]}
 */
public final class ItopThroughputBenchmark {
  private ItopThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    int ourEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int mlpEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Instances data = w1(n, 100, 10, 1);
    System.out.printf("W1: %d x %d numeric, %d classes; hidden 256,256; OPENBLAS_CORETYPE=%s, OMP_NUM_THREADS=%s, "
            + "cores %d, load average %s%n", n, 100, 10, System.getenv("OPENBLAS_CORETYPE"),
        System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors(), loadAverage());

    double dense = median(reps, () -> throughput(ours(0, ourEpochs), data, ourEpochs));
    double sparse = median(reps, () -> throughput(ours(0.9, ourEpochs), data, ourEpochs));
    double mlp = median(Math.min(reps, 2), () -> throughput(mlp(mlpEpochs), data, mlpEpochs));
    System.out.printf("%-44s %14s %10s%n", "learner", "instances/s", "vs MLP");
    System.out.printf("%-44s %14.0f %9.1fx%n", "ItopSparseNetwork -sparsity 0 (dense)", dense, dense / mlp);
    System.out.printf("%-44s %14.0f %9.1fx%n", "ItopSparseNetwork -sparsity 0.9 (ITOP)", sparse, sparse / mlp);
    System.out.printf("%-44s %14.0f %9.1fx%n", "MultilayerPerceptron -H 256,256", mlp, 1.0);
    System.out.printf("sparse/dense: %.2f; load average after: %s%n", sparse / dense, loadAverage());
  }

  static Classifier ours(double sparsity, int epochs) throws Exception {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setOptions(Utils.splitOptions("-hidden-layers 256,256 -batch-size-train 128 -learning-rate 0.01 -l2 0 "
        + "-lr-schedule CONSTANT -epochs " + epochs + " -sparsity " + sparsity));
    return net;
  }

  static Classifier mlp(int epochs) throws Exception {
    MultilayerPerceptron m = new MultilayerPerceptron();
    m.setOptions(Utils.splitOptions("-H 256,256 -L 0.01 -M 0.9 -N " + epochs));
    return m;
  }

  interface Measure {
    double run() throws Exception;
  }

  static double median(int reps, Measure m) throws Exception {
    double[] v = new double[reps];
    for (int r = 0; r < reps; r++) {
      v[r] = m.run();
    }
    java.util.Arrays.sort(v);
    return v[reps / 2];
  }

  static double throughput(Classifier c, Instances data, int epochs) throws Exception {
    long start = System.nanoTime();
    c.buildClassifier(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    return (double) data.numInstances() * epochs / seconds;
  }

  /** Gaussian classes in d dimensions, as in workload W1 (README.md, Results). */
  static Instances w1(int n, int d, int k, long seed) {
    Instances data = Headers.numericWithClass("W1", d, k, n);
    Random rng = new Random(seed);
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.nextGaussian() * 0.3;
      }
    }
    for (int i = 0; i < n; i++) {
      int y = rng.nextInt(k);
      double[] v = new double[d + 1];
      for (int j = 0; j < d; j++) {
        v[j] = centres[y][j] + rng.nextGaussian();
      }
      v[d] = y;
      data.add(new DenseInstance(1, v));
    }
    return data;
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).substring(0, 14);
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
