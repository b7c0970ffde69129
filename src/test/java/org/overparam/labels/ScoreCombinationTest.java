// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoreCombinationTest {
  private static final double TOL = 1e-12;
  // Four instances. SOP scores 0.9, 0.1, 0.5, 2.0 → ascending ranks / 4: 0.75, 0.25, 0.5, 1.
  // Self-confidence 0.2, 0.9, 0.6, 0.5 → doubt 0.8, 0.1, 0.4, 0.5 → ranks / 4: 1, 0.25, 0.5, 0.75.
  private static final double[] SOP = {0.9, 0.1, 0.5, 2.0};
  private static final double[] SELF = {0.2, 0.9, 0.6, 0.5};

  @Test
  void rankAverageOfTheHandExample() {
    // (0.75 + 1) / 2, (0.25 + 0.25) / 2, (0.5 + 0.5) / 2, (1 + 0.75) / 2; the tie of 0 and 3 → 0 first
    assertArrayEquals(new double[] {0.875, 0.25, 0.5, 0.875}, ScoreCombination.RANK_AVERAGE.combine(SOP, SELF), TOL);
    assertArrayEquals(new int[] {0, 3, 2, 1},
        IssueRanking.descending(ScoreCombination.RANK_AVERAGE.combine(SOP, SELF)));
  }

  @Test
  void minRankOfTheHandExample() {
    // min(0.75, 1), min(0.25, 0.25), min(0.5, 0.5), min(1, 0.75), each plus its mean rank / (4 · 4)
    assertArrayEquals(new double[] {0.75 + 0.875 / 16, 0.25 + 0.25 / 16, 0.5 + 0.5 / 16, 0.75 + 0.875 / 16},
        ScoreCombination.MIN_RANK.combine(SOP, SELF), TOL);
    // The tie-break never overturns the minimum: ranks (1, 0.25) lose to (0.5, 0.5).
    double[] s = ScoreCombination.MIN_RANK.combine(new double[] {4, 1, 2, 3}, new double[] {0.9, 0.6, 0.5, 0.8});
    // SOP ranks 1, 0.25, 0.5, 0.75; doubt 0.1, 0.4, 0.5, 0.2 → ranks 0.25, 0.75, 1, 0.5
    // minima 0.25, 0.25, 0.5, 0.5; means 0.625, 0.5, 0.75, 0.625 → order 2, 3, 0, 1
    assertArrayEquals(new int[] {2, 3, 0, 1}, IssueRanking.descending(s));
  }

  @Test
  void productOfTheHandExample() {
    // doubt · SOP / 2.0
    assertArrayEquals(new double[] {0.8 * 0.45, 0.1 * 0.05, 0.4 * 0.25, 0.5 * 1.0},
        ScoreCombination.PRODUCT.combine(SOP, SELF), TOL);
  }

  @Test
  void tiesShareTheirMeanRank() {
    assertArrayEquals(new double[] {0.625, 0.625, 1, 0.25}, ScoreCombination.fractionalRanks(new double[] {1, 1, 3, 0}),
        TOL);
  }

  @Test
  void refusesMismatchedOrNonFiniteInput() {
    assertThrows(IllegalArgumentException.class, () -> ScoreCombination.PRODUCT.combine(new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreCombination.RANK_AVERAGE.combine(new double[] {Double.NaN}, new double[] {0.5}));
  }
}
