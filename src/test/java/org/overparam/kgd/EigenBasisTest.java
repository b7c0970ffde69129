// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The exact eigenbasis: both eigen solvers, Nystroem, decoupling, the kernel-GD equivalence. */
class EigenBasisTest {
  private static final double TOL = 1e-9;
  private final double[][] x = KgdTestData.x(60, 3, 7);
  private final double[] y = KgdTestData.y(x, 0.1, 7);
  private final Kernel kernel = new Kernel(KernelType.RBF, 1.0 / 3, 2);

  @Test
  void nd4jAndCommonsMathAgree() throws InterruptedException {
    double[][] k = kernel.gram(x);
    SymmetricEigen.Decomposition a = SymmetricEigen.decompose(k, EigenSolver.ND4J, 0, 1e-10);
    SymmetricEigen.Decomposition b = SymmetricEigen.decompose(k, EigenSolver.COMMONS_MATH, 0, 1e-10);
    assertEquals(a.rank(), b.rank());
    assertArrayEquals(b.values(), a.values(), 1e-8 * a.values()[0]);
    for (int j = 1; j < a.rank(); j++) {
      assertEquals(true, a.values()[j] <= a.values()[j - 1], "descending");
    }
    // K u_j = mu_j u_j for the ND4J vectors (checks their orientation: columns, not rows).
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < k.length; i++) {
        double ku = 0;
        for (int m = 0; m < k.length; m++) {
          ku += k[i][m] * a.vectors()[m][j];
        }
        assertEquals(a.values()[j] * a.vectors()[i][j], ku, 1e-9);
      }
    }
    KgdConfig fixed = KgdTestData.fixed(20, 1, false);
    double[] p1 = fit(fixed.withFeatures(FeatureMode.EXACT_EIGEN, EigenSolver.ND4J)).predict(x);
    double[] p2 = fit(fixed.withFeatures(FeatureMode.EXACT_EIGEN, EigenSolver.COMMONS_MATH)).predict(x);
    assertArrayEquals(p2, p1, 1e-8);
  }

  @Test
  void nystroemReproducesTrainingFits() throws InterruptedException {
    EigenBasis basis = EigenBasis.build(kernel, x, EigenSolver.ND4J, 0, 1e-10);
    double mean = mean(y);
    double[] z = basis.coefficients(centred(y, mean));
    double[] theta = OverparamDynamics.run(z, basis.lambda(), 1, 0.3, false, Solver.GD, 0, new double[] {15},
        (k, t, th) -> {}).theta();
    double[] alpha = basis.weights(theta);
    double[][] e = basis.trainingEigenfunctions();
    double[][] eNystroem = basis.eigenfunctionsAt(x);
    FeatureMap map = basis.featureMap();
    for (int i = 0; i < x.length; i++) {
      double direct = mean + Kernel.dot(theta, e[i]);
      assertEquals(direct, mean + Kernel.dot(map.features(x[i]), alpha), TOL);
      // Dividing by mu_j amplifies rounding on the smallest components; compare the leading ones.
      for (int j = 0; j < 20; j++) {
        assertEquals(e[i][j], eNystroem[i][j], 1e-9);
      }
    }
  }

  @Test
  void lossDecouplesIntoSequenceModel() {
    KgdModel model = fit(KgdTestData.fixed(3, 1, false));
    double[] p = model.predict(x);
    double mse = 0;
    for (int i = 0; i < x.length; i++) {
      mse += (y[i] - p[i]) * (y[i] - p[i]);
    }
    assertEquals(mse / x.length, model.summary().trainMse(), 1e-10);
  }

  @Test
  void baselineEqualsKernelGradientDescent() {
    double t = 40;
    KgdModel model = fit(KgdTestData.fixed(t, 1, true).withFeatures(FeatureMode.EXACT_EIGEN, EigenSolver.ND4J));
    // (I - exp(-t K / n)) y_c + mean, through a separate Commons Math matrix exponential.
    int n = x.length;
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(kernel.gram(x)));
    RealMatrix v = eig.getV();
    double[] d = eig.getRealEigenvalues();
    double mean = mean(y);
    double[] yc = centred(y, mean);
    double[] expected = new double[n];
    for (int j = 0; j < n; j++) {
      double proj = 0;
      for (int i = 0; i < n; i++) {
        proj += v.getEntry(i, j) * yc[i];
      }
      double filter = -Math.expm1(-t * d[j] / n);
      for (int i = 0; i < n; i++) {
        expected[i] += filter * proj * v.getEntry(i, j);
      }
    }
    double[] p = model.predict(x);
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i] + mean, p[i], TOL);
    }
  }

  @Test
  void linearExplicitFeaturesEqualExactEigenbasis() {
    KgdConfig base = KgdTestData.fixed(8, 1, false).withStop(StopRule.FIXED, 8);
    KgdConfig linear = KgdConfig.builder().kernel(KernelType.LINEAR).b0(0.2).features(FeatureMode.EXACT_EIGEN)
        .stop(StopRule.FIXED).time(base.time()).build();
    double[] exact = fit(linear).predict(x);
    double[] features = fit(linear.withFeatures(FeatureMode.RANDOM_FOURIER, EigenSolver.ND4J)).predict(x);
    assertArrayEquals(exact, features, 1e-8);
  }

  @Test
  void randomFourierFeaturesApproximateTheKernel() {
    for (KernelType type : new KernelType[] {KernelType.RBF, KernelType.LAPLACE}) {
      Kernel k = new Kernel(type, 0.5, 2);
      RandomFourierMap map = RandomFourierMap.sample(k, 3, 20000, new java.util.SplittableRandom(3));
      for (int i = 0; i < 5; i++) {
        double approx = Kernel.dot(map.features(x[i]), map.features(x[i + 10]));
        assertEquals(k.value(x[i], x[i + 10]), approx, 0.03, type + " row " + i);
      }
    }
  }

  private KgdModel fit(KgdConfig config) {
    try {
      return new KgdTrainer(config, null).fit(x, y);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a;
    }
    return s / v.length;
  }

  private static double[] centred(double[] v, double mean) {
    double[] c = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      c[i] = v[i] - mean;
    }
    return c;
  }
}
