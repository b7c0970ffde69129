package org.overparam.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.overparam.nn.ExecutionMode;

/**
 * Extends the training step without copying the loop: ITOP's masks and topology updates are a hook.
 * Calls per step on the dense engine: backprop → {@link #beforeUpdate} → L2 and optimiser step →
 * {@link #afterUpdate(INDArray, FlatOptimizer, long)}; on the sparse engine, which stores only the
 * weights of {@link #activeWeights}: backprop, L2 and optimiser step → {@link #afterUpdate(LayerWeights, long)}.
 */
public interface TrainingHook {
  /** Called once the network exists, before the first step. */
  void initialize(ParameterLayout layout, INDArray params, Schedule schedule);

  /** The active weights of weight matrix l (column-major), or null where this hook masks nothing. */
  default boolean[] activeWeights(int layer) {
    return null;
  }

  /** How masked weight matrices are executed. */
  default ExecutionMode execution() {
    return ExecutionMode.DENSE;
  }

  /** Sees (and may change) the raw gradient of step {@code iteration} before the optimiser. */
  default void beforeUpdate(INDArray params, INDArray gradient, long iteration) {}

  /** Sees (and may change) the parameters and optimiser state after step {@code iteration}. */
  default void afterUpdate(INDArray params, FlatOptimizer optimizer, long iteration) {}

  /** Sparse engine: after the optimiser step of {@code iteration}; may rewire the weights. */
  default void afterUpdate(LayerWeights weights, long iteration) {}

  /** Metrics for the epoch report (e.g. the ITOP rate). */
  default Map<String, Double> epochMetrics() {
    return Map.of();
  }

  /** The run's length: total optimiser steps and steps per epoch. */
  record Schedule(long totalIterations, int iterationsPerEpoch, int trainRows, int batchSize) {}
}
