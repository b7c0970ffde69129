// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The E-step and sufficient statistics of the diagonal family (DIAG, SPHERICAL, IDENTITY) for one
 * block of complete, purely numeric rows, written so that C2 turns every pass into SIMD code.
 *
 * <p>C2 in JDK 17 vectorises a loop only when all its arrays are indexed alike: {@code x[o + i]}
 * next to {@code q[i]} stays scalar (5 to 7 times slower here). So the block is cut into chunks of
 * {@link #CHUNK} rows, each column of each chunk its own array, and every loop indexes every array
 * by the same {@code i}. The moment sums, which C2 does not vectorise as reductions, become
 * element-wise accumulations into {@link #CHUNK} lanes (lane i adds rows i, i + CHUNK, ... of the
 * block in order), summed at the end of the block in a fixed order.
 *
 * <p>The log-densities, row maxima, exponentials, normalisers and the log-likelihood are bit-for-bit
 * those of {@link ColumnarEStep}; N_j and the moment sums add the same terms in another order, so
 * they agree to rounding. The result depends only on the block, never on the thread count.
 */
final class DiagonalEStep {
  /** Rows per chunk: a chunk's columns, densities and lanes stay in the first-level cache. */
  static final int CHUNK = 256;

  private DiagonalEStep() {}

  /** Rows [from, to) as chunk-major columns: value (from + c * CHUNK + i, a) at [c][a][i]. */
  static double[][][] chunks(MixtureData data, int from, int to) {
    int d = data.d;
    int nc = (to - from + CHUNK - 1) / CHUNK;
    double[][][] out = new double[nc][d][];
    for (int c = 0; c < nc; c++) {
      int f = from + c * CHUNK;
      int len = Math.min(CHUNK, to - f);
      for (int a = 0; a < d; a++) {
        double[] col = new double[len];
        for (int i = 0; i < len; i++) {
          col[i] = data.x[(f + i) * d + a];
        }
        out[c][a] = col;
      }
    }
    return out;
  }

  /** The weights of rows [from, to) in the chunks of {@link #chunks}. */
  static double[][] weights(MixtureData data, int from, int to) {
    int nc = (to - from + CHUNK - 1) / CHUNK;
    double[][] out = new double[nc][];
    for (int c = 0; c < nc; c++) {
      int f = from + c * CHUNK;
      out[c] = java.util.Arrays.copyOfRange(data.w, f, Math.min(to, f + CHUNK));
    }
    return out;
  }

  /** Working arrays of one worker thread, sized for blocks of up to maxRows rows. */
  static final class Scratch {
    /** [j][c]: the log-densities of chunk c, then its weighted responsibilities w_i r_ij. */
    final double[][][] r;
    /** [j][c]: the rows of chunk c whose responsibility for j is not flushed to 0, and their count. */
    final int[][][] rows;
    final int[][] count;
    final double[] q = new double[CHUNK];
    final double[] max = new double[CHUNK];
    final double[] sum = new double[CHUNK];
    final double[] rs = new double[CHUNK];
    final double[] xs = new double[CHUNK];
    final double[] lane1 = new double[CHUNK];
    final double[] lane2 = new double[CHUNK];

    /** Whether every row of the block has the same weight and the lanes' products cannot overflow. */
    boolean equalWeights(double[][] w, int k) {
      if (w.length * Math.log(k) > 600) {
        return false;
      }
      double w0 = w[0][0];
      for (double[] wc : w) {
        for (double v : wc) {
          if (v != w0) {
            return false;
          }
        }
      }
      return true;
    }

    Scratch(int k, int maxRows) {
      int nc = (maxRows + CHUNK - 1) / CHUNK;
      r = new double[k][nc][CHUNK];
      rows = new int[k][nc][CHUNK];
      count = new int[k][nc];
    }
  }

  /** Adds the statistics of the block (x from {@link #chunks}, w from {@link #weights}) to st. */
  static void accumulate(ComponentDensities cd, double[][][] x, double[][] w, SufficientStats st, Scratch sc) {
    int k = cd.k;
    double[] max = sc.max;
    double[] sum = sc.sum;
    double[] rs = sc.rs;
    double[] xs = sc.xs;
    double ll = 0;
    int nonzero = 0;
    int lanes = Math.min(CHUNK, w[0].length);
    // Equal weights w (the usual case): sum_i w (max_i + log s_i) = w (sum_i max_i + sum_lanes log prod_i s_i),
    // one logarithm per lane instead of one per row. 1 <= s_i <= k, so a lane's product stays below
    // k^chunks, far from overflow for any practical k (checked).
    boolean equalWeights = sc.equalWeights(w, k);
    double[] maxLane = sc.lane1;
    double[] prod = sc.lane2;
    if (equalWeights) {
      java.util.Arrays.fill(maxLane, 0, lanes, 0.0);
      java.util.Arrays.fill(prod, 0, lanes, 1.0);
    }
    for (int c = 0; c < x.length; c++) {
      double[][] xc = x[c];
      double[] wc = w[c];
      int len = wc.length;
      for (int j = 0; j < k; j++) {
        double[] lp = sc.r[j][c];
        logDensity(cd, j, xc, len, cd.logWeights[j] + cd.logNormComplete[j], sc.q, lp);
        if (j == 0) {
          System.arraycopy(lp, 0, max, 0, len);
        } else {
          for (int i = 0; i < len; i++) {
            max[i] = Math.max(max[i], lp[i]);
          }
        }
      }
      java.util.Arrays.fill(sum, 0, len, 0.0);
      for (int j = 0; j < k; j++) {
        double[] lp = sc.r[j][c];
        for (int i = 0; i < len; i++) {
          xs[i] = lp[i] - max[i];
        }
        // most terms fall below the cutoff: list the others without branches, then take their
        // exponentials (a branch per term mispredicts often, the rows' winners being unpredictable)
        int[] list = sc.rows[j][c];
        int n = 0;
        for (int i = 0; i < len; i++) {
          list[n] = i;
          n += xs[i] >= FastExp.CUTOFF ? 1 : 0;
        }
        sc.count[j][c] = n;
        nonzero += n;
        java.util.Arrays.fill(lp, 0, len, 0.0);
        for (int p = 0; p < n; p++) {
          int i = list[p];
          lp[i] = FastExp.expNonPositive(xs[i]);
        }
        for (int i = 0; i < len; i++) {
          sum[i] += lp[i];
        }
      }
      if (equalWeights) {
        for (int i = 0; i < len; i++) {
          maxLane[i] += max[i];
          prod[i] *= sum[i];
        }
      } else {
        for (int i = 0; i < len; i++) {
          ll += wc[i] * (max[i] + Math.log(sum[i]));
        }
      }
      for (int i = 0; i < len; i++) {
        rs[i] = wc[i] / sum[i];
      }
      for (int j = 0; j < k; j++) {
        double[] e = sc.r[j][c];
        for (int i = 0; i < len; i++) {
          e[i] *= rs[i];
        }
      }
    }
    if (equalWeights) {
      double logs = 0;
      for (int i = 0; i < lanes; i++) {
        logs += Math.log(prod[i]);
      }
      ll = w[0][0] * (ColumnarEStep.sum(maxLane, 0, lanes) + logs);
    }
    st.logLik += ll;
    int total = 0;
    for (double[] wc : w) {
      total += wc.length;
    }
    boolean sparse = nonzero <= k * (total - total / 4);
    for (int j = 0; j < k; j++) {
      double[][] rj = sc.r[j];
      double[] l1 = sc.lane1;
      java.util.Arrays.fill(l1, 0, lanes, 0.0);
      for (int c = 0; c < x.length; c++) {
        double[] r = rj[c];
        int len = w[c].length;
        for (int i = 0; i < len; i++) {
          l1[i] += r[i];
        }
      }
      st.nk[j] += ColumnarEStep.sum(l1, 0, lanes);
      if (sparse) {
        sparseMoments(cd, j, x, sc, st);
      } else {
        denseMoments(cd, j, x, lanes, sc, st);
      }
    }
  }

  /**
   * s1 and s2 of component j over the listed rows, with four partial sums (list position mod 4;
   * the rest of each chunk's list to sum 0), the chunks in order.
   */
  private static void sparseMoments(ComponentDensities cd, int j, double[][][] x, Scratch sc, SufficientStats st) {
    int d = cd.d;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    double[][] rj = sc.r[j];
    int[][] rows = sc.rows[j];
    int[] count = sc.count[j];
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double b0 = 0;
      double b1 = 0;
      double b2 = 0;
      double b3 = 0;
      for (int c = 0; c < x.length; c++) {
        double[] xa = x[c][a];
        double[] r = rj[c];
        int[] list = rows[c];
        int n = count[c];
        int p = 0;
        for (; p + 3 < n; p += 4) {
          int i0 = list[p];
          int i1 = list[p + 1];
          int i2 = list[p + 2];
          int i3 = list[p + 3];
          double t0 = xa[i0] - m;
          double t1 = xa[i1] - m;
          double t2 = xa[i2] - m;
          double t3 = xa[i3] - m;
          double u0 = r[i0] * t0;
          double u1 = r[i1] * t1;
          double u2 = r[i2] * t2;
          double u3 = r[i3] * t3;
          a0 += u0;
          a1 += u1;
          a2 += u2;
          a3 += u3;
          b0 += u0 * t0;
          b1 += u1 * t1;
          b2 += u2 * t2;
          b3 += u3 * t3;
        }
        for (; p < n; p++) {
          int i = list[p];
          double t = xa[i] - m;
          double u = r[i] * t;
          a0 += u;
          b0 += u * t;
        }
      }
      st.s1[j * d + a] += (a0 + a1) + (a2 + a3);
      if (second) {
        st.s2[j * d + a] += (b0 + b1) + (b2 + b3);
      }
    }
  }

  /** s1 and s2 of component j over all rows, in lanes (lane i: rows i, i + CHUNK, ...). */
  private static void denseMoments(ComponentDensities cd, int j, double[][][] x, int lanes, Scratch sc,
      SufficientStats st) {
    int d = cd.d;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    double[][] rj = sc.r[j];
    double[] l1 = sc.lane1;
    double[] l2 = sc.lane2;
    for (int a = 0; a < d; a++) {
      double m = cd.p.means[j * d + a];
      java.util.Arrays.fill(l1, 0, lanes, 0.0);
      java.util.Arrays.fill(l2, 0, lanes, 0.0);
      for (int c = 0; c < x.length; c++) {
        double[] r = rj[c];
        double[] xa = x[c][a];
        int len = xa.length;
        for (int i = 0; i < len; i++) {
          double t = xa[i] - m;
          double u = r[i] * t;
          l1[i] += u;
          l2[i] += u * t;
        }
      }
      st.s1[j * d + a] += ColumnarEStep.sum(l1, 0, lanes);
      if (second) {
        st.s2[j * d + a] += ColumnarEStep.sum(l2, 0, lanes);
      }
    }
  }

  /**
   * lp[i] = c - q_i / 2 with q_i = sum_a (x_ia - mu_a)^2 prec_a, rounded exactly as in
   * {@link ColumnarEStep#diagonalLogDensity}: columns in index order, two per pass.
   */
  static void logDensity(ComponentDensities cd, int j, double[][] x, int len, double c, double[] q, double[] lp) {
    int d = cd.d;
    double[] means = cd.p.means;
    double[] prec = cd.prec;
    int a = 0;
    if (d % 2 == 1) {
      double m0 = means[j * d];
      double p0 = prec[j * d];
      double[] x0 = x[0];
      if (d == 1) {
        for (int i = 0; i < len; i++) {
          double t0 = x0[i] - m0;
          lp[i] = c - 0.5 * (t0 * t0 * p0);
        }
        return;
      }
      for (int i = 0; i < len; i++) {
        double t0 = x0[i] - m0;
        q[i] = t0 * t0 * p0;
      }
      a = 1;
    } else {
      java.util.Arrays.fill(q, 0, len, 0.0);
    }
    for (; a < d; a += 2) {
      double m0 = means[j * d + a];
      double p0 = prec[j * d + a];
      double m1 = means[j * d + a + 1];
      double p1 = prec[j * d + a + 1];
      double[] x0 = x[a];
      double[] x1 = x[a + 1];
      if (a + 2 < d) {
        for (int i = 0; i < len; i++) {
          double t0 = x0[i] - m0;
          double t1 = x1[i] - m1;
          q[i] = (q[i] + t0 * t0 * p0) + t1 * t1 * p1;
        }
      } else {
        for (int i = 0; i < len; i++) {
          double t0 = x0[i] - m0;
          double t1 = x1[i] - m1;
          lp[i] = c - 0.5 * ((q[i] + t0 * t0 * p0) + t1 * t1 * p1);
        }
      }
    }
  }
}
