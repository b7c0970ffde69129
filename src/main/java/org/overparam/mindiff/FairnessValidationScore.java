// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.ValidationScore;

/**
 * Early-stopping score of Veldanda et al.: the fairness-constrained error on the validation rows,
 * i.e. the lowest error over per-group thresholds whose rate gap is at most epsilon (see
 * {@link ThresholdSearch}). Lower is better; +Infinity when no threshold pair is feasible, so such
 * an epoch is never selected. Keeps the score of every epoch for the report.
 */
public final class FairnessValidationScore implements ValidationScore {
  private final boolean[] sensitive;
  private final int positiveClass;
  private final MinDiffLabel label;
  private final ThresholdSearch search;
  private final List<Double> history = new ArrayList<>();

  /**
   * @param sensitive group membership per training-set row
   * @param positiveClass 0-based positive class
   * @param label which rate is constrained
   * @param search the threshold search (grid and epsilon)
   */
  public FairnessValidationScore(boolean[] sensitive, int positiveClass, MinDiffLabel label, ThresholdSearch search) {
    this.sensitive = sensitive.clone();
    this.positiveClass = positiveClass;
    this.label = label;
    this.search = search;
  }

  @Override
  public double score(double[][] probabilities, int[] rows, TrainingSet data) {
    ScoredRows s = ScoredRows.of(probabilities, rows, positiveClass, data.labels(), sensitive, data.weights());
    ThresholdSearch.Choice c = search.search(s.score(), s.positive(), s.group(), s.weight(), label);
    double e = c.feasible() ? c.error() : Double.POSITIVE_INFINITY;
    history.add(e);
    return e;
  }

  /** Holds out the same fraction of every (group, class) cell, so that small cells are represented. */
  @Override
  public int[] strata(TrainingSet data) {
    int[] cells = new int[data.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = data.labels()[i] * 2 + (sensitive[i] ? 1 : 0);
    }
    return cells;
  }

  /** The score of every validation so far (one per epoch). */
  public List<Double> history() {
    return Collections.unmodifiableList(history);
  }
}
