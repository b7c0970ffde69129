// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sparse products, Java and native ({@link NativeSparseKernels}, where it runs), against the dense products of
 * the masked matrix, computed naively in double.
 */
class SparseKernelsTest {
  private static final double TOL = 1e-5;

  @ParameterizedTest
  @CsvSource({"1, false", "2, false", "7, false", "8, false", "33, false", "1, true", "7, true", "8, true",
      "33, true", "64, true", "71, true", "130, true"})
  void productsEqualTheDenseMaskedProducts(int batch, boolean nativeKernels) {
    assumeTrue(!nativeKernels || NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(batch);
    int nIn = 13;
    int nOut = 19;
    // column o has o % 10 active weights (0 to 9: empty columns, 4- and 8-wide blocks and every remainder)
    boolean[] active = new boolean[nIn * nOut];
    float[] dense = new float[nIn * nOut];
    for (int o = 0; o < nOut; o++) {
      int placed = 0;
      while (placed < o % 10) {
        int i = rng.nextInt(nIn);
        if (!active[i + o * nIn]) {
          active[i + o * nIn] = true;
          dense[i + o * nIn] = (float) rng.nextGaussian();
          placed++;
        }
      }
    }
    float[] bias = new float[nOut];
    for (int o = 0; o < nOut; o++) {
      bias[o] = (float) rng.nextGaussian();
    }
    SparseLayer layer = new SparseLayer(nIn, nOut, active, dense, bias, 0);
    float[][] in = random(rng, nIn, batch);
    float[][] delta = random(rng, nOut, batch);
    for (int o = 0; o < nOut; o += 2) { // every other column mostly zero, as behind a ReLU: the compacted sums
      for (int b = 0; b < batch; b++) {
        delta[o][b] = b % 3 == 0 ? delta[o][b] : 0f;
      }
    }

    float[][] out = random(rng, nOut, batch); // stale values must be overwritten
    float[][] inGrad = random(rng, nIn, batch);
    float[] biasGrad = new float[nOut];
    float[] plainGrad = new float[layer.nonzeros()];
    if (nativeKernels) {
      NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, in, out, batch);
      NativeSparseKernels.inputGradient(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, delta, inGrad,
          batch);
      NativeSparseKernels.weightGradient(layer.colStart, layer.row, in, delta, plainGrad, new float[nOut], batch);
      NativeSparseKernels.weightGradient(layer.colStart, layer.row, in, delta, layer.grad, biasGrad, batch);
    } else {
      SparseKernels.forwardJava(layer.colStart, layer.row, layer.value, layer.bias, in, out, batch);
      SparseKernels.inputGradientJava(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, delta, inGrad,
          batch);
      SparseKernels.weightGradientJava(layer.colStart, layer.row, in, delta, plainGrad, new float[nOut], batch, false);
      SparseKernels.weightGradientJava(layer.colStart, layer.row, in, delta, layer.grad, biasGrad, batch, true);
    }

    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < nOut; o++) {
        double z = bias[o];
        for (int i = 0; i < nIn; i++) {
          z += dense[i + o * nIn] * (double) in[i][b];
        }
        assertEquals(z, out[o][b], TOL, "forward");
      }
      for (int i = 0; i < nIn; i++) {
        double g = 0;
        for (int o = 0; o < nOut; o++) {
          g += dense[i + o * nIn] * (double) delta[o][b];
        }
        assertEquals(g, inGrad[i][b], TOL, "input gradient");
      }
    }
    double[] weightGrad = new double[nIn * nOut];
    for (int o = 0; o < nOut; o++) {
      double bg = 0;
      for (int b = 0; b < batch; b++) {
        bg += delta[o][b];
      }
      assertEquals(bg, biasGrad[o], TOL, "bias gradient");
      for (int k = layer.colStart[o]; k < layer.colStart[o + 1]; k++) {
        int i = layer.row[k];
        double g = 0;
        for (int b = 0; b < batch; b++) {
          g += in[i][b] * (double) delta[o][b];
        }
        weightGrad[i + o * nIn] = g;
        assertEquals(g, layer.grad[k], TOL, "weight gradient (fused multiply-add)");
        assertEquals(g, plainGrad[k], TOL, "weight gradient");
      }
    }
    assertEquals(layer.nonzeros(), countTrue(active));
  }

  static float[][] random(SplittableRandom rng, int rows, int cols) {
    float[][] a = new float[rows][cols];
    for (float[] r : a) {
      for (int c = 0; c < cols; c++) {
        r[c] = (float) rng.nextGaussian();
      }
    }
    return a;
  }

  private static int countTrue(boolean[] a) {
    int c = 0;
    for (boolean b : a) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
