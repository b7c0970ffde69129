// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;

/**
 * The weight matrices as a topology-changing hook (ITOP's prune and regrow) sees them, whatever the
 * engine stores: flat column-major indices per layer (DL4J's order, see {@link ParameterLayout}).
 *
 * <p>The dense methods ({@link #weights}, {@link #denseGradient(int)}, the dense {@link #rewire}) copy
 * a whole matrix; the others let an engine that stores active weights only (the sparse engine) serve a
 * topology update in memory proportional to the active weights. Their defaults go through the dense
 * methods, with the same results.
 */
public interface LayerWeights {
  /** Weight matrix l, zero where inactive (a copy). */
  double[] weights(int layer);

  /** The gradient of the last step's loss at every position of weight matrix l, active or not. */
  double[] denseGradient(int layer);

  /**
   * Rewires weight matrix l: the connections {@code pruned} leave, {@code grown} join (flat indices,
   * ascending; an index in both stays), the weights become {@code weights} (dense, zero where
   * inactive) and the optimiser state is reset where {@code resetState} is true.
   */
  void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState);

  /** Weight matrix l's weights at flat indices {@code at} (ascending; zero where inactive). */
  default double[] weightsAt(int layer, int[] at) {
    double[] w = weights(layer);
    double[] out = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = w[at[i]];
    }
    return out;
  }

  /**
   * {@link #weightsAt(int, int[])} at the first {@code n} indices of {@code at}, into the start of
   * {@code out}: a topology update can reuse its arrays instead of making new ones each time.
   */
  default void weightsAt(int layer, int[] at, int n, double[] out) {
    System.arraycopy(weightsAt(layer, Arrays.copyOf(at, n)), 0, out, 0, n);
  }

  /** Receives a dense gradient in consecutive blocks. */
  @FunctionalInterface
  interface GradientBlocks {
    /** {@code block[0 .. length)} is the gradient at flat indices {@code from .. from + length)}. */
    void accept(int from, double[] block, int length);
  }

  /**
   * Hands the gradient of {@link #denseGradient(int)} to {@code sink} in flat index order, a block at a
   * time, so that the whole matrix need not exist as one array. The values are those of {@link
   * #denseGradient(int)}, bit for bit.
   */
  default void denseGradient(int layer, GradientBlocks sink) {
    double[] g = denseGradient(layer);
    sink.accept(0, g, g.length);
  }

  /**
   * Rewires weight matrix l as the dense {@link #rewire} does, described by the change alone: a
   * connection in {@code pruned} only leaves (weight zero, state reset); one in {@code grown} only joins
   * with weight {@code grownWeights[i]} for {@code grown[i]} and fresh state; one in both stays as it
   * is, or, when {@code reinitRegrown}, takes its {@code grownWeights} entry and fresh state. Both
   * lists ascending.
   */
  default void rewire(int layer, int[] pruned, int[] grown, double[] grownWeights, boolean reinitRegrown) {
    double[] w = weights(layer);
    boolean[] reset = new boolean[w.length];
    for (int j : pruned) {
      if (Arrays.binarySearch(grown, j) < 0 || reinitRegrown) {
        reset[j] = true;
        w[j] = 0;
      }
    }
    for (int i = 0; i < grown.length; i++) {
      int j = grown[i];
      if (Arrays.binarySearch(pruned, j) < 0 || reinitRegrown) {
        reset[j] = true;
        w[j] = grownWeights[i];
      }
    }
    rewire(layer, pruned, grown, w, reset);
  }
}
