// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import org.overparam.common.Checks;

/**
 * How well a ranking finds known wrong labels: precision and recall among its top k, and the area
 * under the ROC curve of its suspicion score.
 */
public final class DetectionMetrics {
  private DetectionMetrics() {}

  /** Known wrong among the first min(k, n) of {@code order}. */
  public static int hitsAt(int[] order, boolean[] wrong, int k) {
    Checks.nonNegative("k", k);
    int hits = 0;
    for (int r = 0; r < Math.min(k, order.length); r++) {
      hits += wrong[order[r]] ? 1 : 0;
    }
    return hits;
  }

  /** Share of the first min(k, n) that are known wrong; NaN for k = 0. */
  public static double precisionAt(int[] order, boolean[] wrong, int k) {
    int m = Math.min(k, order.length);
    return m == 0 ? Double.NaN : (double) hitsAt(order, wrong, k) / m;
  }

  /** Share of the known wrong found among the first k; NaN when none is known wrong. */
  public static double recallAt(int[] order, boolean[] wrong, int k) {
    int total = count(wrong);
    return total == 0 ? Double.NaN : (double) hitsAt(order, wrong, k) / total;
  }

  /**
   * Area under the ROC curve of {@code suspicion} (higher: more suspicious) for telling known wrong
   * from the rest: the probability that a random wrong instance scores above a random right one,
   * ties counting one half (Mann–Whitney). NaN when either group is empty.
   */
  public static double rocAuc(double[] suspicion, boolean[] wrong) {
    Checks.require(suspicion.length == wrong.length, "scores and truth differ in length");
    int pos = count(wrong);
    int neg = wrong.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double[] ranks = ScoreCombination.fractionalRanks(suspicion);
    double sum = 0;
    for (int i = 0; i < wrong.length; i++) {
      if (wrong[i]) {
        sum += ranks[i] * wrong.length;
      }
    }
    return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  private static int count(boolean[] v) {
    int c = 0;
    for (boolean b : v) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
