// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.overparam.nd4j.Dl4jRuntime;

/** Straight OpenBLAS calls, whole and split, against ND4J's gemm for every storage order, transpose and offset view. */
class DirectGemmTest {
  @Test
  void agreesWithNd4jForEveryOrderTransposeAndView() {
    Dl4jRuntime.run(() -> {
      assertTrue(DirectGemm.direct(), "the CPU backend must take the direct path");
      for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        everyLayout(dt, 5, 3, 4);
        // row and column vectors (biases as rank-1 GEMMs)
        INDArray ones = Nd4j.ones(dt, 6, 1);
        INDArray bias = Nd4j.rand(dt, 1, 4);
        INDArray z1 = Nd4j.zeros(dt, 6, 4);
        INDArray z2 = z1.dup();
        Nd4j.gemm(ones, bias, z1, false, false, 1, 0);
        DirectGemm.gemm(ones, bias, z2, false, false, 1, 0);
        assertArrayEquals(z1.toDoubleMatrix()[5], z2.toDoubleMatrix()[5], 1e-6);
      }
    });
  }

  /**
   * Products large enough to be split ({@link DirectGemm#parts}: two parts on 2 threads, three on 3, along C's rows
   * (m &gt; n) or columns), for every order, transpose and view: each part's offsets into A, B and C.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void splitProductsAgreeWithNd4jForEveryOrderTransposeAndView(int threads) {
    Dl4jRuntime.run(threads, () -> {
      assertEquals(threads, DirectGemm.parts(161, 97, 450, threads));
      assertEquals(threads, DirectGemm.parts(97, 161, 450, threads));
      for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        everyLayout(dt, 161, 97, 450);
        everyLayout(dt, 97, 161, 450);
      }
    });
  }

  @Test
  void smallProductsAndOneThreadAreNotSplit() {
    assertEquals(1, DirectGemm.parts(2048, 128, 2048, 1));
    assertEquals(2, DirectGemm.parts(2048, 128, 2048, 2));
    assertEquals(1, DirectGemm.parts(10, 128, 1024, 2), "a part under MIN_MACS_PER_PART");
    assertEquals(1, DirectGemm.parts(20, 20, 1 << 20, 4), "no part under PART_ALIGN rows or columns");
  }

  /** C = 0.7 op(A) op(B) + 0.3 C against ND4J's mmul, for every transpose, order and view. */
  private static void everyLayout(DataType dt, int m, int n, int k) {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (char oa : new char[] {'c', 'f'}) {
          for (char ob : new char[] {'c', 'f'}) {
            for (char oc : new char[] {'c', 'f'}) {
              for (boolean view : new boolean[] {false, true}) {
                INDArray a = operand(dt, ta ? k : m, ta ? m : k, oa, view);
                INDArray b = operand(dt, tb ? n : k, tb ? k : n, ob, view);
                INDArray c2 = operand(dt, m, n, oc, view);
                INDArray c1 = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).muli(0.7).addi(c2.mul(0.3));
                DirectGemm.gemm(a, b, c2, ta, tb, 0.7, 0.3);
                String what = dt + " " + m + "x" + n + "x" + k + " " + ta + tb + oa + ob + oc + view;
                double[][] expected = c1.toDoubleMatrix();
                double[][] actual = c2.toDoubleMatrix();
                for (int i = 0; i < m; i++) {
                  assertArrayEquals(expected[i], actual[i], 1e-5 * Math.sqrt(k), what + ", row " + i);
                }
              }
            }
          }
        }
      }
    }
  }

  /** A random [rows, cols] array in order {@code o}, or a view into a larger one (an offset and a wider stride). */
  private static INDArray operand(DataType dt, int rows, int cols, char o, boolean view) {
    if (!view) {
      return Nd4j.rand(dt, rows, cols).dup(o);
    }
    INDArray big = Nd4j.rand(dt, rows + 2, cols + 3).dup(o);
    return big.get(NDArrayIndex.interval(1, rows + 1), NDArrayIndex.interval(2, cols + 2));
  }

  /** A matrix BLAS cannot address with one leading dimension is refused before any raw access. */
  @Test
  void refusesAMatrixWithoutUnitMinorStride() {
    Dl4jRuntime.run(() -> {
      INDArray big = Nd4j.rand(DataType.FLOAT, 4, 6);
      INDArray everySecondColumn = big.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
      INDArray b = Nd4j.rand(DataType.FLOAT, 3, 2);
      INDArray c = Nd4j.zeros(DataType.FLOAT, 4, 2);
      assertThrows(IllegalArgumentException.class, () -> DirectGemm.gemm(everySecondColumn, b, c, false, false, 1, 0));
    });
  }
}
