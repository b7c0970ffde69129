// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/** How the prune rate changes over the topology updates. */
public enum PruneDecay {
  /** p_t = p_min + (p0 − p_min)(1 + cos(π t / T_stop)) / 2 (ITOP). */
  COSINE,
  /** p_t = p0 (SET). */
  CONSTANT
}
