// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * The premise of the sparse engine's dense gradient by column blocks ({@link SparseEngine#gradientColumns}):
 * OpenBLAS gives every value of G = in · deltaᵀ as one GEMM over all columns does, so that the blocks (a native
 * scratch of 4 MB instead of the matrix) leave RigL's choices unchanged but for ties within float rounding. Bit for
 * bit on the Intel CPUs measured (Xeon, OpenBLAS's SkylakeX and Cooperlake kernels); on an AMD EPYC (Zen 2, its
 * ZEN kernels) a block sums some values in another order, which the bound of a sum of k float products allows.
 */
class GemmColumnBlocksTest {
  @Test
  void columnBlocksEqualOneGemmToFloatRounding() {
    Dl4jRuntime.run(() -> {
      Nd4j.getRandom().setSeed(11);
      // the benchmark's layers (batch 128 and a last batch of 16), and a shape with a narrower last block
      for (int[] shape : new int[][] {{2048, 2048, 128}, {784, 2048, 128}, {2048, 2048, 16}, {3000, 1000, 37}}) {
        int nIn = shape[0];
        int nOut = shape[1];
        int batch = shape[2];
        INDArray in = Nd4j.rand(DataType.FLOAT, nIn, batch).subi(0.5);
        INDArray delta = Nd4j.rand(DataType.FLOAT, nOut, batch).subi(0.5);
        INDArray whole = Nd4j.create(DataType.FLOAT, new long[] {nIn, nOut}, 'f');
        DirectGemm.gemm(in, delta, whole, false, true, 1.0, 0.0);
        float[] want = whole.data().asFloat();
        INDArray magnitudes = Nd4j.create(DataType.FLOAT, new long[] {nIn, nOut}, 'f'); // sum_k |in_ik| |delta_jk|
        DirectGemm.gemm(Transforms.abs(in, true), Transforms.abs(delta, true), magnitudes, false, true, 1.0, 0.0);
        float[] scale = magnitudes.data().asFloat();
        int cols = SparseEngine.gradientColumns(nIn, nOut, 1);
        assertTrue(cols < nOut && (long) cols * nIn <= SparseEngine.GRADIENT_COLUMNS_VALUES, "blocks of " + cols);
        for (int o = 0; o < nOut; o += cols) {
          int c = Math.min(cols, nOut - o);
          INDArray d = delta.get(NDArrayIndex.interval(o, o + c), NDArrayIndex.all()).dup('c');
          INDArray g = Nd4j.create(DataType.FLOAT, new long[] {nIn, c}, 'f');
          DirectGemm.gemm(in, d, g, false, true, 1.0, 0.0);
          float[] got = g.data().asFloat();
          for (int j = 0; j < got.length; j++) {
            int at = o * nIn + j;
            // two summation orders of k products differ by at most about 2 k eps sum_k |products|
            double bound = 2.0 * batch * Math.ulp(1f) * scale[at];
            assertEquals(want[at], got[j], bound, nIn + " x " + nOut + " x " + batch + ", value " + at);
          }
        }
      }
    });
  }

  @Test
  void blocksAreWholeColumnsWithinTheirBudget() {
    assertEquals(10, SparseEngine.gradientColumns(40, 10, 1), "a small matrix in one GEMM");
    assertEquals(512, SparseEngine.gradientColumns(2048, 2048, 1));
    assertEquals(1024, SparseEngine.gradientColumns(2048, 2048, 2), "a block per thread");
    assertEquals(1280, SparseEngine.gradientColumns(784, 2048, 1));
    assertEquals(1, SparseEngine.gradientColumns(3_000_000, 4, 1), "one column at least");
  }
}
