// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties every fit must have: monotone exact EM, fixed weights untouched, honest reports, determinism. */
class EmInvariantsTest {
  static final MixtureData BLOBS = MixtureData.of(GmmTestData.blobs(600, 3, 3, 7));

  private static GmmConfig.Builder base() {
    return GmmConfig.builder().numComponents(3).seed(11);
  }

  private static List<Double> trace(GmmConfig c, MixtureData data) throws Exception {
    List<Double> ll = new ArrayList<>();
    new GaussianMixtureEm(c, (it, m) -> ll.add(m.get("log-likelihood"))).fit(data);
    return ll;
  }

  private static void assertNonDecreasing(List<Double> ll) {
    for (int i = 1; i < ll.size(); i++) {
      assertTrue(ll.get(i) >= ll.get(i - 1) - 1e-12 * Math.abs(ll.get(i - 1)),
          "log-likelihood fell at iteration " + (i + 1) + ": " + ll.get(i - 1) + " -> " + ll.get(i));
    }
  }

  /** Exact EM (no reg-covar) never decreases the likelihood, for every covariance type. */
  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void logLikelihoodNeverDecreasesInOverparameterizedMode(CovarianceType type) throws Exception {
    GmmConfig c = base().covariance(type).regCovar(0).maxIterations(60).tolerance(0).build();
    List<Double> ll = trace(c, BLOBS);
    assertEquals(60, ll.size());
    assertNonDecreasing(ll);
  }

  @ParameterizedTest
  @EnumSource(value = CovarianceType.class, names = {"DIAG", "FULL", "SPHERICAL"})
  void marginalisedMissingValuesKeepEmMonotone(CovarianceType type) throws Exception {
    double[][] x = GmmTestData.blobs(300, 3, 3, 5);
    MixtureData.Builder b = MixtureData.builder(300, 3, new int[0]);
    for (int i = 0; i < 300; i++) {
      for (int a = 0; a < 3; a++) {
        if ((i * 7 + a * 3) % 10 == 0) {
          b.missingNumeric(i, a);
        } else {
          b.numeric(i, a, x[i][a]);
        }
      }
    }
    List<Double> ll = trace(base().covariance(type).regCovar(0).maxIterations(60).tolerance(0).build(), b.build());
    assertNonDecreasing(ll);
  }

  @Test
  void missingValuesAreMarginalisedInTheDiagonalDensity() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().maxIterations(5).build()).fit(BLOBS);
    double[] full = g.logComponentDensities(new double[] {1.0, Double.NaN, 2.0}, new int[0]);
    for (int j = 0; j < 3; j++) {
      double expected = 0;
      for (int a : new int[] {0, 2}) {
        double v = g.variances(j)[a];
        double t = (a == 0 ? 1.0 : 2.0) - g.mean(j)[a];
        expected += -0.5 * (Math.log(2 * Math.PI * v) + t * t / v);
      }
      assertEquals(expected, full[j], 1e-12);
    }
  }

  @Test
  void fixedWeightsStayBitForBit() throws Exception {
    double[] w = {0.5, 0.3, 0.2};
    GaussianMixture g = new GaussianMixtureEm(base().mixingWeights(MixingWeights.FIXED).weights(w).build()).fit(BLOBS);
    assertArrayEquals(w, g.weights(), 0.0);
  }

  @Test
  void estimatedWeightsSumToOne() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().build()).fit(BLOBS);
    double s = 0;
    for (double v : g.weights()) {
      s += v;
    }
    assertEquals(1.0, s, 1e-12);
  }

  @Test
  void reportedLogLikelihoodBelongsToTheReturnedParameters() throws Exception {
    for (int iters : new int[] {3, 200}) {
      GaussianMixture g = new GaussianMixtureEm(base().covariance(CovarianceType.FULL).maxIterations(iters).build())
          .fit(BLOBS);
      assertEquals(g.meanLogLikelihood(BLOBS), g.summary().logLikelihood(), 1e-12);
    }
  }

  @Test
  void convergedIsFalseWhenMaxIterationsIsHit() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().maxIterations(2).build()).fit(BLOBS);
    assertFalse(g.summary().converged());
    assertEquals(2, g.summary().iterations());
    GaussianMixture h = new GaussianMixtureEm(base().maxIterations(500).build()).fit(BLOBS);
    assertTrue(h.summary().converged());
  }

  @Test
  void restartsKeepTheBestRun() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().numInit(4).initialisation(Initialisation.RANDOM_DATA_POINTS)
        .build()).fit(BLOBS);
    double[] finals = g.summary().restartLogLikelihoods();
    assertEquals(4, finals.length);
    for (double v : finals) {
      assertTrue(v <= g.summary().logLikelihood());
    }
    assertEquals(finals[g.summary().winningRestart()], g.summary().logLikelihood(), 0.0);
  }

  @Test
  void bicChoosesTheTrueNumberOfClusters() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().numComponents(-1).maxComponents(5).numInit(2).build()).fit(BLOBS);
    assertEquals(3, g.numComponents());
    assertEquals(5, g.summary().bicSearch().size());
  }

  @Test
  void freeParametersAreCounted() throws Exception {
    // k = 3, d = 3: means 9; DIAG 9; FULL 18; TIED 6; SPHERICAL 3; IDENTITY 0; weights 2 when estimated
    assertEquals(20, freeParameters(CovarianceType.DIAG, MixingWeights.ESTIMATED));
    assertEquals(27, freeParameters(CovarianceType.FULL, MixingWeights.FIXED));
    assertEquals(14, freeParameters(CovarianceType.SPHERICAL, MixingWeights.ESTIMATED));
    assertEquals(9, freeParameters(CovarianceType.IDENTITY, MixingWeights.FIXED));
    assertEquals(17, freeParameters(CovarianceType.TIED, MixingWeights.ESTIMATED));
  }

  private static int freeParameters(CovarianceType t, MixingWeights w) throws Exception {
    return new GaussianMixtureEm(base().covariance(t).mixingWeights(w).maxIterations(1).build()).fit(BLOBS)
        .numFreeParameters();
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void oneAndFourThreadsGiveIdenticalModels(CovarianceType type) throws Exception {
    // more rows than one block, so the blocked reduction is exercised
    MixtureData data = MixtureData.of(GmmTestData.blobs(3 * BlockedPass.BLOCK_ROWS + 17, 4, 3, 3));
    GmmConfig c = base().covariance(type).maxIterations(15).numThreads(1).build();
    GaussianMixture one = new GaussianMixtureEm(c).fit(data);
    GaussianMixture four = new GaussianMixtureEm(c.withNumThreads(4)).fit(data);
    GaussianMixture again = new GaussianMixtureEm(c).fit(data);
    for (GaussianMixture other : new GaussianMixture[] {four, again}) {
      assertArrayEquals(one.weights(), other.weights(), 0.0);
      for (int j = 0; j < 3; j++) {
        assertArrayEquals(one.mean(j), other.mean(j), 0.0);
        assertArrayEquals(one.variances(j), other.variances(j), 0.0);
      }
      assertEquals(one.summary().logLikelihood(), other.summary().logLikelihood(), 0.0);
    }
  }

  @Test
  void weightTwoEqualsADuplicatedInstance() throws Exception {
    double[][] x = GmmTestData.blobs(40, 2, 2, 9);
    double[] w = new double[40];
    java.util.Arrays.fill(w, 1.0);
    w[5] = 2.0;
    w[17] = 2.0;
    double[][] dup = new double[42][];
    System.arraycopy(x, 0, dup, 0, 40);
    dup[40] = x[5];
    dup[41] = x[17];
    for (CovarianceType t : new CovarianceType[] {CovarianceType.DIAG, CovarianceType.FULL}) {
      GmmConfig c = base().numComponents(2).covariance(t).initialisation(Initialisation.USER)
          .initMeans(new double[][] {{0, 0}, {5, 1}}).maxIterations(30).tolerance(0).build();
      GaussianMixture weighted = new GaussianMixtureEm(c).fit(MixtureData.of(x, w));
      GaussianMixture duplicated = new GaussianMixtureEm(c).fit(MixtureData.of(dup));
      assertArrayEquals(duplicated.weights(), weighted.weights(), 1e-12);
      for (int j = 0; j < 2; j++) {
        assertArrayEquals(duplicated.mean(j), weighted.mean(j), 1e-10);
        assertArrayEquals(duplicated.variances(j), weighted.variances(j), 1e-10);
      }
      assertEquals(duplicated.summary().logLikelihood(), weighted.summary().logLikelihood(), 1e-12);
      assertEquals(duplicated.bic(), weighted.bic(), 1e-9);
    }
  }

  @Test
  void emptyComponentIsReportedAndStaysFinite() throws Exception {
    // a start far from all data leaves component 2 without mass
    GmmConfig c = base().numComponents(2).covariance(CovarianceType.DIAG).initialisation(Initialisation.USER)
        .initMeans(new double[][] {{0}, {1e4}}).initVariances(new double[][] {{1}, {1}}).maxIterations(10).build();
    GaussianMixture g = new GaussianMixtureEm(c).fit(MixtureData.of(GmmTestData.column(-1, 0, 1, 0.5, 2)));
    assertArrayEquals(new int[] {1}, g.summary().emptyComponents());
    assertTrue(Double.isFinite(g.summary().logLikelihood()));
    assertEquals(1e4, g.mean(1)[0], 0.0);
    assertTrue(g.weights()[1] > 0 && g.weights()[1] < 1e-12);
  }

  @Test
  void fullCovarianceMarginalisesMissingValues() throws Exception {
    GaussianMixture g = new GaussianMixtureEm(base().numComponents(2).covariance(CovarianceType.FULL).build())
        .fit(withMissing(GmmTestData.blobs(200, 2, 2, 8)));
    assertTrue(Double.isFinite(g.summary().logLikelihood()));
    double[] lp = g.logComponentDensities(new double[] {1.5, Double.NaN}, new int[0]);
    for (int j = 0; j < 2; j++) {
      double v = g.covariance(j)[0][0];
      double t = 1.5 - g.mean(j)[0];
      assertEquals(-0.5 * (Math.log(2 * Math.PI * v) + t * t / v), lp[j], 1e-12);
    }
    assertEquals(g.meanLogLikelihood(withMissing(GmmTestData.blobs(200, 2, 2, 8))), g.summary().logLikelihood(),
        1e-12);
  }

  /** Every ninth row misses its second attribute. */
  private static MixtureData withMissing(double[][] x) {
    MixtureData.Builder b = MixtureData.builder(x.length, x[0].length, new int[0]);
    for (int i = 0; i < x.length; i++) {
      for (int a = 0; a < x[0].length; a++) {
        if (a == 1 && i % 9 == 0) {
          b.missingNumeric(i, a);
        } else {
          b.numeric(i, a, x[i][a]);
        }
      }
    }
    return b.build();
  }

  @Test
  void interruptStopsTheFit() {
    Thread.currentThread().interrupt();
    try {
      org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
          () -> new GaussianMixtureEm(base().build()).fit(BLOBS));
    } finally {
      Thread.interrupted();
    }
  }
}
