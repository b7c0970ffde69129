// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

/**
 * Which instances confident learning reports, given the calibrated confident joint (cleanlab's
 * {@code filter_by}). In every mode an instance whose most probable class is its given label is
 * not reported, and every class keeps at least one instance.
 */
public enum IssueFilter {
  /**
   * For every off-diagonal cell (given ỹ, true j) of the calibrated joint, the that many instances
   * labelled ỹ with the largest margin p̂(j | x) − p̂(ỹ | x) (cleanlab's default,
   * {@code prune_by_noise_rate}).
   */
  PRUNE_BY_NOISE_RATE,
  /**
   * For every given class ỹ, the instances labelled ỹ with the lowest p̂(ỹ | x), as many as the
   * off-diagonal mass of row ỹ ({@code prune_by_class}).
   */
  PRUNE_BY_CLASS,
  /** Instances that both of the above report ({@code both}). */
  BOTH,
  /**
   * The instances counted off the diagonal of the raw confident joint: confidently in a class other
   * than the given one ({@code confident_learning}).
   */
  CONFIDENT_JOINT
}
