// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * Missing numeric values under a full covariance, handled exactly: the density of a row is the
 * marginal Gaussian of its observed attributes, and the E-step statistics use the conditional
 * moments of the missing attributes given the observed ones,
 * E[x_M | x_O] = mu_M + S_MO S_OO^-1 (x_O - mu_O) and Cov[x_M | x_O] = S_MM - S_MO S_OO^-1 S_OM.
 * Each call factors S_OO of the row's pattern (O(d^3)), so rows with missing values cost more than
 * complete rows, which never come here.
 */
final class MissingFull {
  private MissingFull() {}

  /** log N(x_O | mu_O, S_OO) of component j; NaN entries of x (from xo) are the missing attributes. */
  static double logMarginal(MixtureParams p, int j, double[] x, int xo) {
    return conditional(p, j, x, xo, null, 0, null);
  }

  /**
   * The log marginal density as {@link #logMarginal}; if diff is not null, also diff[dOff + a] =
   * E[x_a | x_O] - mu_ja for every attribute (the observed value for observed ones) and cond (d*d) =
   * the conditional covariance of the missing attributes (0 in rows and columns of observed ones).
   */
  static double conditional(MixtureParams p, int j, double[] x, int xo, double[] diff, int dOff, double[] cond) {
    int d = p.d;
    int base = j * d * d;
    double[] cov = p.cov;
    double[] mu = p.means;
    int[] obs = new int[d];
    int[] mis = new int[d];
    int no = 0;
    int nm = 0;
    for (int a = 0; a < d; a++) {
      if (Double.isNaN(x[xo + a])) {
        mis[nm++] = a;
      } else {
        obs[no++] = a;
      }
    }
    double[] l = new double[no * no];
    double sumLog = 0;
    for (int r = 0; r < no; r++) {
      for (int c = 0; c <= r; c++) {
        double s = cov[base + obs[r] * d + obs[c]];
        for (int t = 0; t < c; t++) {
          s -= l[r * no + t] * l[c * no + t];
        }
        if (r == c) {
          if (!(s > 0) || !Double.isFinite(s)) {
            throw ComponentDensities.degenerate(j, "its covariance restricted to the observed attributes is not "
                + "positive definite");
          }
          l[r * no + r] = Math.sqrt(s);
          sumLog += Math.log(l[r * no + r]);
        } else {
          l[r * no + c] = s / l[c * no + c];
        }
      }
    }
    double[] z = new double[no];
    double q = 0;
    for (int r = 0; r < no; r++) {
      double s = x[xo + obs[r]] - mu[j * d + obs[r]];
      for (int t = 0; t < r; t++) {
        s -= l[r * no + t] * z[t];
      }
      z[r] = s / l[r * no + r];
      q += z[r] * z[r];
    }
    double logDensity = -0.5 * no * ComponentDensities.LOG_2PI - sumLog - 0.5 * q;
    if (diff == null) {
      return logDensity;
    }
    // alpha = S_OO^-1 (x_O - mu_O) = L^-T z
    double[] alpha = new double[no];
    for (int r = no - 1; r >= 0; r--) {
      double s = z[r];
      for (int t = r + 1; t < no; t++) {
        s -= l[t * no + r] * alpha[t];
      }
      alpha[r] = s / l[r * no + r];
    }
    for (int r = 0; r < no; r++) {
      diff[dOff + obs[r]] = x[xo + obs[r]] - mu[j * d + obs[r]];
    }
    // b_m = L^-1 S_Om, so S_MO S_OO^-1 S_OM = B^T B
    double[] b = new double[nm * no];
    java.util.Arrays.fill(cond, 0.0);
    for (int mi = 0; mi < nm; mi++) {
      int m = mis[mi];
      double s = 0;
      for (int r = 0; r < no; r++) {
        s += cov[base + m * d + obs[r]] * alpha[r];
      }
      diff[dOff + m] = s;
      for (int r = 0; r < no; r++) {
        double v = cov[base + obs[r] * d + m];
        for (int t = 0; t < r; t++) {
          v -= l[r * no + t] * b[mi * no + t];
        }
        b[mi * no + r] = v / l[r * no + r];
      }
    }
    for (int mi = 0; mi < nm; mi++) {
      for (int mk = 0; mk < nm; mk++) {
        double s = cov[base + mis[mi] * d + mis[mk]];
        for (int r = 0; r < no; r++) {
          s -= b[mi * no + r] * b[mk * no + r];
        }
        cond[mis[mi] * d + mis[mk]] = s;
      }
    }
    return logDensity;
  }
}
