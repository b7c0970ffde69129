// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Map;
import org.overparam.nn.ExecutionMode;

/**
 * What a training method adds to the engine's step without copying the loop (ITOP's masks and
 * topology updates). The engine owns the weights and how a mask is applied; the hook says which
 * weights are active and, after each optimiser step, may rewire them through the engine's
 * {@link LayerWeights}. Per step: backprop, the gradient masked where the engine keeps inactive
 * weights, coupled L2 and the optimiser step, the weights masked, then {@link #afterStep}.
 */
public interface TrainingHook {
  /** Called once the network exists, before the engine is built and before the first step. */
  void initialize(ParameterLayout layout, Schedule schedule);

  /**
   * The active weights of weight matrix l (column-major, as {@link ActiveBits}), or null where this hook masks
   * nothing. The array may be the hook's own (no copy as large as the network): callers read it, neither changing
   * nor keeping it.
   */
  default long[] activeWeights(int layer) {
    return null;
  }

  /** How masked weight matrices are executed. */
  default ExecutionMode execution() {
    return ExecutionMode.DENSE;
  }

  /**
   * Whether an engine that stores inactive weights zeroes their gradients before the optimiser (so
   * their optimiser state stays zero); the weights themselves are masked after every step either way.
   */
  default boolean masksGradients() {
    return true;
  }

  /**
   * Whether {@link #afterStep} of step {@code iteration} will ask for {@link LayerWeights#denseGradient}:
   * an engine that would have to copy it while the gradient is at hand does so only then.
   */
  default boolean wantsDenseGradient(long iteration) {
    return false;
  }

  /** After the optimiser step of {@code iteration}, with the engine's weights; may rewire them. */
  default void afterStep(LayerWeights weights, long iteration) {}

  /** Metrics for the epoch report (e.g. the ITOP rate). */
  default Map<String, Double> epochMetrics() {
    return Map.of();
  }

  /** The run's length: total optimiser steps and steps per epoch. */
  record Schedule(long totalIterations, int iterationsPerEpoch, int trainRows, int batchSize) {}
}
