// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** Which library eigendecomposes the kernel matrix. Both return the same spectrum. */
public enum EigenSolver {
  /** LAPACK {@code dsyevd} ({@code dsyevr} for a rank) on ND4J's OpenBLAS (native, much faster at n in the thousands). */
  ND4J,
  /** Apache Commons Math 3.6.1 {@code EigenDecomposition} (pure Java). */
  COMMONS_MATH
}
