// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * Per-component log densities log p(x | component j), precomputed from a {@link MixtureParams}:
 * inverse variances and log normalisers (diagonal family) or Cholesky factors and log
 * determinants (full), plus log category probabilities. Immutable and shared by the E-step of the
 * trainer and the predictions of the model, so both compute exactly the same numbers.
 */
final class ComponentDensities {
  static final double LOG_2PI = Math.log(2 * Math.PI);

  final MixtureParams p;
  final int k;
  final int d;
  final int m;
  final double[] logWeights;
  /** k*d: 1/var (diagonal family). */
  final double[] prec;
  /** k*d: 0.5*(log 2pi + log var), the per-attribute normaliser used when values are missing. */
  final double[] halfLogNorm;
  /** k: the log normaliser of a complete row (without the weight). */
  final double[] logNormComplete;
  /** k*d*d lower Cholesky factors (full). */
  final double[] chol;
  /** k*d reciprocal diagonals of the Cholesky factors (full). */
  final double[] cholInvDiag;
  /** k*d*d inverses of the lower Cholesky factors (full), the precision Cholesky of scikit-learn transposed. */
  final double[] cholInverse;
  /** k*totalCategories. */
  final double[] logCat;

  /**
   * @throws IllegalStateException naming the component if a variance is not positive or a
   *     covariance matrix is not positive definite
   */
  ComponentDensities(MixtureParams p) {
    this.p = p;
    this.k = p.k;
    this.d = p.d;
    this.m = p.numCategories.length;
    logWeights = new double[k];
    for (int j = 0; j < k; j++) {
      logWeights[j] = Math.log(p.weights[j]);
    }
    logNormComplete = new double[k];
    if (p.type.isDiagonal()) {
      prec = new double[k * d];
      halfLogNorm = new double[k * d];
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int a = 0; a < d; a++) {
          double v = p.var[j * d + a];
          if (!(v > 0) || !Double.isFinite(v)) {
            throw degenerate(j, "variance " + v + " in numeric attribute " + a);
          }
          prec[j * d + a] = 1.0 / v;
          halfLogNorm[j * d + a] = 0.5 * (LOG_2PI + Math.log(v));
          s += halfLogNorm[j * d + a];
        }
        logNormComplete[j] = -s;
      }
      chol = null;
      cholInvDiag = null;
      cholInverse = null;
    } else {
      prec = null;
      halfLogNorm = null;
      chol = new double[k * d * d];
      cholInvDiag = new double[k * d];
      cholInverse = new double[k * d * d];
      for (int j = 0; j < k; j++) {
        double sumLogDiag = cholesky(p.cov, chol, cholInvDiag, j);
        logNormComplete[j] = -0.5 * d * LOG_2PI - sumLogDiag;
        invertLower(j);
      }
    }
    logCat = new double[p.catProb.length];
    for (int i = 0; i < logCat.length; i++) {
      logCat[i] = Math.log(p.catProb[i]);
    }
  }

  /** Cholesky factor of component j's covariance into out (lower); returns the sum of log L_aa. */
  private double cholesky(double[] cov, double[] out, double[] invDiag, int j) {
    int base = j * d * d;
    double sumLog = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double s = cov[base + a * d + b];
        for (int c = 0; c < b; c++) {
          s -= out[base + a * d + c] * out[base + b * d + c];
        }
        if (a == b) {
          if (!(s > 0) || !Double.isFinite(s)) {
            throw degenerate(j, "its covariance matrix is not positive definite (pivot " + s + " at attribute "
                + a + ")");
          }
          double l = Math.sqrt(s);
          out[base + a * d + a] = l;
          invDiag[j * d + a] = 1.0 / l;
          sumLog += Math.log(l);
        } else {
          out[base + a * d + b] = s * invDiag[j * d + b];
        }
      }
    }
    return sumLog;
  }

  /** L^-1 of component j by forward substitution on the unit vectors (lower triangular). */
  private void invertLower(int j) {
    int base = j * d * d;
    for (int c = 0; c < d; c++) {
      for (int a = c; a < d; a++) {
        double s = a == c ? 1.0 : 0.0;
        for (int b = c; b < a; b++) {
          s -= chol[base + a * d + b] * cholInverse[base + b * d + c];
        }
        cholInverse[base + a * d + c] = s * cholInvDiag[j * d + a];
      }
    }
  }

  static IllegalStateException degenerate(int j, String what) {
    return new IllegalStateException("component " + (j + 1) + " is degenerate: " + what
        + ". Use a larger -reg-covar, fewer components (-N) or rescaled data");
  }

  /**
   * log p(x_i | j) for every component j (no weight), into out[0..k). diff (k*d) receives x - mu_j
   * with 0 for missing values (complete rows only under FULL; rows with missing values get their
   * marginal density from {@link MissingFull}); z (d) is scratch.
   */
  void logDensities(double[] x, int xo, boolean rowMissing, int[] cat, int co, double[] out, double[] diff,
      double[] z) {
    if (p.type.isDiagonal()) {
      diagonal(x, xo, rowMissing, out, diff);
    } else if (rowMissing) {
      for (int j = 0; j < k; j++) {
        out[j] = MissingFull.logMarginal(p, j, x, xo);
      }
    } else {
      full(x, xo, out, diff, z);
    }
    if (m > 0) {
      int t = p.totalCategories;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int a = 0; a < m; a++) {
          int c = cat[co + a];
          if (c >= 0) {
            s += logCat[j * t + p.catOffset[a] + c];
          }
        }
        out[j] += s;
      }
    }
  }

  private void diagonal(double[] x, int xo, boolean rowMissing, double[] out, double[] diff) {
    final double[] means = p.means;
    for (int j = 0; j < k; j++) {
      int jo = j * d;
      double q = 0;
      if (!rowMissing) {
        for (int a = 0; a < d; a++) {
          double t = x[xo + a] - means[jo + a];
          diff[jo + a] = t;
          q += t * t * prec[jo + a];
        }
        out[j] = logNormComplete[j] - 0.5 * q;
      } else {
        // missing attributes are marginalised out: they drop from both the quadratic form and the normaliser
        double norm = 0;
        for (int a = 0; a < d; a++) {
          double v = x[xo + a];
          if (v != v) {
            diff[jo + a] = 0;
            continue;
          }
          double t = v - means[jo + a];
          diff[jo + a] = t;
          q += t * t * prec[jo + a];
          norm += halfLogNorm[jo + a];
        }
        out[j] = -norm - 0.5 * q;
      }
    }
  }

  private void full(double[] x, int xo, double[] out, double[] diff, double[] z) {
    final double[] means = p.means;
    for (int j = 0; j < k; j++) {
      int jo = j * d;
      int base = j * d * d;
      for (int a = 0; a < d; a++) {
        diff[jo + a] = x[xo + a] - means[jo + a];
      }
      // forward substitution L z = diff; ||z||^2 is the Mahalanobis distance
      double q = 0;
      for (int a = 0; a < d; a++) {
        double s = diff[jo + a];
        int row = base + a * d;
        for (int b = 0; b < a; b++) {
          s -= chol[row + b] * z[b];
        }
        double za = s * cholInvDiag[jo + a];
        z[a] = za;
        q += za * za;
      }
      out[j] = logNormComplete[j] - 0.5 * q;
    }
  }
}
