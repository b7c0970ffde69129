// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/** Initial value of a regrown connection. */
public enum RegrowInit {
  /** Zero (ITOP, RigL). */
  ZERO,
  /** Drawn from N(0, regrow-init-std²) (SET). */
  NORMAL
}
