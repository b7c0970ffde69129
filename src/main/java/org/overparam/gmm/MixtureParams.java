// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The mutable parameter set EM works on: weights, means, variances (diagonal family) or covariance
 * matrices (full), and per-component category probabilities. Package-private; the public model
 * ({@link GaussianMixture}) wraps a private copy.
 */
final class MixtureParams implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final CovarianceType type;
  final int k;
  final int d;
  /** Category counts per nominal attribute, and each attribute's offset in a component's block. */
  final int[] numCategories;
  final int[] catOffset;
  final int totalCategories;
  final double[] weights;
  /** k*d. */
  final double[] means;
  /** k*d per-attribute variances (diagonal family; spherical repeats one value); null for FULL. */
  final double[] var;
  /** k*d*d row-major symmetric covariance matrices (FULL only), else null. */
  final double[] cov;
  /** k*totalCategories category probabilities. */
  final double[] catProb;

  MixtureParams(CovarianceType type, int k, int d, int[] numCategories) {
    this.type = type;
    this.k = k;
    this.d = d;
    this.numCategories = numCategories.clone();
    this.catOffset = new int[numCategories.length];
    int t = 0;
    for (int a = 0; a < numCategories.length; a++) {
      catOffset[a] = t;
      t += numCategories[a];
    }
    this.totalCategories = t;
    this.weights = new double[k];
    this.means = new double[k * d];
    this.var = type.isDiagonal() ? new double[k * d] : null;
    this.cov = type.isDiagonal() ? null : new double[k * d * d];
    this.catProb = new double[k * t];
  }

  MixtureParams copy() {
    MixtureParams c = new MixtureParams(type, k, d, numCategories);
    System.arraycopy(weights, 0, c.weights, 0, k);
    System.arraycopy(means, 0, c.means, 0, means.length);
    if (var != null) {
      System.arraycopy(var, 0, c.var, 0, var.length);
    }
    if (cov != null) {
      System.arraycopy(cov, 0, c.cov, 0, cov.length);
    }
    System.arraycopy(catProb, 0, c.catProb, 0, catProb.length);
    return c;
  }

  /** Variance of numeric attribute a in component j, whatever the covariance type. */
  double variance(int j, int a) {
    return var != null ? var[j * d + a] : cov[j * d * d + a * d + a];
  }
}
