// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/**
 * The exact empirical eigenbasis of the kernel matrix K = U diag(mu) U^T: lambda_j = mu_j / n,
 * e_j(x_i) = sqrt(n) U_ij at training rows and, by the Nystroem extension, e_j(x) = sqrt(n)
 * k(x, X) u_j / mu_j elsewhere (the two agree at training rows).
 */
final class EigenBasis implements SpectralBasis {
  private final Kernel kernel;
  private final double[][] x;
  private final double[] mu;
  private final double[][] u;
  private final EigenSolver solver;

  private EigenBasis(Kernel kernel, double[][] x, double[] mu, double[][] u, EigenSolver solver) {
    this.kernel = kernel;
    this.x = x;
    this.mu = mu;
    this.u = u;
    this.solver = solver;
  }

  /** Builds K, eigendecomposes it and keeps the leading components (see {@link SymmetricEigen}). */
  static EigenBasis build(Kernel kernel, double[][] x, EigenSolver solver, int rank, double eigTol)
      throws InterruptedException {
    SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(kernel.gram(x), solver, rank, eigTol);
    return new EigenBasis(kernel, x, eig.values(), eig.vectors(), solver);
  }

  @Override
  public int n() {
    return x.length;
  }

  @Override
  public double[] lambda() {
    double[] lambda = new double[mu.length];
    for (int j = 0; j < mu.length; j++) {
      lambda[j] = mu[j] / x.length;
    }
    return lambda;
  }

  @Override
  public double[] coefficients(double[] yc) {
    double[] z = Dense.transposeTimes(u, yc);
    double scale = 1 / Math.sqrt(x.length);
    for (int j = 0; j < z.length; j++) {
      z[j] *= scale;
    }
    return z;
  }

  @Override
  public double[][] eigenfunctionsAt(double[][] rows) {
    double[][] e = Dense.multiply(kernel.cross(rows, x), u);
    double sqrtN = Math.sqrt(x.length);
    for (double[] row : e) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= sqrtN / mu[j];
      }
    }
    return e;
  }

  /** alpha = U diag(sqrt(n) theta_j / mu_j): f(x) = k(x, X).alpha. */
  @Override
  public double[] weights(double[] theta) {
    double sqrtN = Math.sqrt(x.length);
    double[] scaled = new double[mu.length];
    for (int j = 0; j < mu.length; j++) {
      scaled[j] = sqrtN * theta[j] / mu[j];
    }
    double[] alpha = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      alpha[i] = Kernel.dot(u[i], scaled);
    }
    return alpha;
  }

  @Override
  public FeatureMap featureMap() {
    return new KernelFeatureMap(kernel, x);
  }

  /** e_j(x_i) = sqrt(n) U_ij at the training rows (for the Nystroem check). */
  double[][] trainingEigenfunctions() {
    double sqrtN = Math.sqrt(x.length);
    double[][] e = new double[u.length][];
    for (int i = 0; i < u.length; i++) {
      e[i] = u[i].clone();
      for (int j = 0; j < e[i].length; j++) {
        e[i][j] *= sqrtN;
      }
    }
    return e;
  }

  @Override
  public String description() {
    return "exact eigenbasis of the " + x.length + " x " + x.length + " kernel matrix (" + solver + "), "
        + mu.length + " components kept";
  }
}
