// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The sequence-model dynamics against closed forms and invariants of Li &amp; Lin (NeurIPS 2024, Section 3 and
 * Proposition 3.4; Appendix D for the dynamics).
 */
class OverparamDynamicsTest {
  private static final double SPEC_VALUE_TOL = 5e-7;

  @Test
  void exactD0MatchesSpecReferenceValues() {
    assertEquals(0.4283917, OverparamDynamics.exactThetaD0(1.0, 1.0, 0.5), SPEC_VALUE_TOL);
    assertEquals(0.2321268, OverparamDynamics.exactThetaD0(0.3, 0.01, 10), SPEC_VALUE_TOL);
    assertEquals(-0.1990242, OverparamDynamics.exactThetaD0(-0.2, 0.001, 30), SPEC_VALUE_TOL);
    assertEquals(1.9998394, OverparamDynamics.exactThetaD0(2.0, 0.5, 3), SPEC_VALUE_TOL);
    assertEquals(0, OverparamDynamics.exactThetaD0(0.7, 0.2, 0), 0);
    assertEquals(0.7, OverparamDynamics.exactThetaD0(0.7, 0.2, 1e4), 1e-12);
    assertEquals(-0.7, OverparamDynamics.exactThetaD0(-0.7, 1e-300, 1e4), 1e-12);
  }

  @Test
  void exactD0MatchesFineStepDescent() throws InterruptedException {
    double[][] cases = {{1.0, 1.0, 0.5}, {0.3, 0.01, 10}, {-0.2, 0.001, 30}, {2.0, 0.5, 3}};
    for (double[] c : cases) {
      double[] z = {c[0]};
      double[] lambda = {c[1]};
      double gd = OverparamDynamics.run(z, lambda, 0, 1, false, Solver.GD, 1e-5, new double[] {c[2]},
          (k, t, theta) -> {}).theta()[0];
      double exact = OverparamDynamics.exactThetaD0(c[0], c[1], c[2]);
      assertEquals(exact, gd, 1e-3 * Math.abs(exact), "case " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void d0StepScalesConservationExactly() {
    // One simultaneous step multiplies a^2 - beta^2 by (1 - eta^2 r^2).
    double[] z = {0.8, -0.5, 0.1};
    double[] a = {0.9, 0.3, 0.05};
    double[] b = {1, 1, 1};
    double[] beta = {0.2, -0.4, 0.01};
    double eta = 0.05;
    double[] expected = new double[3];
    for (int j = 0; j < 3; j++) {
      double r = z[j] - a[j] * beta[j];
      expected[j] = (a[j] * a[j] - beta[j] * beta[j]) * (1 - eta * eta * r * r);
    }
    OverparamDynamics.step(z, a, b, beta, 0, eta);
    for (int j = 0; j < 3; j++) {
      assertEquals(expected[j], a[j] * a[j] - beta[j] * beta[j], 1e-12);
    }
  }

  @Test
  void depthInvariantsHoldAndEigenTermGrows() {
    int depth = 2;
    double b0 = 0.3;
    double[] z = {1.0, -0.6, 0.05, 0.0};
    double[] lambda = {0.5, 0.01, 0.2, 1e-4};
    double[] a = new double[4];
    double[] b = new double[4];
    double[] beta = new double[4];
    for (int j = 0; j < 4; j++) {
      a[j] = Math.sqrt(lambda[j]);
      b[j] = b0;
    }
    double eta = 1e-3;
    double[] previous = new double[4];
    for (int step = 0; step < 20000; step++) {
      OverparamDynamics.step(z, a, b, beta, depth, eta);
      for (int j = 0; j < 4; j++) {
        double factor = a[j] * Math.pow(b[j], depth);
        assertTrue(factor >= previous[j] - 1e-15, "a b^D decreased at step " + step);
        previous[j] = factor;
      }
    }
    for (int j = 0; j < 4; j++) {
      // b^2 - D beta^2 = b0^2 and a^2 - beta^2 = lambda, up to the O(eta) drift of discrete steps.
      assertEquals(b0 * b0, b[j] * b[j] - depth * beta[j] * beta[j], 2e-3);
      assertEquals(lambda[j], a[j] * a[j] - beta[j] * beta[j], 2e-3);
    }
    assertTrue(Math.abs(a[0] * b[0] * b[0] * beta[0] - 1.0) < 1e-3, "signal component converges");
  }

  @Test
  void d0NeverOvershootsUnderStepRule() throws InterruptedException {
    double[] z = {1.0, -1.0, 0.5, 0.01};
    double[] lambda = {1.0, 0.3, 1e-3, 1e-6};
    double[] times = KgdTrainer.logGrid(200, 100);
    OverparamDynamics.run(z, lambda, 0, 1, false, Solver.GD, 0, times, (k, t, theta) -> {
      for (int j = 0; j < z.length; j++) {
        assertTrue(theta[j] * Math.signum(z[j]) <= Math.abs(z[j]) + 1e-15, "crossed z at t = " + t);
      }
    });
  }

  @Test
  void aStepBudgetStopsAtTheLastCheckpointReached() throws InterruptedException {
    double[] z = {1.0, -0.5, 0.2};
    double[] lambda = {0.5, 0.05, 0.005};
    double[] times = KgdTrainer.logGrid(500, 60);
    OverparamDynamics.Result full = OverparamDynamics.run(z, lambda, 2, 0.3, false, Solver.GD, 0, times,
        (k, t, theta) -> {});
    OverparamDynamics.Result cut = OverparamDynamics.run(z, lambda, 2, 0.3, false, Solver.GD, 0, times,
        full.steps() / 2, (k, t, theta) -> {});
    assertTrue(cut.reached() > 0 && cut.reached() < times.length, "reached " + cut.reached());
    // the state returned is the one at the last checkpoint reached, as if the grid had ended there
    OverparamDynamics.Result shorter = OverparamDynamics.run(z, lambda, 2, 0.3, false, Solver.GD, 0,
        java.util.Arrays.copyOf(times, cut.reached()), (k, t, theta) -> {});
    assertArrayEquals(shorter.theta(), cut.theta(), 0);
    assertEquals(times.length, full.reached());
  }

  @Test
  void sandwichBoundsTheExactSolution() {
    for (double z : new double[] {0.05, 0.4, 2}) {
      for (double lambda : new double[] {1e-4, 0.01, 1}) {
        for (double t : new double[] {0.1, 1, 10, 100}) {
          double theta = OverparamDynamics.exactThetaD0(z, lambda, t);
          assertTrue(theta <= tilde(z, lambda, t) + 1e-12);
          assertTrue(theta >= tilde(z, lambda, t / Math.sqrt(2)) - 1e-12);
        }
      }
    }
  }

  private static double tilde(double z, double lambda, double t) {
    double e = Math.exp((2 * Math.abs(z) + lambda) * t);
    if (Double.isInfinite(e)) {
      return z;
    }
    return z * lambda * (e - 1) / (2 * Math.abs(z) + lambda * e);
  }

  @Test
  void baselineIsVanillaClosedForm() throws InterruptedException {
    double[] z = {0.4, -0.2};
    double[] lambda = {0.3, 0.01};
    double[] theta = OverparamDynamics.run(z, lambda, 1, 0.2, true, Solver.GD, 0, new double[] {7},
        (k, t, th) -> {}).theta();
    assertEquals((1 - Math.exp(-0.3 * 7)) * 0.4, theta[0], 1e-15);
    assertEquals((1 - Math.exp(-0.01 * 7)) * -0.2, theta[1], 1e-15);
  }

  @Test
  void divergenceIsReported() {
    double[] z = {5};
    double[] lambda = {1};
    assertThrows(ArithmeticException.class, () -> OverparamDynamics.run(z, lambda, 1, 1, false, Solver.GD, 10,
        new double[] {1000}, (k, t, th) -> {}));
  }
}
