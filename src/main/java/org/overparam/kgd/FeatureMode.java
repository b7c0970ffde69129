// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** How the spectral basis is built. */
public enum FeatureMode {
  /** Exact eigenbasis up to {@code max-exact-instances} rows, random features above. */
  AUTO,
  /** Eigendecomposition of the n x n kernel matrix, Nystroem prediction (O(n^3) training). */
  EXACT_EIGEN,
  /** Random Fourier features and a thin SVD (O(n M^2 + M^3) training). */
  RANDOM_FOURIER
}
