package org.overparam.engine;

import org.overparam.nn.UpdaterType;

/**
 * {@link FlatOptimizer}'s update rules on Java float arrays, for the sparse engine, whose weights
 * and optimiser state are stored for active connections only. The arithmetic is the same, in the
 * same order and precision, so the two engines agree to float rounding (a unit test checks it).
 */
final class ArrayOptimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final UpdaterType type;
  private final float momentum;
  private long steps;

  ArrayOptimizer(UpdaterType type, double momentum) {
    this.type = type;
    this.momentum = (float) momentum;
  }

  /** How many state arrays each parameter array needs (momentum; Adam's two moments). */
  int stateArrays() {
    return switch (type) {
      case SGD -> 0;
      case NESTEROVS -> 1;
      case ADAM -> 2;
    };
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
    float rate = (float) lr;
    switch (type) {
      case SGD -> {
        for (int k = 0; k < n; k++) {
          p[k] += -rate * g[k];
        }
      }
      case NESTEROVS -> {
        // PyTorch: v ← μv + g; p ← p − lr (g + μv)
        float[] v = state[0];
        for (int k = 0; k < n; k++) {
          v[k] = v[k] * momentum + g[k];
          p[k] += -rate * (g[k] + momentum * v[k]);
        }
      }
      case ADAM -> {
        float[] m = state[0];
        float[] s = state[1];
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float oneMinusB1 = (float) (1 - BETA1);
        float oneMinusB2 = (float) (1 - BETA2);
        float invC2 = (float) (1 / (1 - Math.pow(BETA2, steps)));
        float step = (float) (-lr / (1 - Math.pow(BETA1, steps)));
        float eps = (float) ADAM_EPS;
        for (int k = 0; k < n; k++) {
          m[k] = m[k] * b1 + oneMinusB1 * g[k];
          s[k] = s[k] * b2 + oneMinusB2 * (g[k] * g[k]);
          p[k] += step * (m[k] / ((float) Math.sqrt(s[k] * invC2) + eps));
        }
      }
      default -> throw new IllegalStateException("unknown updater " + type);
    }
  }
}
