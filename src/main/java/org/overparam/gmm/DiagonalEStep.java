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
 * sums over rows become element-wise additions into {@link #CHUNK} lanes (lane i adds rows i and
 * i + CHUNK, then i + 2 CHUNK and i + 3 CHUNK, ... of the block), which are summed at the end of the
 * block in a fixed order. Each loop is its own small method, so that C2 compiles it early and alone
 * (a single large method reached full speed only after seconds, which made timings depend on the
 * warm-up).
 *
 * <p>The log-densities, row maxima, exponentials and normalisers are bit-for-bit those of the
 * previous columnar E-step (kept in the tests as the reference), and so is the log-likelihood of a
 * block with unequal weights; N_j, the moment sums and the log-likelihood of equally weighted
 * blocks add the same terms in another order, so they agree to rounding. The result depends only
 * on the block, never on the thread count.
 */
final class DiagonalEStep {
  /** Rows per chunk: a chunk's columns, densities and lanes stay in the first-level cache ({@link #laneSum} folds 256). */
  static final int CHUNK = 256;

  private DiagonalEStep() {}

  /** Rows [from, to) as chunk-major columns: value (from + c * CHUNK + i, a) at [c][a][i]. */
  static double[][][] chunks(MixtureData data, int from, int to) {
    double[][][][] one = {new double[0][][]};
    chunks(data, from, to, to - from, one);
    return one[0];
  }

  /**
   * Fills every out[b] that is not null with the {@link #chunks} of block b, rows
   * [from + b blockRows, min(to, from + (b + 1) blockRows)). The arrays are allocated attribute by
   * attribute over all blocks, so that each attribute's values lie in one ascending run of memory, read
   * in that order by the E-step: the hardware prefetcher follows such runs (chunk by chunk, the E-step
   * was about 4% slower one thread, the data coming from memory in ten runs of 2 KB per chunk).
   */
  static void chunks(MixtureData data, int from, int to, int blockRows, double[][][][] out) {
    int d = data.d;
    for (int b = 0; b < out.length; b++) {
      if (out[b] != null) {
        int rows = Math.min(to, from + (b + 1) * blockRows) - (from + b * blockRows);
        out[b] = new double[(rows + CHUNK - 1) / CHUNK][d][];
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < out.length; b++) {
        if (out[b] == null) {
          continue;
        }
        int end = Math.min(to, from + (b + 1) * blockRows);
        for (int c = 0; c < out[b].length; c++) {
          out[b][c][a] = new double[Math.min(CHUNK, end - (from + b * blockRows + c * CHUNK))];
        }
      }
    }
    // filled chunk by chunk, whose rows stay in the cache while their d columns are copied
    for (int b = 0; b < out.length; b++) {
      for (int c = 0; out[b] != null && c < out[b].length; c++) {
        int f = from + b * blockRows + c * CHUNK;
        for (int a = 0; a < d; a++) {
          double[] col = out[b][c][a];
          for (int i = 0; i < col.length; i++) {
            col[i] = data.x[(f + i) * d + a];
          }
        }
      }
    }
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
    /** Four whole chunks of one component's responsibilities side by side, for {@link #moments4}. */
    final double[][] quads;
    /** The exponentials' arguments above the cutoff, packed, with j * CHUNK + i for each. */
    final double[] packed;
    final int[] where;
    final double[] expR;
    final double[] expK;

    Scratch(int k, int maxRows) {
      int nc = (maxRows + CHUNK - 1) / CHUNK;
      r = new double[k][nc][CHUNK];
      quads = new double[nc / 4][4 * CHUNK];
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
   * <p>Every loop is a small static kernel: C2 compiles each after a few blocks, in well under a
   * second, whereas one large method with many loops waited for on-stack replacement and a long
   * compilation (fits were up to 1.6 times slower while it lasted).
   *
   * @param equalWeights {@link #equalWeights}(w, k), computed once per block by the caller
   */
  static void accumulate(ComponentDensities cd, double[][][] x, double[][] w, boolean equalWeights,
      SufficientStats st, Scratch sc) {
    int k = cd.k;
    int lanes = Math.min(CHUNK, w[0].length);
    // With equal weights w (the usual case) sum_i w (max_i + log s_i) = w (sum_i max_i + sum_lanes
    // log prod s_i): a few logarithms of lane products per block instead of one per row (Math.log is
    // scalar and slow).
    double ll = 0;
    double[] maxLane = sc.lane1;
    double[] prod = sc.lane2;
    if (equalWeights) {
      java.util.Arrays.fill(maxLane, 0, lanes, 0.0);
      java.util.Arrays.fill(prod, 0, lanes, 1.0);
    }
    for (int c = 0; c < x.length; c++) {
      double[] wc = w[c];
      int len = wc.length;
      responsibilities(cd, sc, x[c], c, len);
      if (equalWeights) {
        laneLogLik(sc.max, sc.sum, maxLane, prod, len);
      } else {
        ll = rowLogLik(ll, sc.max, sc.sum, wc, len);
      }
      if (equalWeights) {
        divide(w[0][0], sc.sum, sc.rs, len); // the weights are not read from memory
      } else {
        divide(wc, sc.sum, sc.rs, len);
      }
      for (int j = 0; j < k; j++) {
        scale(sc.r[j][c], sc.rs, len);
      }
    }
    if (equalWeights) {
      ll = w[0][0] * (laneSum(maxLane, lanes) + sumOfLogs(prod, lanes, x.length, k));
    }
    st.logLik += ll;
    moments(cd, x, w, st, sc, lanes);
  }

  /**
   * Chunk c: sc.r[j][c] = exp(lp_j - max), sc.max the row maxima of lp, sc.sum the row sums of the
   * exponentials.
   */
  private static void responsibilities(ComponentDensities cd, Scratch sc, double[][] xc, int c, int len) {
    int k = cd.k;
    for (int j = 0; j < k; j++) {
      double[] lp = sc.r[j][c];
      logDensity(cd, j, xc, len, cd.logWeights[j] + cd.logNormComplete[j], sc.q, lp, sc.max);
    }
    exponentials(sc, c, k, len);
    // 0 + e = e for e >= 0: copying the first term gives the sum that starts from 0
    System.arraycopy(sc.r[0][c], 0, sc.sum, 0, len);
    for (int j = 1; j < k; j++) {
      addInto(sc.sum, sc.r[j][c], len);
    }
  }

  private static void divide(double w, double[] sum, double[] rs, int len) {
    for (int i = 0; i < len; i++) {
      rs[i] = w / sum[i];
    }
  }

  private static void divide(double[] w, double[] sum, double[] rs, int len) {
    for (int i = 0; i < len; i++) {
      rs[i] = w[i] / sum[i];
    }
  }

  private static void addInto(double[] s, double[] v, int len) {
    for (int i = 0; i < len; i++) {
      s[i] += v[i];
    }
  }

  private static void scale(double[] e, double[] f, int len) {
    for (int i = 0; i < len; i++) {
      e[i] *= f[i];
    }
  }

  private static void laneLogLik(double[] max, double[] sum, double[] maxLane, double[] prod, int len) {
    for (int i = 0; i < len; i++) {
      maxLane[i] += max[i];
      prod[i] *= sum[i];
    }
  }

  /**
   * The sum of log prod[i] over i &lt; n, where each prod[i] is a product of at most chunks normalisers
   * in [1, k]. Math.log is slow (one per lane took a twentieth of the E-step), so full lanes are first
   * multiplied together in halves (prod[i] *= prod[i + h]) while the products stay below e^690, short
   * of overflow: for k = 5 and 8 chunks, 8 logarithms instead of 256. Overwrites prod.
   */
  static double sumOfLogs(double[] prod, int n, int chunks, int k) {
    int m = n;
    if (n == CHUNK) {
      double logBound = chunks * Math.log(k); // of the largest product a lane can hold
      while (m > 1 && 2 * logBound <= 690) {
        int h = m / 2;
        for (int i = 0; i < h; i++) {
          prod[i] *= prod[i + h];
        }
        m = h;
        logBound *= 2;
      }
    }
    double logs = 0;
    for (int i = 0; i < m; i++) {
      logs += Math.log(prod[i]);
    }
    return logs;
  }

  /** ll plus the rows' w (max + log sum), added row by row. */
  private static double rowLogLik(double ll, double[] max, double[] sum, double[] w, int len) {
    for (int i = 0; i < len; i++) {
      ll += w[i] * (max[i] + Math.log(sum[i]));
    }
    return ll;
  }

  /**
   * N_j, s1 and s2 of the block from the weighted responsibilities in sc.r. Lane updates are loads
   * and stores, so several whole chunks go into each update: four (t0 + t1) + (t2 + t3), then pairs,
   * then the rest of the block one chunk at a time. With four separate responsibility arrays the
   * loop body is too large for C2 to unroll, and it stays scalar; with the four chunks copied side by
   * side into one array (constant offsets 0, CHUNK, 2 CHUNK, 3 CHUNK) it vectorises, and the copy,
   * made once per component, costs less than the loads and stores of lanes it saves (2-3% of the
   * E-step against pairs only).
   */
  private static void moments(ComponentDensities cd, double[][][] x, double[][] w, SufficientStats st, Scratch sc,
      int lanes) {
    int k = cd.k;
    int d = cd.d;
    int nc = x.length;
    int whole = w[nc - 1].length == CHUNK ? nc : nc - 1;
    int fours = whole - whole % 4;
    int pairs = fours + (whole - fours) / 2 * 2;
    boolean second = cd.p.type != CovarianceType.IDENTITY;
    double[] l1 = sc.lane1;
    double[] l2 = sc.lane2;
    double[][] quads = sc.quads;
    for (int j = 0; j < k; j++) {
      double[][] r = sc.r[j];
      java.util.Arrays.fill(l1, 0, lanes, 0.0);
      for (int c = 0; c < fours; c += 4) {
        double[] q = quads[c / 4];
        for (int t = 0; t < 4; t++) {
          System.arraycopy(r[c + t], 0, q, t * CHUNK, CHUNK);
        }
        sum4(l1, q);
      }
      for (int c = fours; c < pairs; c += 2) {
        sum2(l1, r[c], r[c + 1]);
      }
      for (int c = pairs; c < nc; c++) {
        addInto(l1, r[c], w[c].length);
      }
      st.nk[j] += laneSum(l1, lanes);
      for (int a = 0; a < d; a++) {
        double m = cd.p.means[j * d + a];
        java.util.Arrays.fill(l1, 0, lanes, 0.0);
        if (second) {
          java.util.Arrays.fill(l2, 0, lanes, 0.0);
          for (int c = 0; c < fours; c += 4) {
            moments4(l1, l2, m, quads[c / 4], x[c][a], x[c + 1][a], x[c + 2][a], x[c + 3][a]);
          }
          for (int c = fours; c < pairs; c += 2) {
            moments2(l1, l2, m, r[c], x[c][a], r[c + 1], x[c + 1][a]);
          }
          for (int c = pairs; c < nc; c++) {
            moments1(l1, l2, m, r[c], x[c][a], w[c].length);
          }
          st.s2[j * d + a] += laneSum(l2, lanes);
        } else {
          for (int c = 0; c < fours; c += 4) {
            first4(l1, m, quads[c / 4], x[c][a], x[c + 1][a], x[c + 2][a], x[c + 3][a]);
          }
          for (int c = fours; c < pairs; c += 2) {
            first2(l1, m, r[c], x[c][a], r[c + 1], x[c + 1][a]);
          }
          for (int c = pairs; c < nc; c++) {
            first1(l1, m, r[c], x[c][a], w[c].length);
          }
        }
        st.s1[j * d + a] += laneSum(l1, lanes);
      }
    }
  }

  private static void sum4(double[] l, double[] q) {
    for (int i = 0; i < CHUNK; i++) {
      l[i] += (q[i] + q[i + CHUNK]) + (q[i + 2 * CHUNK] + q[i + 3 * CHUNK]);
    }
  }

  private static void sum2(double[] l, double[] r0, double[] r1) {
    for (int i = 0; i < CHUNK; i++) {
      l[i] += r0[i] + r1[i];
    }
  }

  /** Four chunks: q holds their responsibilities side by side, x0 to x3 their values of one attribute. */
  private static void moments4(double[] l1, double[] l2, double m, double[] q, double[] x0, double[] x1,
      double[] x2, double[] x3) {
    for (int i = 0; i < CHUNK; i++) {
      double t0 = x0[i] - m;
      double t1 = x1[i] - m;
      double t2 = x2[i] - m;
      double t3 = x3[i] - m;
      double u0 = q[i] * t0;
      double u1 = q[i + CHUNK] * t1;
      double u2 = q[i + 2 * CHUNK] * t2;
      double u3 = q[i + 3 * CHUNK] * t3;
      l1[i] += (u0 + u1) + (u2 + u3);
      l2[i] += (u0 * t0 + u1 * t1) + (u2 * t2 + u3 * t3);
    }
  }

  private static void moments2(double[] l1, double[] l2, double m, double[] r0, double[] x0, double[] r1,
      double[] x1) {
    for (int i = 0; i < CHUNK; i++) {
      double t0 = x0[i] - m;
      double t1 = x1[i] - m;
      double u0 = r0[i] * t0;
      double u1 = r1[i] * t1;
      l1[i] += u0 + u1;
      l2[i] += u0 * t0 + u1 * t1;
    }
  }

  private static void moments1(double[] l1, double[] l2, double m, double[] r, double[] x, int len) {
    for (int i = 0; i < len; i++) {
      double t = x[i] - m;
      double u = r[i] * t;
      l1[i] += u;
      l2[i] += u * t;
    }
  }

  private static void first4(double[] l1, double m, double[] q, double[] x0, double[] x1, double[] x2, double[] x3) {
    for (int i = 0; i < CHUNK; i++) {
      l1[i] += (q[i] * (x0[i] - m) + q[i + CHUNK] * (x1[i] - m))
          + (q[i + 2 * CHUNK] * (x2[i] - m) + q[i + 3 * CHUNK] * (x3[i] - m));
    }
  }

  private static void first2(double[] l1, double m, double[] r0, double[] x0, double[] r1, double[] x1) {
    for (int i = 0; i < CHUNK; i++) {
      l1[i] += r0[i] * (x0[i] - m) + r1[i] * (x1[i] - m);
    }
  }

  private static void first1(double[] l1, double m, double[] r, double[] x, int len) {
    for (int i = 0; i < len; i++) {
      l1[i] += r[i] * (x[i] - m);
    }
  }

  /**
   * Chunk c's log-densities become exp(lp - max), bit-for-bit {@link FastExp#expNonPositive}. Most
   * arguments fall below its cutoff (their result is 0) or are 0 (the row's maximum; the result is 1):
   * the others are listed without branches (a branch per term mispredicts, each row's winner being
   * unpredictable), packed, and given to {@link FastExp#expListed}, which vectorises.
   */
  private static void exponentials(Scratch sc, int c, int k, int len) {
    int n = 0;
    for (int j = 0; j < k; j++) {
      double[] lp = sc.r[j][c];
      n = list(lp, sc.max, len, j * CHUNK, sc.packed, sc.where, n);
      zeroOrOne(lp, sc.max, len);
    }
    FastExp.expListed(sc.packed, n, sc.expR, sc.expK);
    scatter(sc.r, c, sc.packed, sc.where, n);
  }

  /**
   * Appends the e = lp[i] - max[i] in [cutoff, 0) to packed from n on, with base + i to where; returns
   * the new n. The test is sign-bit arithmetic (e &lt; 0 and e - cutoff &gt;= +0; e is never -0, and a
   * NaN from infinities has its sign bit set), so C2 cannot turn it into a branch, which would
   * mispredict on every row (in a profile, runs where this loop was inlined into its caller spent twice
   * as long in it).
   */
  private static int list(double[] lp, double[] max, int len, int base, double[] packed, int[] where, int n) {
    for (int i = 0; i < len; i++) {
      double e = lp[i] - max[i];
      packed[n] = e;
      where[n] = base + i;
      n += (int) ((Double.doubleToRawLongBits(e) & ~Double.doubleToRawLongBits(e - FastExp.CUTOFF)) >>> 63);
    }
    return n;
  }

  /**
   * lp[i] = exp(v) for the unlisted v = lp[i] - max[i], 0 (result 1) or below the cutoff
   * (1 + v * 1e300 &lt; 0, result 0), without a branch; the listed ones are overwritten later. NaN
   * stays NaN (the row's log-likelihood is not finite either way).
   */
  private static void zeroOrOne(double[] lp, double[] max, int len) {
    for (int i = 0; i < len; i++) {
      lp[i] = Math.max(0.0, 1.0 + (lp[i] - max[i]) * 1e300);
    }
  }

  private static void scatter(double[][][] r, int c, double[] packed, int[] where, int n) {
    for (int p = 0; p < n; p++) {
      int at = where[p];
      r[at / CHUNK][c][at % CHUNK] = packed[p];
    }
  }

  /**
   * The sum of lanes[0, n), which it overwrites: a full chunk of lanes is folded in halves down to 8
   * (a[i] += a[i + h], h = 128, 64, ..., 8) and those summed pairwise; otherwise eight partial sums (lane i to
   * sum i mod 8, pairwise at the end): the chains of dependent additions, not the additions, bound a
   * scalar sum.
   */
  static double laneSum(double[] lanes, int n) {
    if (n == CHUNK) {
      fold256To64(lanes);
      fold64To8(lanes);
      return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    }
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

  // constant offsets: C2 vectorises these, not a loop with a variable one. Each loop does the work of
  // two or three halvings a[i] += a[i + h] in the same order (the same sums), with fewer passes.
  private static void fold256To64(double[] a) {
    for (int i = 0; i < 64; i++) {
      a[i] = (a[i] + a[i + 128]) + (a[i + 64] + a[i + 192]);
    }
  }

  private static void fold64To8(double[] a) {
    for (int i = 0; i < 8; i++) {
      a[i] = ((a[i] + a[i + 32]) + (a[i + 16] + a[i + 48])) + ((a[i + 8] + a[i + 40]) + (a[i + 24] + a[i + 56]));
    }
  }

  /**
   * lp[i] = c - q_i / 2 with q_i = sum_a (x_ia - mu_a)^2 prec_a, summed over a in index order as
   * ((term_0 + term_1) + ...) (the same value as starting from 0, the terms being &gt;= 0 or NaN), two
   * columns per pass over q (with four the loop is too large for C2 to vectorise); max[i] becomes
   * lp[i] for j = 0, else the larger of the two.
   */
  static void logDensity(ComponentDensities cd, int j, double[][] x, int len, double c, double[] q, double[] lp,
      double[] max) {
    int d = cd.d;
    double[] mu = cd.p.means;
    double[] pr = cd.prec;
    int o = j * d;
    int a;
    if (d % 2 == 1) {
      init1(q, len, x[0], mu[o], pr[o]);
      a = 1;
    } else {
      init2(q, len, x[0], mu[o], pr[o], x[1], mu[o + 1], pr[o + 1]);
      a = 2;
    }
    for (; a < d; a += 2) {
      int b = o + a;
      add2(q, len, x[a], mu[b], pr[b], x[a + 1], mu[b + 1], pr[b + 1]);
    }
    if (j == 0) {
      finishFirst(q, len, c, lp, max);
    } else {
      finishMax(q, len, c, lp, max);
    }
  }

  private static void finishFirst(double[] q, int len, double c, double[] lp, double[] max) {
    for (int i = 0; i < len; i++) {
      double v = c - 0.5 * q[i];
      lp[i] = v;
      max[i] = v;
    }
  }

  private static void finishMax(double[] q, int len, double c, double[] lp, double[] max) {
    for (int i = 0; i < len; i++) {
      double v = c - 0.5 * q[i];
      lp[i] = v;
      max[i] = Math.max(max[i], v);
    }
  }

  private static void init1(double[] q, int len, double[] x0, double m0, double p0) {
    for (int i = 0; i < len; i++) {
      double t0 = x0[i] - m0;
      q[i] = t0 * t0 * p0;
    }
  }

  private static void init2(double[] q, int len, double[] x0, double m0, double p0, double[] x1, double m1,
      double p1) {
    for (int i = 0; i < len; i++) {
      double t0 = x0[i] - m0;
      double t1 = x1[i] - m1;
      q[i] = t0 * t0 * p0 + t1 * t1 * p1;
    }
  }

  private static void add2(double[] q, int len, double[] x0, double m0, double p0, double[] x1, double m1,
      double p1) {
    for (int i = 0; i < len; i++) {
      double t0 = x0[i] - m0;
      double t1 = x1[i] - m1;
      q[i] = (q[i] + t0 * t0 * p0) + t1 * t1 * p1;
    }
  }
}
