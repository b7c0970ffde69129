// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/**
 * An empirical orthonormal basis e_j of the training rows, (1/n) sum_i e_j(x_i) e_k(x_i) =
 * delta_jk, with eigenvalues lambda_j. In it the least-squares loss decouples exactly:
 * (1/n)||y_c - sum_j theta_j e_j(X)||^2 = sum_j (z_j - theta_j)^2 + tail, with z_j the
 * {@link #coefficients coefficients} of y_c.
 */
interface SpectralBasis {
  /** Training rows n. */
  int n();

  /** lambda_j, descending, all > 0. */
  double[] lambda();

  /** z_j = (1/n) sum_i e_j(x_i) y_i. */
  double[] coefficients(double[] yc);

  /** (1/n) ||y_c||^2 - sum_j z_j^2: the energy of y_c outside the basis (clamped at 0). */
  default double tail(double[] yc, double[] z) {
    double total = 0;
    for (double v : yc) {
      total += v * v;
    }
    double inside = 0;
    for (double v : z) {
      inside += v * v;
    }
    return Math.max(0, total / yc.length - inside);
  }

  /** e_j(x) at new rows (m x r). */
  double[][] eigenfunctionsAt(double[][] x);

  /** The weight vector w with psi(x).w = sum_j theta_j e_j(x). */
  double[] weights(double[] theta);

  /** psi for prediction. */
  FeatureMap featureMap();

  /** A line for toString(): how the basis was built. */
  String description();
}
