// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The E-step and sufficient statistics of FULL (and TIED) for one block of complete, purely numeric
 * rows, computed column by column so the inner loops run over rows, and the statistics as dot
 * products with four independent partial sums (fixed order, so the result stays deterministic).
 * The diagonal family uses {@link DiagonalEStep}; blocks with missing values or nominal attributes
 * use the row-wise {@link SufficientStats#accumulate}.
 */
final class ColumnarEStep {
  private ColumnarEStep() {}

  /** Working arrays of one worker thread, sized for the largest block. */
  static final class Scratch {
    final double[] lp;
    final double[] q;
    final double[] rs;
    final double[] diff;
    final double[] z;
    final double[] zrow;
    final double[] max;
    final double[] sum;

    Scratch(int k, int d, int rows) {
      lp = new double[k * rows];
      q = new double[rows];
      rs = new double[rows];
      diff = new double[d * rows];
      z = new double[d * rows];
      zrow = new double[rows];
      max = new double[rows];
      sum = new double[rows];
    }
  }

  /** Column-major copy of rows [from, to): value (i, a) at a * (to - from) + (i - from). */
  static double[] transpose(MixtureData data, int from, int to) {
    int len = to - from;
    int d = data.d;
    double[] xt = new double[d * len];
    for (int i = 0; i < len; i++) {
      for (int a = 0; a < d; a++) {
        xt[a * len + i] = data.x[(from + i) * d + a];
      }
    }
    return xt;
  }

  /** Adds the statistics of the block (xt column-major, w its weights) to st. */
  static void accumulate(ComponentDensities cd, double[] xt, double[] w, int len, SufficientStats st, Scratch sc) {
    int k = cd.k;
    double[] lp = sc.lp;
    double[] max = sc.max;
    double[] sum = sc.sum;
    for (int j = 0; j < k; j++) {
      double c = cd.logWeights[j] + cd.logNormComplete[j];
      int o = j * len;
      fullQuadratic(cd, j, xt, len, sc);
      double[] q = sc.q;
      for (int i = 0; i < len; i++) {
        lp[o + i] = c - 0.5 * q[i];
      }
      // the row maxima for the log-sum-exp, in the same pass while lp is still in the cache
      if (j == 0) {
        System.arraycopy(lp, 0, max, 0, len);
      } else {
        for (int i = 0; i < len; i++) {
          max[i] = Math.max(max[i], lp[o + i]);
        }
      }
    }
    // log-sum-exp per row, loops over rows innermost; lp becomes w_i * r_ij
    java.util.Arrays.fill(sum, 0, len, 0.0);
    for (int j = 0; j < k; j++) {
      int o = j * len;
      for (int i = 0; i < len; i++) {
        double e = FastExp.expNonPositive(lp[o + i] - max[i]);
        lp[o + i] = e;
        sum[i] += e;
      }
    }
    double ll = 0;
    double[] rs = sc.rs;
    for (int i = 0; i < len; i++) {
      ll += w[i] * (max[i] + Math.log(sum[i]));
      rs[i] = w[i] / sum[i];
    }
    st.logLik += ll;
    for (int j = 0; j < k; j++) {
      int o = j * len;
      for (int i = 0; i < len; i++) {
        lp[o + i] *= rs[i];
      }
      st.nk[j] += sum(lp, o, len);
      fullMoments(cd, j, xt, len, lp, o, st, sc);
    }
  }

  /** z = L^-1 (x - mu) for all rows at once (one row of L^-1 at a time); q = |z|^2. */
  static void fullQuadratic(ComponentDensities cd, int j, double[] xt, int len, Scratch sc) {
    int d = cd.d;
    double[] diff = sc.diff;
    double[] zr = sc.zrow;
    double[] q = sc.q;
    double[] li = cd.cholInverse;
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      int o = a * len;
      for (int i = 0; i < len; i++) {
        diff[o + i] = xt[o + i] - m;
      }
    }
    java.util.Arrays.fill(q, 0, len, 0.0);
    for (int a = 0; a < d; a++) {
      double c0 = li[j * d * d + a * d];
      for (int i = 0; i < len; i++) {
        zr[i] = c0 * diff[i];
      }
      for (int b = 1; b <= a; b++) {
        double c = li[j * d * d + a * d + b];
        int bo = b * len;
        for (int i = 0; i < len; i++) {
          zr[i] += c * diff[bo + i];
        }
      }
      for (int i = 0; i < len; i++) {
        q[i] += zr[i] * zr[i];
      }
    }
  }

  static void fullMoments(ComponentDensities cd, int j, double[] xt, int len, double[] r, int ro,
      SufficientStats st, Scratch sc) {
    int d = cd.d;
    double[] diff = sc.diff;
    double[] rd = sc.z;
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      int o = a * len;
      for (int i = 0; i < len; i++) {
        double t = xt[o + i] - m;
        diff[o + i] = t;
        rd[o + i] = r[ro + i] * t;
      }
    }
    int base = j * d * d;
    for (int a = 0; a < d; a++) {
      st.s1[j * d + a] += sum(rd, a * len, len);
      int b = 0;
      for (; b + 3 <= a; b += 4) {
        dots4(rd, a * len, diff, b * len, len, st.s2, base + a * d + b);
      }
      for (; b <= a; b++) {
        st.s2[base + a * d + b] += dot(rd, a * len, diff, b * len, len);
      }
    }
  }

  /**
   * out[oo + c] += x . y[column b + c] for c = 0..3: four dot products sharing the loads of x, with
   * two partial sums each (fixed order).
   */
  private static void dots4(double[] x, int xo, double[] y, int yo, int len, double[] out, int oo) {
    int y1 = yo + len;
    int y2 = y1 + len;
    int y3 = y2 + len;
    double s00 = 0;
    double s01 = 0;
    double s10 = 0;
    double s11 = 0;
    double s20 = 0;
    double s21 = 0;
    double s30 = 0;
    double s31 = 0;
    int i = 0;
    for (; i + 1 < len; i += 2) {
      double x0 = x[xo + i];
      double x1 = x[xo + i + 1];
      s00 += x0 * y[yo + i];
      s01 += x1 * y[yo + i + 1];
      s10 += x0 * y[y1 + i];
      s11 += x1 * y[y1 + i + 1];
      s20 += x0 * y[y2 + i];
      s21 += x1 * y[y2 + i + 1];
      s30 += x0 * y[y3 + i];
      s31 += x1 * y[y3 + i + 1];
    }
    if (i < len) {
      double x0 = x[xo + i];
      s00 += x0 * y[yo + i];
      s10 += x0 * y[y1 + i];
      s20 += x0 * y[y2 + i];
      s30 += x0 * y[y3 + i];
    }
    out[oo] += s00 + s01;
    out[oo + 1] += s10 + s11;
    out[oo + 2] += s20 + s21;
    out[oo + 3] += s30 + s31;
  }

  /** Sum with four partial sums in a fixed order. */
  static double sum(double[] x, int o, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += x[o + i];
      s1 += x[o + i + 1];
      s2 += x[o + i + 2];
      s3 += x[o + i + 3];
    }
    for (; i < len; i++) {
      s0 += x[o + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Dot product with four partial sums in a fixed order. */
  static double dot(double[] x, int xo, double[] y, int yo, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += x[xo + i] * y[yo + i];
      s1 += x[xo + i + 1] * y[yo + i + 1];
      s2 += x[xo + i + 2] * y[yo + i + 2];
      s3 += x[xo + i + 3] * y[yo + i + 3];
    }
    for (; i < len; i++) {
      s0 += x[xo + i] * y[yo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
