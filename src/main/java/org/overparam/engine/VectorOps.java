// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

/**
 * The element-wise operations {@link UpdateRule} is written in, over one engine's storage: the
 * dense engine's native vectors (BLAS level 1 and in-place ND4J ops), the sparse engine's Java float
 * arrays. Each is one rounding per element in the vectors' precision, so a rule runs the same
 * arithmetic in the same order on either.
 */
interface VectorOps<V> {
  /** y ← y + a·x. */
  void axpy(double a, V x, V y);

  /** x ← a·x. */
  void scale(V x, double a);

  /** x ← x·x. */
  void square(V x);

  /** to ← from. */
  void copy(V from, V to);

  /** x ← √x + eps. */
  void sqrtPlus(V x, double eps);

  /** x ← numerator / x. */
  void divideInto(V numerator, V x);
}
