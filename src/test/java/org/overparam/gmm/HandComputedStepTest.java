// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One EM step on x = [-1, 0, 2], k = 2, mu = (-1, 1), var = (1, 1), w = (0.5, 0.5); the expected
 * values are hand-computed from the E- and M-step of Xu, Hsu &amp; Maleki (NeurIPS 2018, Section 2).
 */
class HandComputedStepTest {
  static final double TOL = 1e-9;
  static final MixtureData DATA = MixtureData.of(GmmTestData.column(-1, 0, 2));

  private static GaussianMixture fit(CovarianceType cov, MixingWeights mode, int iterations) throws Exception {
    GmmConfig c = GmmConfig.builder().numComponents(2).covariance(cov).mixingWeights(mode)
        .initialisation(Initialisation.USER).initMeans(new double[][] {{-1}, {1}})
        .initVariances(new double[][] {{1}, {1}}).regCovar(1e-6).maxIterations(iterations).tolerance(0).build();
    return new GaussianMixtureEm(c).fit(DATA);
  }

  private static double[] responsibilities(GaussianMixture g, double x) {
    double[] lp = g.logComponentDensities(new double[] {x}, new int[0]);
    double[] w = g.weights();
    double a = w[0] * Math.exp(lp[0]);
    double b = w[1] * Math.exp(lp[1]);
    return new double[] {a / (a + b), b / (a + b)};
  }

  @Test
  void initialResponsibilitiesAndLogLikelihood() throws Exception {
    GaussianMixture g0 = fit(CovarianceType.DIAG, MixingWeights.ESTIMATED, 0);
    assertArrayEquals(new double[] {0.880797078, 0.119202922}, responsibilities(g0, -1), TOL);
    assertArrayEquals(new double[] {0.5, 0.5}, responsibilities(g0, 0), TOL);
    assertArrayEquals(new double[] {0.017986210, 0.982013790}, responsibilities(g0, 2), TOL);
    assertEquals(-1.666010674, g0.summary().logLikelihood(), TOL);
  }

  @Test
  void diagonalStepWithEstimatedWeights() throws Exception {
    GaussianMixture g = fit(CovarianceType.DIAG, MixingWeights.ESTIMATED, 1);
    assertArrayEquals(new double[] {0.466261096, 0.533738904}, g.weights(), TOL);
    assertEquals(-0.603971084, g.mean(0)[0], TOL);
    assertEquals(1.152139273, g.mean(1)[0], TOL);
    assertEquals(0.316341821, g.variances(0)[0], TOL);
    assertEquals(1.200190286, g.variances(1)[0], TOL);
    assertEquals(-1.466678964, g.summary().logLikelihood(), TOL);
    assertEquals(1, g.summary().iterations());
  }

  @Test
  void identityStepKnownVersusEstimatedWeights() throws Exception {
    GaussianMixture m1 = fit(CovarianceType.IDENTITY, MixingWeights.FIXED, 1);
    GaussianMixture m2 = fit(CovarianceType.IDENTITY, MixingWeights.ESTIMATED, 1);
    assertEquals(-1.608925408, m1.summary().logLikelihood(), TOL);
    assertEquals(-1.613126516, m2.summary().logLikelihood(), TOL);
    assertArrayEquals(new double[] {0.5, 0.5}, m1.weights(), 0.0);
    assertEquals(-0.603971084, m1.mean(0)[0], TOL);
  }

  @Test
  void tanhFormMatchesGeneralEStep() throws Exception {
    // means +-1, weights (0.7, 0.3): r1 - r2 = tanh(x theta + nu), nu = 0.5 log(0.7 / 0.3)
    GmmConfig c = GmmConfig.builder().numComponents(2).covariance(CovarianceType.IDENTITY)
        .mixingWeights(MixingWeights.FIXED).weights(0.7, 0.3).initialisation(Initialisation.USER)
        .initMeans(new double[][] {{1}, {-1}}).maxIterations(0).build();
    GaussianMixture g = new GaussianMixtureEm(c).fit(DATA);
    double[] expected = {-0.5200082553, 0.6191644474, 0.9844231523};
    double[] xs = {-1, 0.3, 2};
    double nu = 0.5 * Math.log(0.7 / 0.3);
    for (int i = 0; i < xs.length; i++) {
      double[] r = responsibilities(g, xs[i]);
      assertEquals(expected[i], r[0] - r[1], 1e-10);
      assertEquals(Math.tanh(xs[i] + nu), r[0] - r[1], 1e-12);
    }
  }
}
