// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.overparam.nn.UpdaterType;

/**
 * {@link UpdateRule} on Java float arrays, for the sparse engine, whose weights and optimiser state
 * are stored for active connections only. Each operation rounds once per element in float32, as the
 * dense engine's BLAS calls do, so the two engines agree to float rounding (a unit test checks it).
 */
final class ArrayOptimizer {
  private final UpdaterType type;
  private final double momentum;
  private long steps;

  ArrayOptimizer(UpdaterType type, double momentum) {
    this.type = type;
    this.momentum = momentum;
  }

  /** How many state arrays each parameter array needs (momentum; Adam's two moments). */
  int stateArrays() {
    return UpdateRule.stateVectors(type);
  }

  long steps() {
    return steps;
  }

  void setSteps(long steps) {
    this.steps = steps;
  }

  /** Starts a step (Adam's bias corrections count steps); then call {@link #update} per array. */
  void beginStep() {
    steps++;
  }

  /**
   * p ← p − lr · update(g) on the first {@code n} entries; {@code g} is used as scratch space.
   *
   * @param state {@link #stateArrays()} arrays as long as {@code p}
   */
  void update(float[] p, float[] g, float[][] state, int n, double lr) {
    update(p, g, state, 0, n, lr);
  }

  /**
   * {@link #update} on entries [from, to) only: every entry is computed alone, so ranges updated on several
   * threads give the bits of one whole update. Safe to call for disjoint ranges at once.
   */
  void update(float[] p, float[] g, float[][] state, int from, int to, double lr) {
    UpdateRule.apply(type, momentum, steps, lr, new FloatArrays(from, to), p, g, state.length > 0 ? state[0] : null,
        state.length > 1 ? state[1] : null);
  }

  /** {@link VectorOps} on entries [from, to) of float arrays; scalars rounded to float first. */
  private static final class FloatArrays implements VectorOps<float[]> {
    private final int from;
    private final int to;

    FloatArrays(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public void axpy(double a, float[] x, float[] y) {
      float af = (float) a;
      for (int k = from; k < to; k++) {
        y[k] += af * x[k];
      }
    }

    @Override
    public void scale(float[] x, double a) {
      float af = (float) a;
      for (int k = from; k < to; k++) {
        x[k] *= af;
      }
    }

    @Override
    public void square(float[] x) {
      for (int k = from; k < to; k++) {
        x[k] *= x[k];
      }
    }

    @Override
    public void copy(float[] source, float[] target) {
      System.arraycopy(source, from, target, from, to - from);
    }

    @Override
    public void sqrtPlus(float[] x, double eps) {
      float ef = (float) eps;
      for (int k = from; k < to; k++) {
        x[k] = (float) Math.sqrt(x[k]) + ef; // the double root rounds to the float one
      }
    }

    @Override
    public void divideInto(float[] numerator, float[] x) {
      for (int k = from; k < to; k++) {
        x[k] = numerator[k] / x[k];
      }
    }
  }
}
