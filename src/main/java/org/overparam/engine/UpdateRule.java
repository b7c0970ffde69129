// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.overparam.nn.UpdaterType;

/**
 * The optimisers' update rules, each written once over {@link VectorOps} and run by both engines
 * ({@link FlatOptimizer} on the dense engine's flat vectors, {@link ArrayOptimizer} on the sparse
 * engine's active weights), so the engines agree to float rounding.
 */
final class UpdateRule {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double ADAM_EPS = 1e-8;

  private UpdateRule() {}

  /** How many state vectors each parameter vector needs (momentum; Adam's two moments). */
  static int stateVectors(UpdaterType type) {
    return switch (type) {
      case SGD -> 0;
      case NESTEROVS -> 1;
      case ADAM -> 2;
    };
  }

  /**
   * p ← p − lr · update(g), {@code step} counting from 1 (Adam's bias corrections); {@code g} is
   * used as scratch space.
   *
   * @param first the momentum or Adam's first moment (null for SGD)
   * @param second Adam's second moment (null otherwise)
   */
  static <V> void apply(UpdaterType type, double momentum, long step, double lr, VectorOps<V> ops, V p, V g, V first,
      V second) {
    switch (type) {
      case SGD -> ops.axpy(-lr, g, p);
      case NESTEROVS -> nesterov(momentum, lr, ops, p, g, first);
      case ADAM -> adam(step, lr, ops, p, g, first, second);
      default -> throw new IllegalStateException("unknown updater " + type);
    }
  }

  /** PyTorch's form: v ← μv + g; p ← p − lr (g + μv). */
  private static <V> void nesterov(double momentum, double lr, VectorOps<V> ops, V p, V g, V v) {
    ops.scale(v, momentum);
    ops.axpy(1.0, g, v);
    ops.axpy(momentum, v, g);
    ops.axpy(-lr, g, p);
  }

  /** m ← β1 m + (1−β1) g; s ← β2 s + (1−β2) g²; p ← p − lr/c1 · m / (√(s/c2) + ε), c_i = 1 − β_i^t. */
  private static <V> void adam(long step, double lr, VectorOps<V> ops, V p, V g, V m, V s) {
    ops.scale(m, BETA1);
    ops.axpy(1 - BETA1, g, m);
    ops.scale(s, BETA2);
    ops.square(g);
    ops.axpy(1 - BETA2, g, s);
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    ops.copy(s, g);
    ops.scale(g, 1 / c2);
    ops.sqrtPlus(g, ADAM_EPS);
    ops.divideInto(m, g);
    ops.axpy(-lr / c1, g, p);
  }
}
