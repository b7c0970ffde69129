// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The E-step and sufficient statistics for one block of complete, purely numeric rows, computed
 * column by column so the inner loops run over rows: the JIT turns the density loops into SIMD
 * code, and the statistics are dot products with four independent partial sums (fixed order, so
 * the result stays deterministic). Blocks with missing values or nominal attributes use the
 * row-wise {@link SufficientStats#accumulate} instead.
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
    /** Rows with a nonzero responsibility, by partial sum (see {@link #diagonalMoments}). */
    final int[][] lanes;
    final int[] laneCount = new int[4];

    Scratch(int k, int d, int rows, boolean full) {
      lanes = new int[4][rows / 4 + 4];
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
    double[] max = sc.max;
    double[] sum = sc.sum;
    for (int j = 0; j < k; j++) {
      double c = cd.logWeights[j] + cd.logNormComplete[j];
      int o = j * len;
      if (full) {
        fullQuadratic(cd, j, xt, len, sc);
        double[] q = sc.q;
        for (int i = 0; i < len; i++) {
          lp[o + i] = c - 0.5 * q[i];
        }
      } else {
        diagonalLogDensity(cd, j, xt, len, c, sc.q, lp, o);
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
      if (full) {
        fullMoments(cd, j, xt, len, lp, o, st, sc);
      } else {
        diagonalMoments(cd, j, xt, len, lp, o, st, sc);
      }
    }
  }

  /**
   * lp[o + i] = c - q_i / 2 with q_i = sum_a (x_ia - mu_a)^2 prec_a, summed over a in index order as
   * (((0 + term_0) + term_1) + ...). Two columns per pass halve the loads and stores of q; the first
   * column is assigned instead of added to 0 (0 + t == t for the terms, which are &gt;= 0 or NaN) and
   * the last pass writes lp directly, so each q_i is rounded exactly as with one column per pass.
   */
  static void diagonalLogDensity(ComponentDensities cd, int j, double[] xt, int len, double c, double[] q,
      double[] lp, int o) {
    int d = cd.d;
    double[] means = cd.p.means;
    double[] prec = cd.prec;
    int a = 0;
    if (d % 2 == 1) {
      double m0 = means[j * d];
      double p0 = prec[j * d];
      for (int i = 0; i < len; i++) {
        double t0 = xt[i] - m0;
        q[i] = t0 * t0 * p0;
      }
      a = 1;
    } else {
      java.util.Arrays.fill(q, 0, len, 0.0);
    }
    if (d == 1) {
      for (int i = 0; i < len; i++) {
        lp[o + i] = c - 0.5 * q[i];
      }
      return;
    }
    // d - a is even and >= 2: pairs of columns, the last pair writing lp
    for (; a < d; a += 2) {
      double m0 = means[j * d + a];
      double p0 = prec[j * d + a];
      double m1 = means[j * d + a + 1];
      double p1 = prec[j * d + a + 1];
      int x0 = a * len;
      int x1 = x0 + len;
      if (a + 2 < d) {
        for (int i = 0; i < len; i++) {
          double t0 = xt[x0 + i] - m0;
          double t1 = xt[x1 + i] - m1;
          q[i] = (q[i] + t0 * t0 * p0) + t1 * t1 * p1;
        }
      } else {
        for (int i = 0; i < len; i++) {
          double t0 = xt[x0 + i] - m0;
          double t1 = xt[x1 + i] - m1;
          lp[o + i] = c - 0.5 * ((q[i] + t0 * t0 * p0) + t1 * t1 * p1);
        }
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

  /**
   * s1 += sum_i r_i (x_ia - mu_a) and s2 += sum_i r_i (x_ia - mu_a)^2 per column, with four partial
   * sums: row i goes to sum i mod 4, except the last len mod 4 rows, which go to sum 0.
   *
   * <p>Most responsibilities of a fitted mixture are exactly 0 ({@link FastExp} flushes those below
   * e^-37 relative to the row's largest). Their terms are +-0 and adding +-0 to a partial sum never
   * changes it (a sum that starts at +0 cannot become -0 in round-to-nearest), so those rows are
   * skipped: each partial sum then adds the same nonzero terms in the same order, and the result is
   * bit-for-bit that of the dense loop (for finite x; with an infinite x the log-likelihood is
   * already infinite). The dense loop is kept for components that own most rows of the block.
   */
  static void diagonalMoments(ComponentDensities cd, int j, double[] xt, int len, double[] r, int ro,
      SufficientStats st, Scratch sc) {
    int[][] lanes = sc.lanes;
    int[] count = sc.laneCount;
    int[] l0 = lanes[0];
    int[] l1 = lanes[1];
    int[] l2 = lanes[2];
    int[] l3 = lanes[3];
    int n0 = 0;
    int n1 = 0;
    int n2 = 0;
    int n3 = 0;
    // without branches (zero and nonzero rows alternate unpredictably): every row is written, and
    // the count moves past it only when its responsibility is nonzero
    int i = 0;
    for (; i + 3 < len; i += 4) {
      l0[n0] = i;
      n0 += r[ro + i] != 0.0 ? 1 : 0;
      l1[n1] = i + 1;
      n1 += r[ro + i + 1] != 0.0 ? 1 : 0;
      l2[n2] = i + 2;
      n2 += r[ro + i + 2] != 0.0 ? 1 : 0;
      l3[n3] = i + 3;
      n3 += r[ro + i + 3] != 0.0 ? 1 : 0;
    }
    for (; i < len; i++) {
      l0[n0] = i;
      n0 += r[ro + i] != 0.0 ? 1 : 0;
    }
    count[0] = n0;
    count[1] = n1;
    count[2] = n2;
    count[3] = n3;
    int nonzero = n0 + n1 + n2 + n3;
    if (nonzero > len - len / 4) {
      diagonalMomentsDense(cd, j, xt, len, r, ro, st);
    } else {
      diagonalMomentsSparse(cd, j, xt, len, r, ro, st, lanes, count);
    }
  }

  private static void diagonalMomentsSparse(ComponentDensities cd, int j, double[] xt, int len, double[] r, int ro,
      SufficientStats st, int[][] lanes, int[] count) {
    int d = cd.d;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    int[] l0 = lanes[0];
    int[] l1 = lanes[1];
    int[] l2 = lanes[2];
    int[] l3 = lanes[3];
    int common = Math.min(Math.min(count[0], count[1]), Math.min(count[2], count[3]));
    double[] ab = new double[2];
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
      // the four sums side by side (independent chains) while every lane has rows left
      for (int p = 0; p < common; p++) {
        int i0 = l0[p];
        int i1 = l1[p];
        int i2 = l2[p];
        int i3 = l3[p];
        double t0 = xt[xo + i0] - m;
        double t1 = xt[xo + i1] - m;
        double t2 = xt[xo + i2] - m;
        double t3 = xt[xo + i3] - m;
        double u0 = r[ro + i0] * t0;
        double u1 = r[ro + i1] * t1;
        double u2 = r[ro + i2] * t2;
        double u3 = r[ro + i3] * t3;
        a0 += u0;
        a1 += u1;
        a2 += u2;
        a3 += u3;
        b0 += u0 * t0;
        b1 += u1 * t1;
        b2 += u2 * t2;
        b3 += u3 * t3;
      }
      laneRest(xt, xo, m, r, ro, l0, common, count[0], ab, a0, b0);
      a0 = ab[0];
      b0 = ab[1];
      laneRest(xt, xo, m, r, ro, l1, common, count[1], ab, a1, b1);
      a1 = ab[0];
      b1 = ab[1];
      laneRest(xt, xo, m, r, ro, l2, common, count[2], ab, a2, b2);
      a2 = ab[0];
      b2 = ab[1];
      laneRest(xt, xo, m, r, ro, l3, common, count[3], ab, a3, b3);
      a3 = ab[0];
      b3 = ab[1];
      st.s1[j * d + a] += (a0 + a1) + (a2 + a3);
      if (second) {
        st.s2[j * d + a] += (b0 + b1) + (b2 + b3);
      }
    }
  }

  /** Continues one partial sum pair (a, b) over rows[from, to); the result goes to ab. */
  private static void laneRest(double[] xt, int xo, double m, double[] r, int ro, int[] rows, int from, int to,
      double[] ab, double a, double b) {
    for (int p = from; p < to; p++) {
      int i = rows[p];
      double t = xt[xo + i] - m;
      double u = r[ro + i] * t;
      a += u;
      b += u * t;
    }
    ab[0] = a;
    ab[1] = b;
  }

  private static void diagonalMomentsDense(ComponentDensities cd, int j, double[] xt, int len, double[] r, int ro,
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
