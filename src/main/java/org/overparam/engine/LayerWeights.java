// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

/**
 * The weight matrices as a topology-changing hook (ITOP's prune and regrow) sees them, whatever the
 * engine stores: dense column-major copies per layer (DL4J's order, see {@link ParameterLayout}).
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
}
