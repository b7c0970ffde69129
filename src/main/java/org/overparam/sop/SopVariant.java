// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

/** Which losses train the per-instance noise variable u. v is always trained by MSE only. */
public enum SopVariant {
  /** Algorithm 1 of the paper: u is trained by the cross-entropy term only (MSE sees sg(U)). */
  PAPER,
  /** {@code model/loss.py} at the HEAD of the official repository: u is trained by cross-entropy and MSE. */
  REPO_HEAD
}
