// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The columnar fast paths ({@link ColumnarEStep} for FULL and TIED, {@link DiagonalEStep} for the
 * diagonal family) compute the same statistics as the plain row-wise E-step.
 */
class ColumnarEStepTest {
  static final double REL_TOL = 1e-12;

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void columnarAndRowwiseStatisticsAgree(CovarianceType type) throws Exception {
    int n = 1000;
    int d = 4;
    int k = 3;
    MixtureData data = MixtureData.of(GmmTestData.blobs(n, d, k, 4));
    GaussianMixture g = new GaussianMixtureEm(GmmConfig.builder().numComponents(k).covariance(type).maxIterations(3)
        .build()).fit(data);
    ComponentDensities cd = new ComponentDensities(g.params());
    SufficientStats rows = new SufficientStats(type, k, d, 0);
    rows.accumulate(cd, data, 0, n);
    SufficientStats cols = new SufficientStats(type, k, d, 0);
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    if (type.isDiagonal()) {
      double[][] cw = DiagonalEStep.weights(data, 0, n);
      DiagonalEStep.accumulate(cd, DiagonalEStep.chunks(data, 0, n), cw, DiagonalEStep.equalWeights(cw, k), cols,
          new DiagonalEStep.Scratch(k, n));
    } else {
      ColumnarEStep.accumulate(cd, ColumnarEStep.transpose(data, 0, n), w, n, cols,
          new ColumnarEStep.Scratch(k, d, n));
    }
    assertClose(rows.logLik, cols.logLik);
    for (int j = 0; j < k; j++) {
      assertClose(rows.nk[j], cols.nk[j]);
    }
    for (int i = 0; i < rows.s1.length; i++) {
      assertEquals(rows.s1[i], cols.s1[i], 1e-9 * rows.nk[i / d]);
    }
    for (int i = 0; i < rows.s2.length; i++) {
      assertClose(rows.s2[i], cols.s2[i]);
    }
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, REL_TOL * Math.max(1, Math.abs(expected)));
  }

  @Test
  void fastExpMatchesMathExp() {
    Random r = new Random(1);
    for (int i = 0; i < 200_000; i++) {
      double x = -r.nextDouble() * 40;
      double e = Math.exp(x);
      double f = FastExp.expNonPositive(x);
      if (x < FastExp.CUTOFF) {
        assertEquals(0.0, f, 0.0);
      } else {
        assertEquals(e, f, 4 * Math.ulp(e), "x = " + x);
      }
    }
    assertEquals(1.0, FastExp.expNonPositive(0.0), 0.0);
    assertEquals(0.0, FastExp.expNonPositive(Double.NEGATIVE_INFINITY), 0.0);
  }
}
