// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import org.overparam.common.Checks;

/**
 * Per-group error rates of a scored data set at per-group thresholds on the positive score
 * (logit), and the gaps between the sensitive group S and the reference group R.
 *
 * @param sensitive rates of group S
 * @param reference rates of group R
 * @param overall rates of all rows
 */
public record GroupMetrics(GroupRates sensitive, GroupRates reference, GroupRates overall)
    implements java.io.Serializable {

  /** Rates at the default threshold: score 0, i.e. probability 0.5. */
  public static GroupMetrics atHalf(double[] score, boolean[] positive, boolean[] sensitive, double[] w) {
    return at(score, positive, sensitive, w, 0, 0);
  }

  /** Rates with threshold tauS for group S and tauR for group R (positive iff score >= tau). */
  public static GroupMetrics at(double[] score, boolean[] positive, boolean[] sensitive, double[] w,
      double tauS, double tauR) {
    int n = score.length;
    Checks.require(positive.length == n && sensitive.length == n && (w == null || w.length == n),
        "scores, labels, groups and weights must have the same length");
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = score[i] - (sensitive[i] ? tauS : tauR);
    }
    return new GroupMetrics(GroupRates.of(shifted, positive, w, sensitive, true, 0),
        GroupRates.of(shifted, positive, w, sensitive, false, 0),
        GroupRates.of(shifted, positive, w, null, true, 0));
  }

  public double fprGap() {
    return Math.abs(sensitive.fpr() - reference.fpr());
  }

  public double fnrGap() {
    return Math.abs(sensitive.fnr() - reference.fnr());
  }

  /** |error(S) - error(R)|; NaN when a group has no rows. */
  public double errorGap() {
    return Math.abs(sensitive.error() - reference.error());
  }

  /** The larger of the two group errors; NaN when a group has no rows, so an empty group never looks fair. */
  public double worstGroupError() {
    return Math.max(sensitive.error(), reference.error());
  }

  /** The gap of the rate that {@code label} equalises. */
  public double gap(MinDiffLabel label) {
    return label == MinDiffLabel.POSITIVE ? fnrGap() : fprGap();
  }
}
