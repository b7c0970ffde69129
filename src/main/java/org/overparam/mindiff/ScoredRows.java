// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/**
 * Predicted rows in the form the group metrics and the threshold search take: the positive score
 * (logit) of each row, whether its label is the positive class, its group and its weight.
 */
record ScoredRows(double[] score, boolean[] positive, boolean[] group, double[] weight) {

  /**
   * @param probabilities predicted class probabilities, one row per entry of {@code rows}
   * @param rows positions in the training set, which {@code labels}, {@code sensitive} and
   *     {@code weights} are indexed by
   */
  static ScoredRows of(double[][] probabilities, int[] rows, int positiveClass, int[] labels, boolean[] sensitive,
      double[] weights) {
    int n = rows.length;
    ScoredRows s = new ScoredRows(new double[n], new boolean[n], new boolean[n], new double[n]);
    for (int r = 0; r < n; r++) {
      int row = rows[r];
      s.score[r] = PositiveScore.ofProbability(probabilities[r][positiveClass]);
      s.positive[r] = labels[row] == positiveClass;
      s.group[r] = sensitive[row];
      s.weight[r] = weights[row];
    }
    return s;
  }
}
