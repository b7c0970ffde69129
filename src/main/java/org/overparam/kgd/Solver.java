// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** How the per-component dynamics are integrated. */
public enum Solver {
  /** The exact closed-form solution for D = 0 (and for the baseline); discrete GD otherwise. */
  AUTO,
  /** Discrete simultaneous gradient descent on (a, b, beta) for every depth. */
  GD
}
