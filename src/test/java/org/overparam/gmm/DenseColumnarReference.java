// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The columnar E-step as it was before the sparse moments and fused density passes (commit fbf27c9):
 * one column per pass, a separate pass for the row maxima, every row in the moment sums. Kept as the
 * reference that {@link ColumnarEStep} must reproduce bit for bit.
 */
final class DenseColumnarReference {
  private DenseColumnarReference() {}

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

    Scratch(int k, int d, int rows, boolean full) {
      lp = new double[k * rows];
      q = new double[rows];
      rs = new double[rows];
      diff = full ? new double[d * rows] : new double[0];
      z = full ? new double[d * rows] : new double[0];
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
    int d = cd.d;
    boolean full = !cd.p.type.isDiagonal();
    double[] lp = sc.lp;
    for (int j = 0; j < k; j++) {
      if (full) {
        fullQuadratic(cd, j, xt, len, sc);
      } else {
        diagonalQuadratic(cd, j, xt, len, sc.q);
      }
      double c = cd.logWeights[j] + cd.logNormComplete[j];
      double[] q = sc.q;
      int o = j * len;
      for (int i = 0; i < len; i++) {
        lp[o + i] = c - 0.5 * q[i];
      }
    }
    // log-sum-exp per row, loops over rows innermost; lp becomes w_i * r_ij
    double[] max = sc.max;
    double[] sum = sc.sum;
    System.arraycopy(lp, 0, max, 0, len);
    for (int j = 1; j < k; j++) {
      int o = j * len;
      for (int i = 0; i < len; i++) {
        max[i] = Math.max(max[i], lp[o + i]);
      }
    }
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
      if (full) {
        fullMoments(cd, j, xt, len, lp, o, st, sc);
      } else {
        diagonalMoments(cd, j, xt, len, lp, o, st);
      }
    }
  }

  static void diagonalQuadratic(ComponentDensities cd, int j, double[] xt, int len, double[] q) {
    int d = cd.d;
    java.util.Arrays.fill(q, 0, len, 0.0);
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      double p = cd.prec[j * d + a];
      int xo = a * len;
      for (int i = 0; i < len; i++) {
        double t = xt[xo + i] - m;
        q[i] += t * t * p;
      }
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

  static void diagonalMoments(ComponentDensities cd, int j, double[] xt, int len, double[] r, int ro,
      SufficientStats st) {
    int d = cd.d;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      int xo = a * len;
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double b0 = 0;
      double b1 = 0;
      double b2 = 0;
      double b3 = 0;
      int i = 0;
      for (; i + 3 < len; i += 4) {
        double t0 = xt[xo + i] - m;
        double t1 = xt[xo + i + 1] - m;
        double t2 = xt[xo + i + 2] - m;
        double t3 = xt[xo + i + 3] - m;
        double u0 = r[ro + i] * t0;
        double u1 = r[ro + i + 1] * t1;
        double u2 = r[ro + i + 2] * t2;
        double u3 = r[ro + i + 3] * t3;
        a0 += u0;
        a1 += u1;
        a2 += u2;
        a3 += u3;
        b0 += u0 * t0;
        b1 += u1 * t1;
        b2 += u2 * t2;
        b3 += u3 * t3;
      }
      for (; i < len; i++) {
        double t = xt[xo + i] - m;
        double u = r[ro + i] * t;
        a0 += u;
        b0 += u * t;
      }
      st.s1[j * d + a] += (a0 + a1) + (a2 + a3);
      if (second) {
        st.s2[j * d + a] += (b0 + b1) + (b2 + b3);
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
