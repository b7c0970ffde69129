package org.overparam.nn;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Extends the training step without copying the loop: ITOP's masks and topology updates are a hook.
 * Calls per step: backprop → {@link #beforeUpdate} → L2 and optimiser step → {@link #afterUpdate}.
 */
public interface TrainingHook {
  /** Called once the network exists, before the first step. */
  void initialize(ParameterLayout layout, INDArray params, Schedule schedule);

  /** Sees (and may change) the raw gradient of step {@code iteration} before the optimiser. */
  default void beforeUpdate(INDArray params, INDArray gradient, long iteration) {}

  /** Sees (and may change) the parameters and optimiser state after step {@code iteration}. */
  default void afterUpdate(INDArray params, FlatOptimizer optimizer, long iteration) {}

  /** Metrics for the epoch report (e.g. the ITOP rate). */
  default Map<String, Double> epochMetrics() {
    return Map.of();
  }

  /** The run's length: total optimiser steps and steps per epoch. */
  record Schedule(long totalIterations, int iterationsPerEpoch, int trainRows, int batchSize) {}
}
