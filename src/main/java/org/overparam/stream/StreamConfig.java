// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import java.io.Serializable;
import org.overparam.common.Checks;
import org.overparam.itop.ItopConfig;
import org.overparam.nn.NetworkConfig;

/**
 * Settings of a network trained on a stream.
 *
 * @param network architecture and optimiser; {@link NetworkConfig#batchSize()} is the number of
 *     buffered instances per optimiser step, the epoch and schedule fields are not used (a stream
 *     has no planned length, so the learning rate is constant)
 * @param itop sparsity, layer densities, growth and the base prune rate; its own timing fields
 *     (update interval, number of updates, decay) are ignored in favour of
 *     {@code updateIntervalBatches} and a constant rate. Sparsity 0 trains a dense network.
 * @param stepsPerBatch optimiser steps on each full batch (≥ 1)
 * @param updateIntervalBatches ΔT: a topology update every this many batches, for the whole stream
 * @param driftPruneRate prune rate of the updates that follow a detected drift
 * @param driftBoostUpdates how many updates after a drift use {@code driftPruneRate}; the first of
 *     them runs at once, the others on the regular ΔT schedule
 */
public record StreamConfig(NetworkConfig network, ItopConfig itop, int stepsPerBatch, int updateIntervalBatches,
    double driftPruneRate, int driftBoostUpdates) implements Serializable {
  public StreamConfig {
    Checks.require(network != null && itop != null, "network and itop settings must be set");
    Checks.positive("steps-per-batch", stepsPerBatch);
    Checks.positive("update-interval", updateIntervalBatches);
    Checks.inClosed("drift-prune-rate", driftPruneRate, 0, 1);
    Checks.positive("drift-boost-updates", driftBoostUpdates);
  }

  /** Whether the network is sparse (and has topology updates) at all. */
  public boolean sparse() {
    return itop.isSparse();
  }
}
