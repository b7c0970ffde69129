// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.Map;
import org.overparam.engine.LayerWeights;
import org.overparam.engine.ParameterLayout;
import org.overparam.engine.TrainingHook;
import org.overparam.nn.ExecutionMode;

/**
 * The tests' and benchmarks' way to serve an {@link ItopHook} through part of {@link LayerWeights} only: every call
 * goes to the hook, and {@link #afterStep} hands it {@link #view} of the engine's weights, so the interface's
 * defaults serve the rest.
 */
public abstract class ForwardingHook implements TrainingHook {
  private final ItopHook itop;

  protected ForwardingHook(ItopHook itop) {
    this.itop = itop;
  }

  /** What of the engine's weights the hook may see. */
  protected abstract LayerWeights view(LayerWeights weights);

  @Override
  public void initialize(ParameterLayout layout, Schedule schedule) {
    itop.initialize(layout, schedule);
  }

  @Override
  public long[] activeWeights(int layer) {
    return itop.activeWeights(layer);
  }

  @Override
  public ExecutionMode execution() {
    return itop.execution();
  }

  @Override
  public boolean masksGradients() {
    return itop.masksGradients();
  }

  @Override
  public boolean wantsDenseGradient(long iteration) {
    return itop.wantsDenseGradient(iteration);
  }

  @Override
  public void afterStep(LayerWeights weights, long iteration) {
    itop.afterStep(view(weights), iteration);
  }

  @Override
  public Map<String, Double> epochMetrics() {
    return itop.epochMetrics();
  }
}
