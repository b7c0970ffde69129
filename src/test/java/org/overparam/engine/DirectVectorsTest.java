// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * The optimiser's level-1 calls split between threads: the same bits as ND4J's one call on one thread, for any
 * count (the ranges start on multiples of {@link DirectVectors#PART_ALIGN}), on whole vectors and on a view.
 */
class DirectVectorsTest {
  /** Long enough for three ranges, with a tail that is not a multiple of the kernels' blocks. */
  private static final int N = (int) (3 * DirectVectors.MIN_ELEMENTS_PER_PART + 37);

  @Test
  void axpyAndScalGiveOneCallsBitsOnAnyCount() {
    for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      double[][] expected = run(1, dt, true);
      for (int threads : new int[] {1, 2, 3}) {
        double[][] actual = run(threads, dt, false);
        for (int v = 0; v < expected.length; v++) {
          assertArrayEquals(expected[v], actual[v], 0.0, dt + ", " + threads + " threads, vector " + v);
        }
      }
    }
  }

  /** y += 0.3 x; x *= -1.7; then the same on the second row of a 3-row matrix (a view at an offset). */
  private static double[][] run(int threads, DataType dt, boolean nd4j) {
    return Dl4jRuntime.call(threads, () -> {
      Nd4j.getRandom().setSeed(7);
      INDArray x = Nd4j.rand(dt, N).subi(0.5);
      INDArray y = Nd4j.rand(dt, N).subi(0.5);
      INDArray rows = Nd4j.rand(dt, 3, N).subi(0.5);
      INDArray row = rows.getRow(1);
      if (nd4j) {
        Nd4j.getBlasWrapper().level1().axpy(N, 0.3, x, y);
        Nd4j.getBlasWrapper().level1().scal(N, -1.7, x);
        Nd4j.getBlasWrapper().level1().axpy(N, 0.3, x, row);
      } else {
        DirectVectors.axpy(0.3, x, y);
        DirectVectors.scal(x, -1.7);
        DirectVectors.axpy(0.3, x, row);
      }
      double[][] r = rows.toDoubleMatrix();
      return new double[][] {x.toDoubleVector(), y.toDoubleVector(), r[0], r[1], r[2]};
    });
  }
}
