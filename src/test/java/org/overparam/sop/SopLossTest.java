// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SopLossTest {
  /** The test vector's expected values are given to 6 significant digits. */
  private static final double VECTOR_REL_TOL = 1e-5;
  private static final double FD_H = 1e-6;
  private static final double FD_REL_TOL = 1e-6;
  /**
   * Round-off floor of a central difference of an O(1) loss at h = 1e-6 (about 1e-16 / 1e-6);
   * an absolute error below it passes even when the relative error of a tiny gradient does not.
   */
  private static final double FD_ABS_FLOOR = 1e-9;

  private static final double[][] Z = {{2.0, 0.5, -1.0}, {0.1, 0.3, 0.2}};
  private static final int[] K = {0, 2};
  private static final double[] U = {0.5, 0.3};
  private static final double[][] V = {{0.1, 0.6, 0.2}, {0.7, 0.2, 0.4}};
  private static final double[] UNIFORM3 = {1 / 3.0, 1 / 3.0, 1 / 3.0};

  private static void assertRel(double expected, double actual, double tol, String what) {
    double scale = Math.max(Math.abs(expected), 1e-12);
    assertTrue(Math.abs(expected - actual) / scale <= tol,
        what + ": expected " + expected + " got " + actual);
  }

  private static void assertRel(double[][] expected, double[][] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        if (expected[i][j] == 0) {
          assertEquals(0.0, actual[i][j], 0.0, what + "[" + i + "][" + j + "]");
        } else {
          assertRel(expected[i][j], actual[i][j], VECTOR_REL_TOL, what + "[" + i + "][" + j + "]");
        }
      }
    }
  }

  @Test
  void specTestVectorPaper() {
    SopLoss.Result r = new SopLoss(SopVariant.PAPER, 0, UNIFORM3, 0).evaluate(Z, null, K, U, V);
    assertRel(0.287024138, r.ce(), VECTOR_REL_TOL, "L_CE");
    assertRel(1.09175, r.mse(), VECTOR_REL_TOL, "L_MSE");
    assertArrayEquals(new int[] {0, 1}, r.prediction());
    assertRel(new double[][] {{-1.57024e-5, 1.28379e-5, 2.86451e-6}, {-0.0219913, 0.218083, -0.196092}},
        r.dLogits(), "dL/dz");
    assertRel(new double[][] {{-9.32255e-5, -0.310250}}, new double[][] {r.du()}, "dL/du");
    assertRel(new double[][] {{0, 0.432, 0.016}, {0.686, -0.384, 0}}, r.dv(), "dL/dv");
  }

  @Test
  void specTestVectorRepoHead() {
    SopLoss.Result r = new SopLoss(SopVariant.REPO_HEAD, 0, UNIFORM3, 0).evaluate(Z, null, K, U, V);
    assertRel(new double[][] {{0.249907, -0.856250}}, new double[][] {r.du()}, "dL/du");
    assertRel(new double[][] {{0, 0.432, 0.016}, {0.686, -0.384, 0}}, r.dv(), "dL/dv");
    assertRel(1.09175, r.mse(), VECTOR_REL_TOL, "L_MSE");
  }

  /** A random point (B = 4, C = 3, u, v in (−1, 1)) checked to lie away from every clamp kink. */
  private record Point(double[][] z, double[][] z2, int[] k, double[] u, double[][] v) {}

  private static Point randomPoint(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int attempt = 0; attempt < 1000; attempt++) {
      int b = 4;
      int c = 3;
      double[][] z = new double[b][c];
      double[][] z2 = new double[b][c];
      int[] k = new int[b];
      double[] u = new double[b];
      double[][] v = new double[b][c];
      for (int i = 0; i < b; i++) {
        k[i] = rng.nextInt(c);
        u[i] = rng.nextDouble(-1, 1);
        for (int j = 0; j < c; j++) {
          z[i][j] = rng.nextGaussian();
          z2[i][j] = z[i][j] + 0.3 * rng.nextGaussian();
          v[i][j] = rng.nextDouble(-1, 1);
        }
      }
      Point p = new Point(z, z2, k, u, v);
      if (awayFromKinks(p)) {
        return p;
      }
    }
    throw new AssertionError("no kink-free point found");
  }

  /** Every clamp / max argument at least 1e-3 away from its threshold, and no argmax ties. */
  private static boolean awayFromKinks(Point p) {
    double margin = 1e-3;
    double eps = SopConfig.EPS;
    for (int i = 0; i < p.k.length; i++) {
      if (Math.abs(p.u[i] * p.u[i] - 1) < margin) {
        return false;
      }
      double[] prob = SoftmaxCrossEntropy.softmax(p.z[i]);
      double s = 0;
      double[] qt = new double[prob.length];
      for (int j = 0; j < prob.length; j++) {
        if (j != p.k[i] && Math.abs(p.v[i][j] * p.v[i][j] - 1) < margin) {
          return false;
        }
        double value = prob[j] + (j == p.k[i] ? SopLoss.labelTerm(p.u[i]) : -SopLoss.otherTerm(p.v[i][j]));
        if (Math.abs(value - eps) < margin) {
          return false;
        }
        qt[j] = Math.max(value, eps);
        s += qt[j];
      }
      for (double q : qt) {
        if (Math.abs(q / s - eps) < margin || Math.abs(q / s - 1) < margin) {
          return false;
        }
      }
      double[] sorted = p.z[i].clone();
      java.util.Arrays.sort(sorted);
      if (sorted[sorted.length - 1] - sorted[sorted.length - 2] < margin) {
        return false;
      }
    }
    return true;
  }

  private static double central(ToDoubleFunction<Double> f, double x) {
    return (f.applyAsDouble(x + FD_H) - f.applyAsDouble(x - FD_H)) / (2 * FD_H);
  }

  private static void assertGradient(double analytic, double numeric, String what) {
    double error = Math.abs(analytic - numeric);
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
    assertTrue(error < FD_ABS_FLOOR || error / scale < FD_REL_TOL,
        what + ": analytic " + analytic + " vs central difference " + numeric);
  }

  /**
   * Checks every hand gradient against central differences of exactly the loss terms that, by
   * the stop-gradients of Liu et al. (ICML 2022, Algorithm 1), feed it: z⁽¹⁾ ← CE + λ_B·B (MSE is flat in z, L_C sees sg(p⁽¹⁾));
   * z⁽²⁾ ← λ_C·L_C; u ← CE + λ_B·B (+ MSE under REPO_HEAD); v ← MSE.
   */
  @ParameterizedTest
  @CsvSource({"PAPER,0,0,false", "PAPER,0.1,0,false", "PAPER,0,0.9,false", "PAPER,0.1,0.9,false",
      "REPO_HEAD,0,0,false", "REPO_HEAD,0.1,0,false", "REPO_HEAD,0,0.9,false", "REPO_HEAD,0.1,0.9,false",
      "PAPER,0.1,0.9,true", "REPO_HEAD,0.1,0.9,true"})
  void handGradientsMatchCentralDifferences(SopVariant variant, double lambdaB, double lambdaC, boolean weighted) {
    double[] w = weighted ? new double[] {0.5, 1.5, 1.0, 2.0} : null;
    for (long seed = 1; seed <= 3; seed++) {
      Point p = randomPoint(seed);
      double[] prior = {0.5, 0.3, 0.2};
      SopLoss loss = new SopLoss(variant, lambdaB, prior, lambdaC);
      double[][] z2 = lambdaC > 0 ? p.z2 : null;
      SopLoss.Result r = loss.evaluate(p.z, z2, p.k, p.u, p.v, w);
      ToDoubleFunction<SopLoss.Result> thetaTerms = x -> x.ce() + lambdaB * x.balance() + x.mse();
      ToDoubleFunction<SopLoss.Result> uTerms = variant == SopVariant.PAPER
          ? x -> x.ce() + lambdaB * x.balance()
          : x -> x.ce() + lambdaB * x.balance() + x.mse();
      for (int i = 0; i < p.k.length; i++) {
        for (int j = 0; j < 3; j++) {
          final int ii = i;
          final int jj = j;
          double numeric = central(h -> thetaTerms.applyAsDouble(
              loss.evaluate(shift(p.z, ii, jj, h), z2, p.k, p.u, p.v, w)), 0);
          assertGradient(r.dLogits()[i][j], numeric, variant + " dz[" + i + "][" + j + "]");
          double numericV = central(h -> loss.evaluate(p.z, z2, p.k, p.u, shift(p.v, ii, jj, h), w).mse(), 0);
          assertGradient(r.dv()[i][j], numericV, variant + " dv[" + i + "][" + j + "]");
          if (z2 != null) {
            double numeric2 = central(h -> lambdaC * loss.evaluate(p.z, shift(z2, ii, jj, h), p.k, p.u, p.v, w)
                .consistency(), 0);
            assertGradient(r.dLogitsView2()[i][j], numeric2, variant + " dz2[" + i + "][" + j + "]");
          }
        }
        final int ii = i;
        double numericU = central(h -> uTerms.applyAsDouble(loss.evaluate(p.z, z2, p.k, shift(p.u, ii, h), p.v, w)), 0);
        assertGradient(r.du()[i], numericU, variant + " du[" + i + "]");
      }
    }
  }

  @Test
  void weightTwoCountsLikeADuplicatedRow() {
    double[][] z = {Z[0], Z[1], Z[1]};
    SopLoss loss = new SopLoss(SopVariant.REPO_HEAD, 0.1, UNIFORM3, 0);
    SopLoss.Result dup = loss.evaluate(z, null, new int[] {0, 2, 2}, new double[] {U[0], U[1], U[1]},
        new double[][] {V[0], V[1], V[1]});
    // B = 2 with ω = (2/3, 4/3) gives row 1 the share 2/3 it has in the duplicated batch of 3
    SopLoss.Result weighted = loss.evaluate(Z, null, K, U, V, new double[] {2 / 3.0, 4 / 3.0});
    assertEquals(dup.total(), weighted.total(), 1e-12);
    assertEquals(dup.du()[0], weighted.du()[0], 1e-12);
    assertEquals(dup.du()[1] + dup.du()[2], weighted.du()[1], 1e-12);
    assertEquals(dup.dLogits()[1][1] + dup.dLogits()[2][1], weighted.dLogits()[1][1], 1e-12);
  }

  @Test
  void gradientCheckCoversNonTrivialValues() {
    // Guards the FD test against a point where everything is below the absolute floor.
    Point p = randomPoint(1);
    SopLoss.Result r = new SopLoss(SopVariant.PAPER, 0.1, UNIFORM3, 0.9).evaluate(p.z, p.z2, p.k, p.u, p.v);
    assertTrue(maxAbs(r.dLogits()) > 1e-3 && maxAbs(r.dv()) > 1e-3 && maxAbs(new double[][] {r.du()}) > 1e-3);
  }

  @Test
  void labelEntryOfVGetsNoGradientAndPaperMseLeavesU() {
    for (SopVariant variant : SopVariant.values()) {
      Point p = randomPoint(7);
      SopLoss.Result r = new SopLoss(variant, 0.1, UNIFORM3, 0.9).evaluate(p.z, p.z2, p.k, p.u, p.v);
      for (int i = 0; i < p.k.length; i++) {
        assertEquals(0.0, r.dv()[i][p.k[i]], 0.0, "v at the label must not move");
        if (variant == SopVariant.PAPER) {
          assertEquals(0.0, r.duMse()[i], 0.0, "PAPER: MSE must not train u");
        }
      }
    }
  }

  @Test
  void uAndVTermsAreClampedToUnitInterval() {
    assertEquals(1.0, SopLoss.labelTerm(-3), 0);
    assertEquals(0.25, SopLoss.labelTerm(-0.5), 1e-15);
    assertEquals(1.0, SopLoss.otherTerm(2), 0);
    assertEquals(0.0, SopLoss.otherTerm(0), 0);
  }

  @Test
  void consistencyGradientIsLambdaOverBTimesProbabilityDifference() {
    double[][] z1 = {{1, 0, 0}};
    double[][] z2 = {{0, 0, 0}};
    SopLoss.Result r = new SopLoss(SopVariant.PAPER, 0, UNIFORM3, 0.5)
        .evaluate(z1, z2, new int[] {0}, new double[] {0}, new double[][] {{0, 0, 0}});
    double[] p1 = SoftmaxCrossEntropy.softmax(z1[0]);
    for (int j = 0; j < 3; j++) {
      assertEquals(0.5 * (1 / 3.0 - p1[j]), r.dLogitsView2()[0][j], 1e-15);
    }
  }

  private static double maxAbs(double[][] a) {
    double m = 0;
    for (double[] row : a) {
      for (double x : row) {
        m = Math.max(m, Math.abs(x));
      }
    }
    return m;
  }

  private static double[][] shift(double[][] a, int i, int j, double h) {
    double[][] copy = new double[a.length][];
    for (int r = 0; r < a.length; r++) {
      copy[r] = a[r].clone();
    }
    copy[i][j] += h;
    return copy;
  }

  private static double[] shift(double[] a, int i, double h) {
    double[] copy = a.clone();
    copy[i] += h;
    return copy;
  }
}
