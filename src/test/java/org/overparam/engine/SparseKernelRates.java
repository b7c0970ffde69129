// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nd4j.OpenBlasCore;

/**
 * Multiply-adds per second of {@link SparseKernels}' three products on one thread, in Java and (where they run)
 * in native code ({@link NativeSparseKernels}), for a random 2048 × 2048 layer
 * at the given densities (batch 128, half of the activations and deltas zero, as behind a ReLU), and of OpenBLAS's
 * dense GEMM for the same layer's forward product in the same run: what a sparse step can gain over a dense one.
 * Run by src/test/scripts/sparse-kernel-rates.sh.
 */
public final class SparseKernelRates {
  private SparseKernelRates() {}

  public static void main(String[] args) {
    int n = 2048;
    int batch = 128;
    SplittableRandom rng = new SplittableRandom(1);
    float[][] in = new float[n][batch];
    float[][] delta = new float[n][batch];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < batch; b++) {
        in[i][b] = rng.nextBoolean() ? 0f : (float) rng.nextDouble();
        delta[i][b] = rng.nextBoolean() ? 0f : (float) rng.nextGaussian();
      }
    }
    for (String d : (args.length > 0 ? args[0] : "0.05,0.1").split(",")) {
      double density = Double.parseDouble(d);
      boolean[] mask = new boolean[n * n];
      float[] dense = new float[n * n];
      for (int j = 0; j < mask.length; j++) {
        mask[j] = rng.nextDouble() < density;
        dense[j] = (float) rng.nextGaussian();
      }
      SparseLayer s = new SparseLayer(n, n, mask, dense, new float[n], 1);
      float[][] out = new float[n][batch];
      float[][] inGrad = new float[n][batch];
      double macs = (double) s.nonzeros() * batch;
      for (boolean nativeKernels : SparseKernels.NATIVE ? new boolean[] {false, true} : new boolean[] {false}) {
        Runnable[] products = nativeKernels ? new Runnable[] {
          () -> NativeSparseKernels.forward(s.colStart, s.row, s.value, s.bias, in, out, batch),
          () -> NativeSparseKernels.inputGradient(s.rowStart, s.rowCol, s.rowPerm, s.value, delta, inGrad, batch),
          () -> NativeSparseKernels.weightGradient(s.colStart, s.row, in, delta, s.grad, s.biasGrad, batch)
        } : new Runnable[] {
          () -> SparseKernels.forwardJava(s.colStart, s.row, s.value, s.bias, in, out, batch),
          () -> SparseKernels.inputGradientJava(s.rowStart, s.rowCol, s.rowPerm, s.value, delta, inGrad, batch),
          () -> SparseKernels.weightGradientJava(s.colStart, s.row, in, delta, s.grad, s.biasGrad, batch,
              SparseKernels.HARDWARE_FMA)
        };
        double[] rate = new double[products.length];
        for (int rep = 0; rep < 5; rep++) { // the last of five, after the JIT's warm-up
          int times = Math.max(3, (int) (1e9 / macs));
          for (int p = 0; p < products.length; p++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
              products[p].run();
            }
            rate[p] = times * macs / (System.nanoTime() - t0);
          }
        }
        System.out.printf(Locale.ROOT, "sparse %4.0f%% of %d x %d, batch %d, %-6s kernels: forward %.1f, "
            + "input gradient %.1f, weight gradient %.1f GMAC/s%n", 100 * density, n, n, batch,
            nativeKernels ? "native" : "Java", rate[0], rate[1], rate[2]);
      }
    }
    double gemm = Dl4jRuntime.call(1, () -> {
      INDArray a = Nd4j.rand(DataType.FLOAT, batch, n);
      INDArray w = Nd4j.rand(DataType.FLOAT, n, n).dup('f');
      INDArray z = Nd4j.create(DataType.FLOAT, batch, n);
      double best = 0;
      for (int rep = 0; rep < 5; rep++) {
        int times = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
          DirectGemm.gemm(a, w, z, false, false, 1.0, 0.0);
        }
        best = times * (double) n * n * batch / (System.nanoTime() - t0);
      }
      return best;
    });
    System.out.printf(Locale.ROOT, "dense GEMM of the same layer, batch %d: %.1f GMAC/s (OpenBLAS kernels %s)%n", batch,
        gemm, OpenBlasCore.describe());
  }
}
