// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import java.util.Arrays;
import org.overparam.common.Checks;

/**
 * The fairness-constrained error (Veldanda et al.): per-group thresholds (tauS, tauR) on a grid of
 * logits, chosen to maximise accuracy subject to |rate_S(tauS) - rate_R(tauR)| <= epsilon, where
 * rate is the FNR (label POSITIVE) or the FPR (label NEGATIVE). Ties go to the later pair in the
 * order (i ascending, j ascending), as in the authors' {@code >=} double loop.
 *
 * <p>Instead of the T^2 double loop: the rate curves come from one sort per cell; the rate of R is
 * monotone in j, so for each i the feasible j form one interval, found by binary search; the best
 * j in it comes from a sparse table of rightmost arg-maxima. O(n log n + T log T) in total.
 * The accuracy of a pair is (c_S[i] + c_R[j]) / total weight, with c_g the weight of correctly
 * classified rows of group g (the split's own cell proportions: plain accuracy).
 */
public final class ThresholdSearch {
  public static final int DEFAULT_GRID = 10000;
  public static final double DEFAULT_RANGE = 20;

  private final int grid;
  private final double range;
  private final double tolerance;

  /**
   * @param grid number T of thresholds (>= 2)
   * @param range thresholds are evenly spaced on [-range, range] (> 0)
   * @param tolerance the allowed gap epsilon, in [0, 1]
   */
  public ThresholdSearch(int grid, double range, double tolerance) {
    Checks.require(grid >= 2, "threshold-grid must be >= 2, got " + grid);
    this.grid = grid;
    this.range = Checks.positive("threshold-range", range);
    this.tolerance = Checks.inClosed("gap-tolerance", tolerance, 0, 1);
  }

  /** The default grid (10000 logits on [-20, 20]) with the given tolerance. */
  public static ThresholdSearch withTolerance(double tolerance) {
    return new ThresholdSearch(DEFAULT_GRID, DEFAULT_RANGE, tolerance);
  }

  /**
   * The chosen pair; NaN thresholds and accuracy when no pair is feasible.
   *
   * @param tauS threshold of group S
   * @param tauR threshold of group R
   * @param accuracy weighted accuracy of the pair on the searched data
   * @param gap |rate_S - rate_R| at the pair
   */
  public record Choice(double tauS, double tauR, double accuracy, double gap) implements java.io.Serializable {
    public boolean feasible() {
      return !Double.isNaN(accuracy);
    }

    /** 1 - accuracy: the fairness-constrained error. */
    public double error() {
      return 1 - accuracy;
    }

    static final Choice INFEASIBLE = new Choice(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Threshold i of the grid. */
  public double tau(int i) {
    return -range + 2 * range * i / (grid - 1);
  }

  public int grid() {
    return grid;
  }

  public double tolerance() {
    return tolerance;
  }

  /** Rate and correctly classified weight of one group along the grid. */
  record Curves(double[] rate, double[] correct) {}

  /**
   * Runs the search.
   *
   * @param score positive score (logit) per row; positive prediction iff score >= tau
   * @param positive true label is positive
   * @param sensitive row belongs to group S (else R)
   * @param w weights, or null for all 1
   * @param label which rate to equalise
   */
  public Choice search(double[] score, boolean[] positive, boolean[] sensitive, double[] w, MinDiffLabel label) {
    double total = 0;
    for (int i = 0; i < score.length; i++) {
      total += w == null ? 1 : w[i];
    }
    Curves s = curves(score, positive, sensitive, w, true, label);
    Curves r = curves(score, positive, sensitive, w, false, label);
    if (s == null || r == null) {
      return Choice.INFEASIBLE;
    }
    // Search on non-decreasing keys: FNR rises with tau, FPR falls, so its key is -FPR; the gap
    // |a - b| = |(-a) - (-b)| exactly, so feasibility is unchanged.
    double sign = label == MinDiffLabel.POSITIVE ? 1 : -1;
    double[] keyS = scale(s.rate(), sign);
    double[] keyR = scale(r.rate(), sign);
    RightmostMax table = new RightmostMax(r.correct());
    int bestI = -1;
    int bestJ = -1;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < grid; i++) {
      int lo = firstNotTooLow(keyR, keyS[i]);
      int hi = lastNotTooHigh(keyR, keyS[i]);
      if (lo > hi) {
        continue;
      }
      int j = table.argmax(lo, hi);
      double acc = s.correct()[i] + r.correct()[j];
      if (acc >= best) {
        best = acc;
        bestI = i;
        bestJ = j;
      }
    }
    if (bestI < 0) {
      return Choice.INFEASIBLE;
    }
    return new Choice(tau(bestI), tau(bestJ), best / total, Math.abs(s.rate()[bestI] - r.rate()[bestJ]));
  }

  /** First j with !(k - keyR[j] > eps) (keyR non-decreasing, so the false ones form a suffix). */
  private int firstNotTooLow(double[] keyR, double k) {
    int lo = 0;
    int hi = keyR.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (k - keyR[mid] > tolerance) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Last j with !(keyR[j] - k > eps). */
  private int lastNotTooHigh(double[] keyR, double k) {
    int lo = 0;
    int hi = keyR.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keyR[mid] - k > tolerance) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo - 1;
  }

  /**
   * Rate and accuracy contribution of one group at every grid threshold, or null when the group
   * has no rows of the label whose rate is equalised (the rate is undefined).
   */
  Curves curves(double[] score, boolean[] positive, boolean[] sensitive, double[] w, boolean group,
      MinDiffLabel label) {
    int n = 0;
    for (boolean b : sensitive) {
      n += b == group ? 1 : 0;
    }
    double[][] pos = new double[2][];
    double[][] neg = new double[2][];
    cell(score, positive, sensitive, w, group, true, pos);
    cell(score, positive, sensitive, w, group, false, neg);
    double wPos = sum(pos[1]);
    double wNeg = sum(neg[1]);
    if ((label == MinDiffLabel.POSITIVE ? wPos : wNeg) <= 0 || n == 0) {
      return null;
    }
    double[] rate = new double[grid];
    double[] correct = new double[grid];
    int ip = 0;
    int in = 0;
    double below = 0; // weight of positives with score < tau (false negatives)
    double negBelow = 0; // weight of negatives with score < tau (true negatives)
    for (int t = 0; t < grid; t++) {
      double tau = tau(t);
      while (ip < pos[0].length && pos[0][ip] < tau) {
        below += pos[1][ip++];
      }
      while (in < neg[0].length && neg[0][in] < tau) {
        negBelow += neg[1][in++];
      }
      rate[t] = label == MinDiffLabel.POSITIVE ? below / wPos : (wNeg - negBelow) / wNeg;
      correct[t] = (wPos - below) + negBelow;
    }
    return new Curves(rate, correct);
  }

  /** Scores (sorted) and matching weights of one (group, label) cell into out[0], out[1]. */
  private static void cell(double[] score, boolean[] positive, boolean[] sensitive, double[] w,
      boolean group, boolean label, double[][] out) {
    Integer[] idx = java.util.stream.IntStream.range(0, score.length)
        .filter(i -> sensitive[i] == group && positive[i] == label).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
    out[0] = new double[idx.length];
    out[1] = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[0][k] = score[idx[k]];
      out[1][k] = w == null ? 1 : w[idx[k]];
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static double[] scale(double[] a, double f) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = f * a[i];
    }
    return b;
  }

  /** Sparse table answering "rightmost index of the maximum on [lo, hi]" in O(1). */
  static final class RightmostMax {
    private final double[] v;
    private final int[][] table;

    RightmostMax(double[] v) {
      this.v = v;
      int levels = 32 - Integer.numberOfLeadingZeros(v.length);
      table = new int[levels][];
      table[0] = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        table[0][i] = i;
      }
      for (int k = 1; k < levels; k++) {
        int len = 1 << k;
        table[k] = new int[v.length - len + 1];
        for (int i = 0; i + len <= v.length; i++) {
          table[k][i] = pick(table[k - 1][i], table[k - 1][i + len / 2]);
        }
      }
    }

    /** Of a left and a right candidate, the larger, the right one on ties. */
    private int pick(int left, int right) {
      return v[right] >= v[left] ? right : left;
    }

    int argmax(int lo, int hi) {
      int k = 31 - Integer.numberOfLeadingZeros(hi - lo + 1);
      return pick(table[k][lo], table[k][hi - (1 << k) + 1]);
    }
  }
}
