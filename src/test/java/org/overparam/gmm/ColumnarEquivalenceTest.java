// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The columnar E-step of FULL and TIED gives bit-for-bit the statistics of
 * {@link DenseColumnarReference}, the code it was optimised from: both round every term in the same
 * order, so the tolerance is 0, not a float-rounding allowance. Odd and even d, block lengths with
 * and without a remainder mod 4, and mixtures whose responsibilities are mostly exact zeros and
 * mostly nonzero. (The diagonal family has its own E-step: {@link DiagonalEStepTest}.)
 */
class ColumnarEquivalenceTest {
  @ParameterizedTest
  @EnumSource(value = CovarianceType.class, names = {"FULL", "TIED"})
  void bitIdenticalToTheDenseReference(CovarianceType type) throws Exception {
    int sparseBlocks = 0;
    for (int d : new int[] {1, 2, 3, 10}) {
      for (int n : new int[] {1001, 2048}) {
        for (int k : new int[] {1, 3, 5}) {
          for (int iterations : new int[] {0, 1, 8}) {
            sparseBlocks += compare(type, n, d, k, iterations, 31L * d + n + k);
          }
        }
      }
    }
    assertTrue(sparseBlocks > 0, "the cases must include blocks with mostly zero responsibilities");
  }

  /** Compares one E-step under the parameters after the given number of EM iterations; 1 if mostly zeros. */
  private static int compare(CovarianceType type, int n, int d, int k, int iterations, long seed) throws Exception {
    MixtureData data = MixtureData.of(GmmTestData.blobs(n, d, k, seed));
    MixtureParams p = new GaussianMixtureEm(GmmConfig.builder().numComponents(k).covariance(type)
        .maxIterations(iterations).seed(seed).build()).fit(data).params();
    ComponentDensities cd = new ComponentDensities(p);
    double[] xt = ColumnarEStep.transpose(data, 0, n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + (i % 7) / 4.0;
    }
    boolean full = !type.isDiagonal();
    SufficientStats expected = new SufficientStats(type, k, d, 0);
    DenseColumnarReference.Scratch rs = new DenseColumnarReference.Scratch(k, d, n, full);
    DenseColumnarReference.accumulate(cd, xt, w, n, expected, rs);
    SufficientStats actual = new SufficientStats(type, k, d, 0);
    ColumnarEStep.accumulate(cd, xt, w, n, actual, new ColumnarEStep.Scratch(k, d, n));
    String where = type + " n=" + n + " d=" + d + " k=" + k + " after " + iterations + " iterations";
    assertEquals(expected.logLik, actual.logLik, 0.0, where);
    assertArrayEquals(expected.nk, actual.nk, where);
    assertArrayEquals(expected.s1, actual.s1, where);
    assertArrayEquals(expected.s2, actual.s2, where);
    int zeros = 0;
    for (int t = 0; t < k * n; t++) {
      zeros += rs.lp[t] == 0.0 ? 1 : 0;
    }
    return zeros > k * n / 2 ? 1 : 0;
  }
}
