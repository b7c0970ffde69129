// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** The kernels the learner offers. {@code gamma} and {@code degree} come from {@link Kernel}. */
public enum KernelType {
  /** Gaussian RBF, exp(-gamma ||x - y||^2). Shift-invariant, so random Fourier features apply. */
  RBF,
  /** Laplace, exp(-gamma ||x - y||_1). Shift-invariant (Cauchy random features). */
  LAPLACE,
  /** Polynomial, (gamma x.y + 1)^degree. Exact eigenbasis only. */
  POLYNOMIAL,
  /** Linear, x.y. Its feature map is x itself, so the "random features" mode is exact. */
  LINEAR;

  /** Whether a data-dependent gamma (default 1/d) is used by this kernel. */
  public boolean usesGamma() {
    return this != LINEAR;
  }
}
