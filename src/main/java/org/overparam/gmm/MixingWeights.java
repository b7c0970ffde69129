// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/** Whether EM re-estimates the mixing weights. */
public enum MixingWeights {
  /** Model 2 of Xu, Hsu and Maleki: the weights are re-estimated every M-step (over-parameterized). */
  ESTIMATED,
  /** Model 1: the weights stay at the known values given by the user (uniform when none are given). */
  FIXED
}
