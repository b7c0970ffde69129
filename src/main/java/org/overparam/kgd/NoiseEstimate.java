// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/**
 * The noise level from a pilot kernel ridge fit on the same spectral basis, with the ridge chosen
 * by generalised cross-validation (GCV) over a log grid alpha in [1e-8, 1] * lambda_1.
 *
 * <p>In the eigenbasis the ridge fit shrinks each z_j by lambda_j / (lambda_j + alpha), so
 * RSS/n = sum_j (alpha z_j / (lambda_j + alpha))^2 + tail and df = sum_j lambda_j / (lambda_j +
 * alpha), both O(r) per alpha. Then sigma^2 = RSS / (n - df).
 *
 * @param sigma the estimated noise standard deviation
 * @param alpha the GCV ridge (in eigenvalue units lambda = mu/n)
 * @param df the effective degrees of freedom at alpha
 */
public record NoiseEstimate(double sigma, double alpha, double df) {
  static final int GRID = 81;

  /**
   * @param lambda the empirical eigenvalues lambda_j (descending)
   * @param z the sequence observations z_j
   * @param tail (1/n) ||(I - U U^T) y_c||^2, the part of the target outside the basis
   * @param n the number of training rows
   */
  static NoiseEstimate fromPilotRidge(double[] lambda, double[] z, double tail, int n) {
    double best = Double.POSITIVE_INFINITY;
    NoiseEstimate bestFit = null;
    for (int g = 0; g < GRID; g++) {
      double alpha = lambda[0] * Math.pow(10, -8.0 + 8.0 * g / (GRID - 1));
      double rssPerN = tail;
      double df = 0;
      for (int j = 0; j < lambda.length; j++) {
        double shrink = alpha / (lambda[j] + alpha);
        rssPerN += shrink * shrink * z[j] * z[j];
        df += lambda[j] / (lambda[j] + alpha);
      }
      double denominator = 1 - df / n;
      if (denominator <= 1e-9) {
        continue; // interpolating fit: GCV undefined
      }
      double gcv = rssPerN / (denominator * denominator);
      if (gcv < best) {
        best = gcv;
        bestFit = new NoiseEstimate(Math.sqrt(n * rssPerN / (n - df)), alpha, df);
      }
    }
    if (bestFit == null) {
      // Every ridge on the grid interpolates (r = n and tiny lambda_1): take the largest ridge.
      double alpha = lambda[0];
      double df = 0;
      double rssPerN = tail;
      for (int j = 0; j < lambda.length; j++) {
        double shrink = alpha / (lambda[j] + alpha);
        rssPerN += shrink * shrink * z[j] * z[j];
        df += lambda[j] / (lambda[j] + alpha);
      }
      bestFit = new NoiseEstimate(Math.sqrt(rssPerN), alpha, df);
    }
    return bestFit;
  }
}
