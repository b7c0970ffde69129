// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad data and bad settings fail with an exception that names the problem. */
class BadInputTest {
  private static void assertMessage(Class<? extends Throwable> type, String fragment, Executable e) {
    Throwable t = assertThrows(type, e);
    assertTrue(t.getMessage().contains(fragment), "message '" + t.getMessage() + "' should mention '" + fragment + "'");
  }

  private static GaussianMixture fit(GmmConfig c, MixtureData d) throws Exception {
    return new GaussianMixtureEm(c).fit(d);
  }

  @Test
  void noNumericAttribute() {
    MixtureData nominalOnly = MixtureData.builder(5, 0, new int[] {2}).build();
    assertMessage(IllegalArgumentException.class, "numeric attribute",
        () -> fit(GmmConfig.builder().build(), nominalOnly));
  }

  @Test
  void fewerInstancesThanClusters() {
    assertMessage(IllegalArgumentException.class, "-N 3",
        () -> fit(GmmConfig.builder().numComponents(3).build(), MixtureData.of(GmmTestData.column(1, 2))));
  }

  @Test
  void emptyInput() {
    assertMessage(IllegalArgumentException.class, "no training instances",
        () -> fit(GmmConfig.builder().build(), MixtureData.builder(0, 1, new int[0]).build()));
    assertMessage(IllegalArgumentException.class, "total instance weight",
        () -> fit(GmmConfig.builder().build(), MixtureData.of(new double[][] {{1}, {2}}, new double[] {0, 0})));
  }

  @Test
  void weightsThatDoNotSumToOne() {
    assertMessage(IllegalArgumentException.class, "sum to 1",
        () -> GmmConfig.builder().numComponents(3).weights(0.5, 0.3, 0.3).build());
  }

  @Test
  void wrongNumberOfWeights() {
    assertMessage(IllegalArgumentException.class, "one value per cluster",
        () -> GmmConfig.builder().numComponents(3).weights(0.5, 0.5).build());
  }

  @Test
  void nonPositiveWeight() {
    assertMessage(IllegalArgumentException.class, "> 0",
        () -> GmmConfig.builder().numComponents(2).weights(1.0, 0.0).build());
  }

  @Test
  void nanAndInfinityInTheData() {
    assertMessage(IllegalArgumentException.class, "NaN",
        () -> MixtureData.of(new double[][] {{1.0}, {Double.NaN}}));
    assertMessage(IllegalArgumentException.class, "Infinity",
        () -> MixtureData.of(new double[][] {{1.0}, {Double.POSITIVE_INFINITY}}));
    assertMessage(IllegalArgumentException.class, "instance weight",
        () -> MixtureData.of(new double[][] {{1.0}, {2.0}}, new double[] {1.0, Double.NaN}));
  }

  @Test
  void infinityAtPredictionTime() throws Exception {
    GaussianMixture g = fit(GmmConfig.builder().build(), MixtureData.of(GmmTestData.column(1, 2, 3, 4)));
    assertMessage(IllegalArgumentException.class, "infinite",
        () -> g.logComponentDensities(new double[] {Double.NEGATIVE_INFINITY}, new int[0]));
  }

  @Test
  void singularFullCovarianceWithoutRegularisation() {
    // the second attribute is a copy of the first: the covariance is singular once reg-covar is 0
    double[][] x = new double[20][];
    for (int i = 0; i < 20; i++) {
      x[i] = new double[] {i % 7, i % 7};
    }
    GmmConfig c = GmmConfig.builder().covariance(CovarianceType.FULL).regCovar(0).build();
    assertMessage(IllegalStateException.class, "-reg-covar", () -> fit(c, MixtureData.of(x)));
  }

  @Test
  void invalidOptionsNameTheOption() {
    assertMessage(IllegalArgumentException.class, "-reg-covar", () -> GmmConfig.builder().regCovar(-1).build());
    assertMessage(IllegalArgumentException.class, "-tolerance",
        () -> GmmConfig.builder().tolerance(Double.NaN).build());
    assertMessage(IllegalArgumentException.class, "-N", () -> GmmConfig.builder().numComponents(0).build());
    assertMessage(IllegalArgumentException.class, "-init-means",
        () -> GmmConfig.builder().initialisation(Initialisation.USER).build());
    assertMessage(IllegalArgumentException.class, "-weights",
        () -> OptionLists.parseVector("-weights", "0.5,abc"));
  }
}
