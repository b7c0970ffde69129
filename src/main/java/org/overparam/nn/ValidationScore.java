// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

/** Scores the network on the validation rows for early stopping; lower is better. */
@FunctionalInterface
public interface ValidationScore {
  /**
   * @param probabilities predicted class probabilities, one row per entry of {@code rows}
   * @param rows the validation rows (positions in the training set)
   * @param data the training set (labels, weights)
   */
  double score(double[][] probabilities, int[] rows, TrainingSet data);

  /**
   * The strata of the validation split: the same fraction of every stratum is held out. By default
   * the classes; a score that needs other cells (MinDiff: group × class) overrides it.
   */
  default int[] strata(TrainingSet data) {
    return data.labels();
  }

  /** Weighted mean cross-entropy of the true labels. */
  ValidationScore CROSS_ENTROPY = (p, rows, data) -> {
    double loss = 0;
    double weight = 0;
    for (int r = 0; r < rows.length; r++) {
      double w = data.weights()[rows[r]];
      loss -= w * Math.log(Math.max(p[r][data.labels()[rows[r]]], 1e-12));
      weight += w;
    }
    return loss / weight;
  };

  /**
   * Weighted mean of ½ (z − t)² for regression: the network's standardised output z (column 0 of
   * {@code probabilities}, which are then raw outputs) against the standardised target t; on the
   * scale of {@link SquaredError}'s loss.
   */
  ValidationScore SQUARED_ERROR = (z, rows, data) -> {
    double loss = 0;
    double weight = 0;
    for (int r = 0; r < rows.length; r++) {
      double w = data.weights()[rows[r]];
      double e = z[r][0] - data.targets()[rows[r]];
      loss += w * 0.5 * e * e;
      weight += w;
    }
    return loss / weight;
  };
}
