// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ThresholdSearchTest {
  private static final int GRID = 500;

  /** The reference O(T^2) double loop with the authors' {@code >=} tie rule, on naive curves. */
  private static ThresholdSearch.Choice bruteForce(ThresholdSearch search, double[] score, boolean[] positive,
      boolean[] sensitive, double[] w, MinDiffLabel label) {
    int t = search.grid();
    double[][] rate = new double[2][t];
    double[][] correct = new double[2][t];
    double total = 0;
    for (double v : w) {
      total += v;
    }
    for (int g = 0; g < 2; g++) {
      boolean group = g == 0;
      for (int i = 0; i < t; i++) {
        double tau = search.tau(i);
        double tp = 0;
        double fn = 0;
        double fp = 0;
        double tn = 0;
        for (int r = 0; r < score.length; r++) {
          if (sensitive[r] != group) {
            continue;
          }
          boolean pred = score[r] >= tau;
          if (positive[r]) {
            tp += pred ? w[r] : 0;
            fn += pred ? 0 : w[r];
          } else {
            fp += pred ? w[r] : 0;
            tn += pred ? 0 : w[r];
          }
        }
        rate[g][i] = label == MinDiffLabel.POSITIVE ? fn / (fn + tp) : fp / (fp + tn);
        correct[g][i] = tp + tn;
      }
    }
    double best = Double.NEGATIVE_INFINITY;
    int bi = -1;
    int bj = -1;
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        if (Math.abs(rate[0][i] - rate[1][j]) <= search.tolerance()) {
          double acc = correct[0][i] + correct[1][j];
          if (acc >= best) {
            best = acc;
            bi = i;
            bj = j;
          }
        }
      }
    }
    if (bi < 0) {
      return new ThresholdSearch.Choice(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new ThresholdSearch.Choice(search.tau(bi), search.tau(bj), best / total,
        Math.abs(rate[0][bi] - rate[1][bj]));
  }

  @ParameterizedTest
  @EnumSource(MinDiffLabel.class)
  void fastSearchEqualsBruteForceIncludingTies(MinDiffLabel label) {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 40; trial++) {
      int n = 6 + rng.nextInt(40);
      double[] score = new double[n];
      boolean[] positive = new boolean[n];
      boolean[] sensitive = new boolean[n];
      double[] w = new double[n];
      boolean coarse = trial % 2 == 0; // coarse scores: many exact ties between pairs
      for (int i = 0; i < n; i++) {
        score[i] = coarse ? rng.nextInt(-4, 5) * 5.0 : rng.nextDouble(-25, 25);
        positive[i] = rng.nextBoolean();
        sensitive[i] = i % 3 == 0;
        w[i] = 1 + rng.nextInt(3);
      }
      positive[0] = true;
      positive[1] = true;
      positive[3] = false;
      positive[4] = false;
      double eps = trial % 3 == 0 ? 0 : rng.nextDouble(0, 0.3);
      ThresholdSearch search = new ThresholdSearch(GRID, 20, eps);
      ThresholdSearch.Choice fast = search.search(score, positive, sensitive, w, label);
      ThresholdSearch.Choice brute = bruteForce(search, score, positive, sensitive, w, label);
      assertEquals(brute, fast, "trial " + trial);
    }
  }

  @Test
  void infeasibleGivesNaN() {
    // Group S: both positives score 30 (never a false negative inside [-20, 20]); group R: its
    // positive scores -30 (always a false negative). FNR gap is 1 at every pair of thresholds.
    double[] score = {30, 30, -30, 0};
    boolean[] positive = {true, true, true, false};
    boolean[] sensitive = {true, true, false, false};
    ThresholdSearch.Choice c = new ThresholdSearch(GRID, 20, 0.01)
        .search(score, positive, sensitive, null, MinDiffLabel.POSITIVE);
    assertFalse(c.feasible());
    assertTrue(Double.isNaN(c.error()));
  }

  @Test
  void groupWithoutTheEqualisedLabelIsInfeasible() {
    double[] score = {1, -1, 2, -2};
    boolean[] positive = {false, false, true, false};
    boolean[] sensitive = {true, true, false, false};
    assertFalse(new ThresholdSearch(GRID, 20, 0.5)
        .search(score, positive, sensitive, null, MinDiffLabel.POSITIVE).feasible());
  }

  @Test
  void handComputedCase() {
    // S: positives at 1 and 3, negative at -1. R: positives at 2, negative at 0 and 4.
    // With eps = 0 the FNRs must be equal. Best: S positive iff >= ~1 (acc 3/3),
    // R with FNR 0 and threshold in (0, 2] (acc 2/3): total 5/6.
    double[] score = {1, 3, -1, 2, 0, 4};
    boolean[] positive = {true, true, false, true, false, false};
    boolean[] sensitive = {true, true, true, false, false, false};
    ThresholdSearch s = new ThresholdSearch(GRID, 20, 0);
    ThresholdSearch.Choice c = s.search(score, positive, sensitive, null, MinDiffLabel.POSITIVE);
    assertEquals(5.0 / 6, c.accuracy(), 1e-12);
    assertEquals(0, c.gap());
    // The later pair wins ties: the largest thresholds that still keep FNR 0.
    assertTrue(c.tauS() <= 1 && c.tauS() > 1 - 2 * 40.0 / (GRID - 1), "tauS " + c.tauS());
    assertTrue(c.tauR() <= 2 && c.tauR() > 2 - 2 * 40.0 / (GRID - 1), "tauR " + c.tauR());
    GroupMetrics at = GroupMetrics.at(score, positive, sensitive, null, c.tauS(), c.tauR());
    assertEquals(1 - c.accuracy(), at.overall().error(), 1e-12);
    assertEquals(0, at.fnrGap());
  }
}
