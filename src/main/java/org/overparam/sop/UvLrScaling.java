// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

/**
 * How the learning rates of u and v are adapted to a batch size and epoch count other than the
 * reference scale of the paper (B = 128, 300 epochs).
 */
public enum UvLrScaling {
  /**
   * Keep the total MSE-driven growth of v over the run equal to the reference run's:
   * lr = (B/4)·((1 + 4·lr_ref/B_ref)^(E_ref/E) − 1), capped at B/8.
   */
  MATCH_GROWTH,
  /** Use {@code lr-u} and {@code lr-v} as given. */
  NONE
}
