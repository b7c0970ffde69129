// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/**
 * The basis from an explicit feature map phi (random Fourier features, or x itself for the linear
 * kernel) and the thin SVD Phi / sqrt(n) = U S V^T: lambda_j = s_j^2, e_j(x) = phi(x).v_j / s_j.
 * The SVD comes from the M x M eigenproblem Phi^T Phi / n = V S^2 V^T, which costs O(n M^2 + M^3)
 * and never forms U, or from the n x n problem Phi Phi^T / n when M > n.
 */
final class RandomFeatureBasis implements SpectralBasis {
  private final FeatureMap map;
  private final double[][] phi;
  private final double[] s;
  private final double[][] v;

  private RandomFeatureBasis(FeatureMap map, double[][] phi, double[] s, double[][] v) {
    this.map = map;
    this.phi = phi;
    this.s = s;
    this.v = v;
  }

  static RandomFeatureBasis build(FeatureMap map, double[][] x, int rank, double eigTol)
      throws InterruptedException {
    double[][] phi = map.features(x);
    int n = x.length;
    // The smaller of the two Gram matrices: Phi^T Phi / n (M x M) or, when M > n, Phi Phi^T / n.
    boolean dual = map.dimension() > n;
    double[][] gram = dual ? Dense.multiplyTransposeB(phi, phi) : Dense.multiplyTransposeA(phi, phi);
    for (double[] row : gram) {
      for (int k = 0; k < row.length; k++) {
        row[k] /= n;
      }
    }
    SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(gram, EigenSolver.ND4J, rank, eigTol);
    double[] s = new double[eig.rank()];
    for (int j = 0; j < s.length; j++) {
      s[j] = Math.sqrt(eig.values()[j]);
    }
    double[][] v = eig.vectors();
    if (dual) {
      // Phi / sqrt(n) = U S V^T gives V = Phi^T U S^{-1} / sqrt(n).
      v = Dense.multiplyTransposeA(phi, v);
      for (double[] row : v) {
        for (int j = 0; j < s.length; j++) {
          row[j] /= s[j] * Math.sqrt(n);
        }
      }
    }
    return new RandomFeatureBasis(map, phi, s, v);
  }

  @Override
  public int n() {
    return phi.length;
  }

  @Override
  public double[] lambda() {
    double[] lambda = new double[s.length];
    for (int j = 0; j < s.length; j++) {
      lambda[j] = s[j] * s[j];
    }
    return lambda;
  }

  /** z_j = v_j^T Phi^T y_c / (n s_j). */
  @Override
  public double[] coefficients(double[] yc) {
    double[] phiTy = Dense.transposeTimes(phi, yc);
    double[] z = new double[s.length];
    for (int j = 0; j < s.length; j++) {
      double sum = 0;
      for (int k = 0; k < phiTy.length; k++) {
        sum += v[k][j] * phiTy[k];
      }
      z[j] = sum / (phi.length * s[j]);
    }
    return z;
  }

  @Override
  public double[][] eigenfunctionsAt(double[][] rows) {
    double[][] e = Dense.multiply(map.features(rows), v);
    for (double[] row : e) {
      for (int j = 0; j < row.length; j++) {
        row[j] /= s[j];
      }
    }
    return e;
  }

  /** w = V diag(theta_j / s_j): f(x) = phi(x).w. */
  @Override
  public double[] weights(double[] theta) {
    double[] w = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      double sum = 0;
      for (int j = 0; j < s.length; j++) {
        sum += v[k][j] * theta[j] / s[j];
      }
      w[k] = sum;
    }
    return w;
  }

  @Override
  public FeatureMap featureMap() {
    return map;
  }

  @Override
  public String description() {
    return map.dimension() + " explicit features (" + (map instanceof LinearFeatureMap ? "linear" : "random Fourier")
        + ") over " + phi.length + " rows, thin SVD, " + s.length + " components kept";
  }
}
