// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.UpdaterType;

/** One and two steps of each optimiser against the formulas, in double precision. */
class FlatOptimizerTest {
  private static final double TOL = 1e-12;

  private static INDArray vec(double... v) {
    return Dl4jRuntime.call(() -> Nd4j.create(v).castTo(DataType.DOUBLE));
  }

  private static double[] run(UpdaterType type, double lr, double[] p0, double[]... grads) {
    return Dl4jRuntime.call(() -> {
      INDArray p = vec(p0);
      FlatOptimizer opt = new FlatOptimizer(type, 0.9, p);
      for (double[] g : grads) {
        opt.step(p, vec(g), lr);
      }
      return p.toDoubleVector();
    });
  }

  @Test
  void sgd() {
    assertArrayEquals(new double[] {1 - 0.1 * 2, -1 + 0.1 * 4}, run(UpdaterType.SGD, 0.1, new double[] {1, -1},
        new double[] {2, -4}), TOL);
  }

  @Test
  void nesterovTwoStepsLikePyTorch() {
    // v1 = g1; p1 = p0 − lr (g1 + μ v1); v2 = μ v1 + g2; p2 = p1 − lr (g2 + μ v2)
    double lr = 0.5;
    double mu = 0.9;
    double g1 = 1;
    double g2 = -2;
    double v1 = g1;
    double p1 = 3 - lr * (g1 + mu * v1);
    double v2 = mu * v1 + g2;
    double p2 = p1 - lr * (g2 + mu * v2);
    assertArrayEquals(new double[] {p2}, run(UpdaterType.NESTEROVS, lr, new double[] {3}, new double[] {g1},
        new double[] {g2}), TOL);
  }

  @Test
  void adamTwoStepsWithBiasCorrection() {
    double lr = 0.01;
    double p = 1;
    double m = 0;
    double v = 0;
    double[] gs = {0.3, -0.7};
    for (int t = 1; t <= 2; t++) {
      double g = gs[t - 1];
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      double mh = m / (1 - Math.pow(0.9, t));
      double vh = v / (1 - Math.pow(0.999, t));
      p -= lr * mh / (Math.sqrt(vh) + 1e-8);
    }
    assertArrayEquals(new double[] {p}, run(UpdaterType.ADAM, lr, new double[] {1}, new double[] {0.3},
        new double[] {-0.7}), 1e-10);
  }
}
