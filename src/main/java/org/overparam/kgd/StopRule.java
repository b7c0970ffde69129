// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** How the stopping time t of gradient descent is chosen. */
public enum StopRule {
  /** Best validation MSE over a log-spaced checkpoint grid on an internal hold-out split. */
  VALIDATION,
  /**
   * The theory's scale t = c * eps^{-(2D+2)/(D+2)}, eps = sigma/sqrt(n) (Li and Lin, Cor. 3.3);
   * for the baseline t = c / alpha_GCV, the kernel-ridge equivalent.
   */
  THEORY,
  /** A user-given time. */
  FIXED
}
