// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/** Where pruned connections regrow. */
public enum Growth {
  /** Uniformly at random among inactive connections (SET-ITOP). */
  RANDOM,
  /** The inactive connections with the largest dense-gradient magnitude (RigL-ITOP). */
  GRADIENT,
  /** At random among connections never active so far, then among the rest (maximises exploration). */
  RANDOM_UNFIRED
}
