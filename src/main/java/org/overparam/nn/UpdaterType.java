// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

/** The optimiser that turns gradients into parameter steps. */
public enum UpdaterType {
  /** Plain stochastic gradient descent. */
  SGD,
  /** SGD with Nesterov momentum (PyTorch's formulation, as in the ITOP and SOP reference code). */
  NESTEROVS,
  /** Adam (beta1 0.9, beta2 0.999, epsilon 1e-8) with bias correction. */
  ADAM
}
