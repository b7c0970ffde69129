// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import weka.overparam.TestData;

/**
 * Against scikit-learn's GaussianMixture from the same explicit start (values written by
 * test-data/scripts/gmm_sklearn_reference.py), diag, full and tied: one EM step at 1e-8, a 100-iteration fit at 1e-6
 * relative on the log-likelihood, BIC and AIC.
 */
class SklearnReferenceTest {
  static final double STEP_TOL = 1e-8;
  static final double FIT_REL_TOL = 1e-6;

  enum Case {
    DIAG(CovarianceType.DIAG, "diag"), FULL(CovarianceType.FULL, "full"), TIED(CovarianceType.TIED, "tied");

    final CovarianceType type;
    final String key;

    Case(CovarianceType type, String key) {
      this.type = type;
      this.key = key;
    }
  }

  static Map<String, double[]> reference() throws IOException {
    Path p = Path.of(TestData.path("reference/gmm-sklearn-reference.csv"));
    Map<String, double[]> m = new HashMap<>();
    for (String line : Files.readAllLines(p)) {
      String[] f = line.split(",");
      if (f[0].endsWith("_version")) {
        continue;
      }
      double[] v = new double[f.length - 1];
      for (int i = 1; i < f.length; i++) {
        v[i - 1] = Double.parseDouble(f[i]);
      }
      m.put(f[0], v);
    }
    return m;
  }

  static double[][] rows(double[] flat, int d) {
    double[][] r = new double[flat.length / d][d];
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(flat, i * d, r[i], 0, d);
    }
    return r;
  }

  private static GaussianMixture fit(Map<String, double[]> ref, CovarianceType type, int iterations)
      throws Exception {
    double[][] var0 = rows(ref.get("var0"), 2);
    if (type == CovarianceType.TIED) {
      var0 = new double[][] {var0[0], var0[0], var0[0]}; // the script starts tied from the first row
    }
    GmmConfig c = GmmConfig.builder().numComponents(3).covariance(type).weights(ref.get("weights0"))
        .initialisation(Initialisation.USER).initMeans(rows(ref.get("means0"), 2)).initVariances(var0)
        .regCovar(1e-6).maxIterations(iterations).tolerance(0).build();
    return new GaussianMixtureEm(c).fit(MixtureData.of(rows(ref.get("X"), 2)));
  }

  private static double[] flatCovariances(GaussianMixture g) {
    int k = g.numComponents();
    int d = g.numNumeric();
    boolean full = g.covarianceType() == CovarianceType.FULL;
    if (g.covarianceType() == CovarianceType.TIED) {
      k = 1; // one shared matrix
      full = true;
    }
    double[] out = new double[full ? k * d * d : k * d];
    for (int j = 0; j < k; j++) {
      if (full) {
        double[][] c = g.covariance(j);
        for (int a = 0; a < d; a++) {
          System.arraycopy(c[a], 0, out, j * d * d + a * d, d);
        }
      } else {
        System.arraycopy(g.variances(j), 0, out, j * d, d);
      }
    }
    return out;
  }

  private static double[] flatMeans(GaussianMixture g) {
    double[] out = new double[g.numComponents() * g.numNumeric()];
    for (int j = 0; j < g.numComponents(); j++) {
      System.arraycopy(g.mean(j), 0, out, j * g.numNumeric(), g.numNumeric());
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void oneStepMatchesScikitLearn(Case c) throws Exception {
    Map<String, double[]> ref = reference();
    GaussianMixture g = fit(ref, c.type, 1);
    assertArrayEquals(ref.get(c.key + "_step_weights"), g.weights(), STEP_TOL);
    assertArrayEquals(ref.get(c.key + "_step_means"), flatMeans(g), STEP_TOL);
    assertArrayEquals(ref.get(c.key + "_step_covariances"), flatCovariances(g), STEP_TOL);
    assertEquals(ref.get(c.key + "_step_score")[0], g.summary().logLikelihood(), STEP_TOL);
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void fullFitMatchesScikitLearn(Case c) throws Exception {
    Map<String, double[]> ref = reference();
    GaussianMixture g = fit(ref, c.type, 100);
    double score = ref.get(c.key + "_fit_score")[0];
    assertEquals(score, g.summary().logLikelihood(), FIT_REL_TOL * Math.abs(score));
    assertEquals(ref.get(c.key + "_fit_bic")[0], g.bic(), FIT_REL_TOL * Math.abs(g.bic()));
    assertEquals(ref.get(c.key + "_fit_aic")[0], g.aic(), FIT_REL_TOL * Math.abs(g.aic()));
    assertArrayEquals(ref.get(c.key + "_fit_means"), flatMeans(g), 1e-5);
  }
}
