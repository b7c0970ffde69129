// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/**
 * When topology updates happen and at which prune rate (Liu et al., ICML 2021). Iterations are 1-based:
 * update iff t mod ΔT = 0 and t ≤ T_stop.
 *
 * <p>Extended training ({@link ItopConfig#trainingMultiplier()} m): the run of T_total iterations is m
 * base runs of T_total / m. ΔT is whatever the base run would use, whichever way it is given, so the
 * longer run makes m times the updates, as ITOP's {@code --multiplier} does with a fixed
 * {@code --update_frequency}. T_stop and the cosine decay of the prune rate span the whole, longer run.
 */
public final class PruneRegrowSchedule {
  private final long deltaT;
  private final long tStop;
  private final long tTotal;
  private final double p0;
  private final double pMin;
  private final PruneDecay decay;
  private final boolean enabled;

  public PruneRegrowSchedule(ItopConfig cfg, long totalIterations, int iterationsPerEpoch) {
    this.tTotal = totalIterations;
    this.tStop = (long) Math.floor(cfg.stopUpdatesAt() * totalIterations);
    this.p0 = cfg.pruneRate();
    this.pMin = cfg.pruneRateMin();
    this.decay = cfg.pruneDecay();
    // ΔT comes from the base run, so that a longer run (m > 1) keeps it and updates m times as often
    long baseIterations = totalIterations / cfg.trainingMultiplier();
    if (cfg.updateInterval() > 0) {
      deltaT = cfg.updateInterval();
    } else if (cfg.updateIntervalFraction() > 0) {
      deltaT = Math.max(1, Math.round(cfg.updateIntervalFraction() * baseIterations));
    } else if (cfg.numTopologyUpdates() > 0) {
      long floorEpochs = (long) Math.ceil(iterationsPerEpoch * cfg.minUpdateIntervalEpochs());
      long baseStop = (long) Math.floor(cfg.stopUpdatesAt() * baseIterations);
      deltaT = Math.max(1, Math.max(floorEpochs, baseStop / cfg.numTopologyUpdates()));
    } else {
      deltaT = Long.MAX_VALUE;
    }
    this.enabled = !cfg.fixMask() && cfg.pruneRate() > 0 && deltaT != Long.MAX_VALUE;
  }

  /** Whether iteration t (1-based) runs a topology update. */
  public boolean isUpdate(long t) {
    return enabled && t % deltaT == 0 && t <= tStop;
  }

  /** Prune rate at iteration t. */
  public double pruneRate(long t) {
    if (decay == PruneDecay.CONSTANT || tStop <= 0) {
      return p0;
    }
    return pMin + (p0 - pMin) * (1 + Math.cos(Math.PI * Math.min(t, tStop) / tStop)) / 2;
  }

  /** Number of updates the whole run will perform, U = floor(T_stop / ΔT). */
  public long plannedUpdates() {
    return enabled ? tStop / deltaT : 0;
  }

  public long deltaT() {
    return deltaT;
  }

  public long stopIteration() {
    return tStop;
  }

  public long totalIterations() {
    return tTotal;
  }

  public boolean enabled() {
    return enabled;
  }
}
