// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/** How a fitted MinDiff model turns its positive-class score into a probability. */
public enum DecisionThresholds {
  /** The network's own probability: positive from 0.5 on, the same for both groups. */
  DEFAULT,
  /**
   * sigmoid(z - tau_g): the per-group thresholds of the fairness-constrained error, chosen on the
   * validation split, move each group's 0.5 point, so plain accuracy is the constrained accuracy.
   */
  GROUP_CONSTRAINED
}
