// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** MMD values and gradients against TF Model Remediation's {@code mmd_loss_test.py} vectors. */
class MmdPenaltyTest {
  /** Tolerance for the library vectors (the library computes in float32). */
  private static final double LIBRARY_TOL = 1e-5;

  private static final boolean[] MEMBERSHIP = {true, false, true, false, true};
  private static final double[] PRED_A = {0.3, 0.1, 0.86, 0.06, 0.75};
  private static final double[] PRED_B = {0.12, 0.7, 0.2, 0.86, 0.32};
  private static final double[] WEIGHTS = {1, 2, 2.5, 1.2, 0.9};

  @ParameterizedTest(name = "{0} predictions {1} weighted={2}")
  @CsvSource({
      "GAUSSIAN, A, false, 1.083264",
      "GAUSSIAN, B, false, 1.464054",
      "GAUSSIAN, A, true, 1.293555",
      "GAUSSIAN, B, true, 1.481506",
      "LAPLACIAN, A, false, 0.970659",
      "LAPLACIAN, B, false, 1.119343",
      "LAPLACIAN, A, true, 1.122741",
      "LAPLACIAN, B, true, 1.159840"})
  void libraryLossVectors(Kernel kernel, String predictions, boolean weighted, double expected) {
    double[] z = predictions.equals("A") ? PRED_A : PRED_B;
    MmdPenalty mmd = new MmdPenalty(kernel, 0.1);
    double value = mmd.onLogits(z, MEMBERSHIP, weighted ? WEIGHTS : null).value();
    assertEquals(expected, value, LIBRARY_TOL);
  }

  @ParameterizedTest
  @CsvSource({
      "GAUSSIAN, -0.85786223, -1.8886726, 1.1220325, 0.5379708, -0.02113436",
      "LAPLACIAN, -0.40014654, -0.7467264, 0.39164954, 0.10974818, 0.08942482"})
  void libraryGradientVectors(Kernel kernel, double g0, double g1, double g2, double g3, double g4) {
    double[] v = {0.1, 0.3, 0.5, 0.7, 0.9};
    double[] z = new double[5];
    for (int i = 0; i < 5; i++) {
      z[i] = 3 * v[i];
    }
    double[] dz = new MmdPenalty(kernel, 0.1).onLogits(z, MEMBERSHIP, WEIGHTS).gradient();
    double[] dv = new double[5];
    for (int i = 0; i < 5; i++) {
      dv[i] = 3 * dz[i]; // chain rule through z = 3 v
    }
    assertArrayEquals(new double[] {g0, g1, g2, g3, g4}, dv, LIBRARY_TOL);
  }

  @ParameterizedTest
  @CsvSource({"GAUSSIAN", "LAPLACIAN"})
  void gradientMatchesFiniteDifferences(Kernel kernel) {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 12;
    double[] z = new double[n];
    double[] w = new double[n];
    boolean[] s = new boolean[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextDouble(-2, 2);
      w[i] = rng.nextDouble(0.2, 2);
      s[i] = i % 3 == 0;
    }
    MmdPenalty mmd = new MmdPenalty(kernel, 0.5);
    double[] g = mmd.onLogits(z, s, w).gradient();
    double h = 1e-6;
    for (int i = 0; i < n; i++) {
      double[] zp = z.clone();
      double[] zm = z.clone();
      zp[i] += h;
      zm[i] -= h;
      double fd = (mmd.onLogits(zp, s, w).value() - mmd.onLogits(zm, s, w).value()) / (2 * h);
      assertEquals(fd, g[i], 1e-7, "row " + i);
    }
  }

  @Test
  void nonNegativeAndScaleInvariant() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 50; t++) {
      int n = 2 + rng.nextInt(10);
      double[] p = new double[n];
      double[] w = new double[n];
      double[] w3 = new double[n];
      boolean[] s = new boolean[n];
      for (int i = 0; i < n; i++) {
        p[i] = rng.nextDouble();
        w[i] = rng.nextDouble(0.1, 3);
        w3[i] = 3 * w[i];
        s[i] = rng.nextBoolean();
      }
      for (Kernel k : Kernel.values()) {
        MmdPenalty mmd = new MmdPenalty(k, 0.1);
        double v = mmd.onPredictions(p, s, w).value();
        assertTrue(v >= -1e-12, "MMD must be >= 0, got " + v);
        assertEquals(v, mmd.onPredictions(p, s, w3).value(), 1e-12);
      }
    }
  }

  @Test
  void identicalGroupsGiveZero() {
    double[] p = {0.2, 0.2, 0.7, 0.7, 0.9, 0.9};
    boolean[] s = {true, false, true, false, true, false};
    double[] w = {1, 1, 2, 2, 0.5, 0.5};
    assertEquals(0, new MmdPenalty(Kernel.GAUSSIAN, 0.1).onPredictions(p, s, w).value(), 1e-12);
  }

  @Test
  void zeroWeightsGiveZeroLossAndGradient() {
    MmdPenalty.Result r = new MmdPenalty(Kernel.GAUSSIAN, 0.1)
        .onPredictions(new double[] {0.1, 0.5, 0.9}, new boolean[] {true, false, true}, new double[3]);
    assertEquals(0, r.value());
    assertArrayEquals(new double[3], r.gradient());
  }

  @Test
  void negativeWeightsAndBadLengthThrow() {
    MmdPenalty mmd = new MmdPenalty(Kernel.GAUSSIAN, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        mmd.onPredictions(new double[] {0.1, 0.5}, new boolean[] {true, false}, new double[] {1, -1}));
    assertTrue(e.getMessage().contains("weights"));
    e = assertThrows(IllegalArgumentException.class, () -> new MmdPenalty(Kernel.GAUSSIAN, 0));
    assertTrue(e.getMessage().contains("kernel-length"));
  }
}
