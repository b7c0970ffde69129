// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The native eigendecomposition at a size where faulty BLAS kernels showed (n ≥ 150: OpenBLAS 0.3.19's
 * SkylakeX kernels on an AVX-512 EPYC), against Commons Math, and the residual check that stops a
 * wrong one.
 */
class SymmetricEigenTest {
  private static double[][] spd(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] b = new double[n][n];
    for (double[] row : b) {
      for (int j = 0; j < n; j++) {
        row[j] = rng.nextDouble();
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += b[i][k] * b[j][k];
        }
        a[i][j] = s;
      }
    }
    return a;
  }

  /**
   * actual has rank upTo, and its eigenvalues 0, step, 2 step, ... below upTo agree with expected's to relTol
   * times the largest expected one.
   */
  private static void assertEigenvalues(SymmetricEigen.Decomposition expected, SymmetricEigen.Decomposition actual,
      int upTo, int step, double relTol) {
    assertEquals(upTo, actual.rank());
    for (int j = 0; j < upTo; j += step) {
      assertEquals(expected.values()[j], actual.values()[j], relTol * expected.values()[0], "eigenvalue " + j);
    }
  }

  @Test
  void nativeDecompositionOfA200By200MatrixIsAccurate() throws InterruptedException {
    double[][] a = spd(200, 3);
    SymmetricEigen.Decomposition nd4j = SymmetricEigen.decompose(a, EigenSolver.ND4J, 0, 0);
    SymmetricEigen.Decomposition cm = SymmetricEigen.decompose(a, EigenSolver.COMMONS_MATH, 0, 0);
    assertEigenvalues(cm, nd4j, 200, 20, 1e-9);
    SymmetricEigen.checkResiduals(a, cm); // the reference passes the check too
  }

  @Test
  void aRankComputesOnlyTheLeadingPairsAndAgreesWithTheFullDecomposition() throws InterruptedException {
    double[][] a = spd(120, 6);
    SymmetricEigen.Decomposition full = SymmetricEigen.decompose(a, EigenSolver.ND4J, 0, 0);
    SymmetricEigen.Decomposition top = SymmetricEigen.decompose(a, EigenSolver.ND4J, 10, 0);
    assertEigenvalues(full, top, 10, 1, 1e-10);
    for (int j = 0; j < 10; j++) {
      double dot = 0;
      for (int i = 0; i < 120; i++) {
        dot += full.vectors()[i][j] * top.vectors()[i][j];
      }
      assertEquals(1, Math.abs(dot), 1e-8, "eigenvector " + j + " (up to sign)");
    }
  }

  @Test
  void aWrongDecompositionFailsLoudly() throws InterruptedException {
    double[][] a = spd(40, 4);
    SymmetricEigen.Decomposition d = SymmetricEigen.decompose(a, EigenSolver.COMMONS_MATH, 0, 0);
    d.vectors()[0][0] += 1e-3; // one wrong entry in the leading eigenvector
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> SymmetricEigen.checkResiduals(a, d));
    assertTrue(e.getMessage().contains("OPENBLAS_CORETYPE") && e.getMessage().contains("COMMONS_MATH"),
        e.getMessage());
  }

  @Test
  void anInterruptStopsTheCallerAtOnceDuringALongDecomposition() throws Exception {
    int n = 1500; // LAPACK takes about 2 s here
    SplittableRandom rng = new SplittableRandom(5);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = n;
      for (int j = 0; j < i; j++) {
        a[i][j] = rng.nextDouble();
        a[j][i] = a[i][j];
      }
    }
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        SymmetricEigen.decompose(a, EigenSolver.ND4J, 0, 0);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    caller.start();
    Thread.sleep(200);
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(2000);
    assertTrue((System.nanoTime() - start) / 1e9 < 1, "the caller did not stop within a second");
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
  }
}
