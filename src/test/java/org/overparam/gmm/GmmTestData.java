// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.Random;

/** Seeded synthetic data for the core tests. */
final class GmmTestData {
  private GmmTestData() {}

  /** n rows from k well-separated spherical Gaussians in d dimensions (means 4 apart on axis j mod d). */
  static double[][] blobs(int n, int d, int k, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int j = i % k;
      for (int a = 0; a < d; a++) {
        x[i][a] = r.nextGaussian() * (0.5 + 0.25 * a) + (a == j % d ? 4.0 * (j + 1) : 0.0) + 0.3 * a;
      }
    }
    return x;
  }

  static double[][] column(double... v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return x;
  }
}
