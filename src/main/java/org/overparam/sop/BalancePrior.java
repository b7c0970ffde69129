// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

/** Target class distribution π of the SOP+ class-balance regulariser. */
public enum BalancePrior {
  /** π_c = 1/C, as in the paper. */
  UNIFORM,
  /** π_c = training class frequency (given labels); for imbalanced tables. */
  EMPIRICAL
}
