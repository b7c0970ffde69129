// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The E-step and sufficient statistics of the diagonal family (DIAG, SPHERICAL, IDENTITY) for one
 * block of complete, purely numeric rows, written so that C2 turns the passes into SIMD code.
 *
 * <p>C2 in JDK 17 vectorises a loop only when all its arrays are indexed alike: {@code x[o + i]}
 * next to {@code q[i]} stays scalar (five to seven times slower here). So the block is cut into
 * chunks of {@link #CHUNK} rows, each column of each chunk its own array, and every loop indexes
 * every array by the same {@code i}. C2 does not vectorise floating-point reductions either: the
 * sums over rows become element-wise additions into {@link #CHUNK} lanes (lane i adds rows i,
 * i + CHUNK, ... of the block in order), which are summed at the end of the block in a fixed order.
 *
 * <p>The log-densities, row maxima, exponentials and normalisers are bit-for-bit those of the
 * previous columnar E-step (kept in the tests as the reference), and so is the log-likelihood of a
 * block with unequal weights; N_j, the moment sums and the log-likelihood of equally weighted
 * blocks add the same terms in another order, so they agree to rounding. The result depends only
 * on the block, never on the thread count.
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
    final double[] q = new double[CHUNK];
    final double[] max = new double[CHUNK];
    final double[] sum = new double[CHUNK];
    final double[] rs = new double[CHUNK];
    final double[] lane1 = new double[CHUNK];
    final double[] lane2 = new double[CHUNK];
    /** The exponentials' arguments above the cutoff, packed, with j * CHUNK + i for each. */
    final double[] packed;
    final int[] where;
    final double[] expR;
    final double[] expK;

    Scratch(int k, int maxRows) {
      int nc = (maxRows + CHUNK - 1) / CHUNK;
      r = new double[k][nc][CHUNK];
      packed = new double[k * CHUNK];
      where = new int[k * CHUNK];
      expR = new double[k * CHUNK];
      expK = new double[k * CHUNK];
    }
  }

  /**
   * Whether all rows of the block have the same weight and a lane's product of at most
   * w.length normalisers in [1, k] stays far from overflow.
   */
  static boolean equalWeights(double[][] w, int k) {
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

  /**
   * Adds the statistics of the block (x from {@link #chunks}, w from {@link #weights}) to st.
   *
   * @param equalWeights {@link #equalWeights}(w, k), computed once per block by the caller
   */
  static void accumulate(ComponentDensities cd, double[][][] x, double[][] w, boolean equalWeights,
      SufficientStats st, Scratch sc) {
    int k = cd.k;
    int d = cd.d;
    double[] max = sc.max;
    double[] sum = sc.sum;
    double[] rs = sc.rs;
    int lanes = Math.min(CHUNK, w[0].length);
    // With equal weights w (the usual case) sum_i w (max_i + log s_i) = w (sum_i max_i + sum_lanes
    // log prod s_i): one logarithm per lane instead of one per row (Math.log is scalar and slow).
    double ll = 0;
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
      exponentials(sc, c, k, len);
      java.util.Arrays.fill(sum, 0, len, 0.0);
      for (int j = 0; j < k; j++) {
        double[] e = sc.r[j][c];
        for (int i = 0; i < len; i++) {
          sum[i] += e[i];
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
      ll = w[0][0] * (laneSum(maxLane, lanes) + logs);
    }
    st.logLik += ll;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    double[] l1 = sc.lane1;
    double[] l2 = sc.lane2;
    for (int j = 0; j < k; j++) {
      double[][] rj = sc.r[j];
      java.util.Arrays.fill(l1, 0, lanes, 0.0);
      for (int c = 0; c < x.length; c++) {
        double[] r = rj[c];
        int len = w[c].length;
        for (int i = 0; i < len; i++) {
          l1[i] += r[i];
        }
      }
      st.nk[j] += laneSum(l1, lanes);
      for (int a = 0; a < d; a++) {
        double m = cd.p.means[j * d + a];
        java.util.Arrays.fill(l1, 0, lanes, 0.0);
        java.util.Arrays.fill(l2, 0, lanes, 0.0);
        for (int c = 0; c < x.length; c++) {
          double[] r = rj[c];
          double[] xa = x[c][a];
          int len = xa.length;
          if (second) {
            for (int i = 0; i < len; i++) {
              double t = xa[i] - m;
              double u = r[i] * t;
              l1[i] += u;
              l2[i] += u * t;
            }
          } else {
            for (int i = 0; i < len; i++) {
              l1[i] += r[i] * (xa[i] - m);
            }
          }
        }
        st.s1[j * d + a] += laneSum(l1, lanes);
        if (second) {
          st.s2[j * d + a] += laneSum(l2, lanes);
        }
      }
    }
  }

  /**
   * Chunk c's log-densities become exp(lp - max), bit-for-bit {@link FastExp#expNonPositive}. Most
   * arguments fall below its cutoff (their result is 0): the others are listed without branches (a
   * branch per term mispredicts, each row's winner being unpredictable), packed, and given to
   * {@link FastExp#expListed}, which vectorises.
   */
  private static void exponentials(Scratch sc, int c, int k, int len) {
    double[] max = sc.max;
    double[] packed = sc.packed;
    int[] where = sc.where;
    int n = 0;
    for (int j = 0; j < k; j++) {
      double[] lp = sc.r[j][c];
      for (int i = 0; i < len; i++) {
        lp[i] -= max[i];
      }
      int base = j * CHUNK;
      for (int i = 0; i < len; i++) {
        double v = lp[i];
        packed[n] = v;
        where[n] = base + i;
        n += v >= FastExp.CUTOFF ? 1 : 0;
      }
      java.util.Arrays.fill(lp, 0, len, 0.0);
    }
    FastExp.expListed(packed, n, sc.expR, sc.expK);
    for (int p = 0; p < n; p++) {
      int at = where[p];
      sc.r[at / CHUNK][c][at % CHUNK] = packed[p];
    }
  }

  /**
   * The sum of lanes[0, n) with eight partial sums (lane i to sum i mod 8, pairwise at the end): the
   * chains of dependent additions, not the additions, bound a scalar sum.
   */
  static double laneSum(double[] lanes, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += lanes[i];
      s1 += lanes[i + 1];
      s2 += lanes[i + 2];
      s3 += lanes[i + 3];
      s4 += lanes[i + 4];
      s5 += lanes[i + 5];
      s6 += lanes[i + 6];
      s7 += lanes[i + 7];
    }
    for (; i < n; i++) {
      s0 += lanes[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * lp[i] = c - q_i / 2 with q_i = sum_a (x_ia - mu_a)^2 prec_a, summed over a in index order as
   * (((0 + term_0) + term_1) + ...), two columns per pass (the first column is assigned instead of
   * added to 0, which gives the same value for the terms, &gt;= 0 or NaN).
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
