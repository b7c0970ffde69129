// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

/** What orders the instances from most to least likely mislabelled. */
public enum RankingMethod {
  /**
   * Confident learning: the issues it finds (see {@link ConfidentLearning}) first, by their quality
   * score, then every other instance by the same score. Needs out-of-sample probabilities.
   */
  CONFIDENT_LEARNING,
  /** The out-of-sample probability of the given label p̂(ỹ | x), lowest first. Needs out-of-sample probabilities. */
  SELF_CONFIDENCE,
  /** SOP's noise score ‖s_i‖ from one training run on all the data, largest first. Needs SOP's noise report. */
  SOP,
  /**
   * SOP's noise score together with the out-of-sample self-confidence (see {@link ScoreCombination}).
   * Needs both.
   */
  COMBINED;

  /** Whether the method needs out-of-sample (cross-validated) probabilities. */
  public boolean needsProbabilities() {
    return this != SOP;
  }

  /** Whether the method needs SOP's noise scores. */
  public boolean needsSopScores() {
    return this == SOP || this == COMBINED;
  }
}
