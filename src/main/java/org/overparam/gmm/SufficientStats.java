// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.Arrays;

/**
 * Weighted sufficient statistics of one E-step over a block of rows, centred on the current means
 * (so the M-step does not suffer the cancellation of raw second moments):
 * N_j = sum w r_ij, s1_j = sum w r_ij (x_i - mu_j), s2_j = sum w r_ij (x_i - mu_j)^2 (diagonal) or
 * the lower triangle of sum w r_ij (x_i - mu_j)(x_i - mu_j)^T (full), expected category counts and
 * sum w_i log p(x_i).
 *
 * <p>Missing numeric values contribute their conditional expectations under the current component:
 * in the diagonal family E[x - mu_j] = 0 and E[(x - mu_j)^2] = var_j; under FULL the conditional
 * Gaussian moments ({@link MissingFull}). This makes the M-step exact EM for the marginal
 * likelihood. Missing nominal values contribute the current category probabilities.
 */
final class SufficientStats {
  final int k;
  final int d;
  final CovarianceType type;
  final double[] nk;
  final double[] s1;
  final double[] s2;
  final double[] cc;
  double logLik;

  // per-row scratch, owned by the block that uses this object
  private final double[] lp;
  private final double[] diff;
  private final double[] z;
  private double[] cond;

  SufficientStats(CovarianceType type, int k, int d, int totalCategories) {
    this.type = type;
    this.k = k;
    this.d = d;
    nk = new double[k];
    s1 = new double[k * d];
    s2 = new double[type.isDiagonal() ? k * d : k * d * d];
    cc = new double[k * totalCategories];
    lp = new double[k];
    diff = new double[k * d];
    z = new double[d];
  }

  void clear() {
    Arrays.fill(nk, 0);
    Arrays.fill(s1, 0);
    Arrays.fill(s2, 0);
    Arrays.fill(cc, 0);
    logLik = 0;
  }

  /** this += o, element by element (the caller fixes the order of additions). */
  void add(SufficientStats o) {
    addInto(nk, o.nk);
    addInto(s1, o.s1);
    addInto(s2, o.s2);
    addInto(cc, o.cc);
    logLik += o.logLik;
  }

  private static void addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
  }

  /** E-step for rows [from, to): adds their statistics to this object. */
  void accumulate(ComponentDensities cd, MixtureData data, int from, int to) {
    final MixtureParams p = cd.p;
    final double[] logW = cd.logWeights;
    final boolean secondMoments = type != CovarianceType.IDENTITY;
    final int m = data.m;
    final int t = p.totalCategories;
    for (int i = from; i < to; i++) {
      double wi = data.w[i];
      if (wi == 0) {
        continue;
      }
      int xo = i * d;
      boolean missing = data.rowMissing[i];
      cd.logDensities(data.x, xo, missing, data.cat, i * m, lp, diff, z);
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        lp[j] += logW[j];
        if (lp[j] > max) {
          max = lp[j];
        }
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = FastExp.expNonPositive(lp[j] - max);
        lp[j] = e;
        sum += e;
      }
      logLik += wi * (max + Math.log(sum));
      double scale = wi / sum;
      for (int j = 0; j < k; j++) {
        double wr = lp[j] * scale;
        if (wr == 0) {
          continue;
        }
        nk[j] += wr;
        int jo = j * d;
        if (!type.isDiagonal()) {
          if (missing) {
            addConditional(p, j, data.x, xo, wr);
          } else {
            addOuter(jo, j * d * d, wr);
          }
        } else {
          for (int a = 0; a < d; a++) {
            double tv = wr * diff[jo + a];
            s1[jo + a] += tv;
            if (secondMoments) {
              s2[jo + a] += tv * diff[jo + a];
            }
          }
          if (missing && secondMoments) {
            for (int a = 0; a < d; a++) {
              if (Double.isNaN(data.x[xo + a])) {
                s2[jo + a] += wr * p.var[jo + a];
              }
            }
          }
        }
        for (int a = 0; a < m; a++) {
          int c = data.cat[i * m + a];
          int off = j * t + p.catOffset[a];
          if (c >= 0) {
            cc[off + c] += wr;
          } else {
            for (int v = 0; v < p.numCategories[a]; v++) {
              cc[off + v] += wr * p.catProb[off + v];
            }
          }
        }
      }
    }
  }

  /** FULL, row with missing values: conditional mean and covariance of the missing attributes. */
  private void addConditional(MixtureParams p, int j, double[] x, int xo, double wr) {
    if (cond == null) {
      cond = new double[d * d];
    }
    MissingFull.conditional(p, j, x, xo, diff, j * d, cond);
    int base = j * d * d;
    addOuter(j * d, base, wr);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        s2[base + a * d + b] += wr * cond[a * d + b];
      }
    }
  }

  private void addOuter(int jo, int base, double wr) {
    for (int a = 0; a < d; a++) {
      double ta = wr * diff[jo + a];
      s1[jo + a] += ta;
      int row = base + a * d;
      for (int b = 0; b <= a; b++) {
        s2[row + b] += ta * diff[jo + b];
      }
    }
  }
}
