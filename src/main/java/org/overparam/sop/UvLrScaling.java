// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

/**
 * How the default learning rates of u and v (the official values, given at the paper's reference
 * scale B = 128, 300 epochs) are adapted to the run's batch size and epoch count. A rate set to
 * another value is the user's and is used as given under either mode (see {@link
 * SopConfig#effectiveLrV}): a rescaling with a cap would make different values give the same run.
 */
public enum UvLrScaling {
  /**
   * Keep the total MSE-driven growth of v over the run equal to the reference run's:
   * lr = (B/4)·((1 + 4·lr_ref/B_ref)^(E_ref/E) − 1), capped at B/8 (rates left at their defaults only).
   */
  MATCH_GROWTH,
  /** Use {@code lr-u} and {@code lr-v} as given. */
  NONE
}
