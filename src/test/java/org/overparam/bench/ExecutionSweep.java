// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Arrays;
import java.util.Random;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.TrainingSet;

/**
 * Where the sparse engine starts to pay: masked dense against sparse execution of the same
 * training step (ERK masks, SGD with Nesterov momentum, batch 128, float32) on MLPs
 * width-width-width-10 over a grid of widths and densities, synthetic inputs of the same width.
 * The masks stay fixed, so that the step cost is measured; topology updates come every ΔT steps
 * (hundreds in practice) and cost about the same on both engines. Prints samples/s of both engines and
 * their ratio, medians of 3 identical runs after a warm-up run. The basis of {@link ExecutionMode}'s
 * AUTO rule.
 *
 * <p>Usage: {@code ExecutionSweep [widths, e.g. 32,128,512,2048] [densities, e.g. 0.05,0.1,0.2,0.3]}
 */
public final class ExecutionSweep {
  private ExecutionSweep() {}

  public static void main(String[] args) throws Exception {
    int[] widths = Arrays.stream((args.length > 0 ? args[0] : "32,64,128,256,512,1024,2048").split(","))
        .mapToInt(Integer::parseInt).toArray();
    double[] densities = Arrays.stream((args.length > 1 ? args[1] : "0.05,0.1,0.2,0.3").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    TrainingSet warm = synthetic(100_000, 32);
    for (double d : new double[] {0.05, 0.1}) { // the first configurations ran at a fraction of their speed while C2 compiled
      rate(warm, 32, 1 - d, ExecutionMode.DENSE);
      rate(warm, 32, 1 - d, ExecutionMode.SPARSE);
    }
    System.out.printf("%6s %8s %7s %14s %14s %8s%n", "width", "density", "rows", "dense samp/s", "sparse samp/s",
        "sparse/dense");
    for (int w : widths) {
      // about 4 GFLOP of dense work per epoch, at least 40 batches
      int rows = (int) Math.max(5120, Math.min(100_000, 4e9 / (12.0 * w * w)));
      TrainingSet data = synthetic(rows, w);
      for (double d : densities) {
        double dense = rate(data, w, 1 - d, ExecutionMode.DENSE);
        double sparse = rate(data, w, 1 - d, ExecutionMode.SPARSE);
        System.out.printf("%6d %8.2f %7d %14.0f %14.0f %8.2f%n", w, d, rows, dense, sparse, sparse / dense);
      }
    }
  }

  private static double rate(TrainingSet data, int w, double sparsity, ExecutionMode mode) throws Exception {
    int[] hidden = {w, w};
    EngineBenchmark.runAll(EngineBenchmark.trainer(data, hidden, 1, sparsity, mode, true)); // warm-up
    double[] rates = new double[3];
    for (int r = 0; r < rates.length; r++) {
      NetworkTrainer t = EngineBenchmark.trainer(data, hidden, 1, sparsity, mode, true);
      long start = System.nanoTime();
      EngineBenchmark.runAll(t);
      rates[r] = data.size() / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    return rates[1];
  }

  private static TrainingSet synthetic(int n, int d) {
    Random rng = new Random(1);
    float[][] x = new float[n][d];
    int[] y = new int[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(10);
      weights[i] = 1;
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) (rng.nextGaussian() + (j % 10 == y[i] ? 1 : 0));
      }
    }
    return new TrainingSet(x, y, weights, 10);
  }
}
