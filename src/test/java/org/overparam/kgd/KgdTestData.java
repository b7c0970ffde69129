// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.SplittableRandom;

/** Small seeded regression problems for the core tests. */
final class KgdTestData {
  private KgdTestData() {}

  /** n rows of d uniform attributes, y = sin(3 x1) + x2^2 + noise. */
  static double[][] x(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int k = 0; k < d; k++) {
        row[k] = 2 * rng.nextDouble() - 1;
      }
    }
    return x;
  }

  static double[] y(double[][] x, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed + 1);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(3 * x[i][0]) + (x[i].length > 1 ? x[i][1] * x[i][1] : 0) + noise * rng.nextGaussian() + 2;
    }
    return y;
  }

  static KgdConfig fixed(double time, int depth, boolean baseline) {
    return KgdConfig.defaults().withStop(StopRule.FIXED, time).withDepth(depth, baseline);
  }
}
