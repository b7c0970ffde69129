// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import java.util.Arrays;
import java.util.Comparator;
import org.overparam.common.Checks;

/**
 * How SOP's per-instance noise score ‖s_i‖ (large: the noise variables had to absorb the label;
 * from one training run on all the data) and the out-of-sample self-confidence p̂(ỹ_i | x_i)
 * (low: a model that did not see i disagrees with its label) are merged into one suspicion score,
 * higher meaning more likely wrong. The two are on different scales and measure different things,
 * so both combinations work on normalised values.
 */
public enum ScoreCombination {
  /**
   * The lower of the two fractional ranks (in (0, 1], ties sharing their mean rank), ties broken
   * by their mean: an instance ranks high only when both lists put it high, so one list's false
   * alarms are held back by the other.
   */
  MIN_RANK,
  /**
   * The mean of the two fractional ranks (in (0, 1], ties sharing their mean rank): an instance is
   * suspicious when it is near the top of both lists; neither score's scale matters.
   */
  RANK_AVERAGE,
  /**
   * (1 − p̂(ỹ | x)) · ‖s‖ / max ‖s‖: both must be high, and the scores' sizes (not just their order)
   * count.
   */
  PRODUCT;

  /**
   * The combined suspicion of every instance.
   *
   * @param sopScore SOP's noise score per instance (≥ 0)
   * @param selfConfidence out-of-sample p̂(ỹ | x) per instance
   * @throws IllegalArgumentException if the lengths differ or a value is not finite
   */
  public double[] combine(double[] sopScore, double[] selfConfidence) {
    Checks.require(sopScore.length == selfConfidence.length, "SOP scores (" + sopScore.length
        + ") and self-confidences (" + selfConfidence.length + ") differ in number");
    Checks.finite("SOP noise scores", sopScore);
    Checks.finite("self-confidences", selfConfidence);
    int n = sopScore.length;
    double[] doubt = new double[n];
    for (int i = 0; i < n; i++) {
      doubt[i] = 1 - selfConfidence[i];
    }
    double[] out = new double[n];
    switch (this) {
      case MIN_RANK -> {
        double[] a = fractionalRanks(sopScore);
        double[] b = fractionalRanks(doubt);
        for (int i = 0; i < n; i++) {
          // distinct minima differ by at least 1/(2n); the tie-break adds at most 1/(4n)
          out[i] = Math.min(a[i], b[i]) + (a[i] + b[i]) / 2 / (4.0 * n);
        }
      }
      case RANK_AVERAGE -> {
        double[] a = fractionalRanks(sopScore);
        double[] b = fractionalRanks(doubt);
        for (int i = 0; i < n; i++) {
          out[i] = (a[i] + b[i]) / 2;
        }
      }
      case PRODUCT -> {
        double max = Arrays.stream(sopScore).max().orElse(0);
        for (int i = 0; i < n; i++) {
          out[i] = doubt[i] * (max > 0 ? sopScore[i] / max : 1);
        }
      }
    }
    return out;
  }

  /** Rank / n of each value in ascending order (1/n for the smallest, 1 for the largest), ties averaged. */
  static double[] fractionalRanks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> v[i]));
    double[] rank = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && v[order[end + 1]] == v[order[start]]) {
        end++;
      }
      double mean = (start + end) / 2.0 + 1; // 1-based mean rank of the tied block
      for (int r = start; r <= end; r++) {
        rank[order[r]] = mean / n;
      }
      start = end + 1;
    }
    return rank;
  }
}
