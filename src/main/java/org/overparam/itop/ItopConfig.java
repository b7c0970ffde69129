// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.io.Serializable;
import org.overparam.common.Checks;
import org.overparam.nn.ExecutionMode;

/**
 * Dynamic sparse training settings (see {@code itop.md}).
 *
 * @param sparsity global fraction of zero weights S = 1 − D, in [0, 1); 0 gives a dense network
 * @param distribution how density is spread over layers
 * @param erkPower exponent γ of ERK
 * @param erEpsilon ε of {@link Distribution#ER_EPSILON}
 * @param keepFirstDense force the first weight matrix dense (counted in the budget)
 * @param keepOutputDense force the output weight matrix dense (counted in the budget)
 * @param growth regrowth criterion
 * @param pruneRate initial prune rate p0
 * @param pruneRateMin final prune rate p_min for cosine decay
 * @param pruneDecay decay of the prune rate
 * @param numTopologyUpdates U used to derive ΔT when no interval is given
 * @param updateInterval ΔT in iterations (0 = derive)
 * @param updateIntervalFraction ΔT as a fraction of the base run's iterations, T_total / trainingMultiplier
 *     (0 = derive from U)
 * @param minUpdateIntervalEpochs lower bound on the derived ΔT, in epochs
 * @param stopUpdatesAt fraction of the run after which the mask is frozen
 * @param trainingMultiplier m of ITOP's extended training: the run is m times a base run, ΔT is derived from
 *     the base run and stays as it is there, so the run makes m times the updates and explores more
 * @param regrowInit value of regrown weights
 * @param regrowInitStd standard deviation for {@link RegrowInit#NORMAL}
 * @param reinitWhenSame reset weights pruned and regrown in the same update
 * @param maskGradients zero gradients of inactive weights before the optimiser
 * @param fixMask static sparse training: never update the topology
 * @param execution dense matrices with masks, sparse storage and products, or a choice by density
 */
public record ItopConfig(
    double sparsity,
    Distribution distribution,
    double erkPower,
    double erEpsilon,
    boolean keepFirstDense,
    boolean keepOutputDense,
    Growth growth,
    double pruneRate,
    double pruneRateMin,
    PruneDecay pruneDecay,
    int numTopologyUpdates,
    int updateInterval,
    double updateIntervalFraction,
    double minUpdateIntervalEpochs,
    double stopUpdatesAt,
    int trainingMultiplier,
    RegrowInit regrowInit,
    double regrowInitStd,
    boolean reinitWhenSame,
    boolean maskGradients,
    boolean fixMask,
    ExecutionMode execution) implements Serializable {

  // ITOP's defaults for tabular data, in one place: the builder starts from them and so do the
  // Sparsity options of the Weka network learners (ItopSparseNetwork sets its own sparsity).
  public static final double DEFAULT_SPARSITY = 0;
  public static final Distribution DEFAULT_DISTRIBUTION = Distribution.ERK;
  public static final double DEFAULT_ERK_POWER = 1.0;
  public static final double DEFAULT_ER_EPSILON = 20;
  public static final boolean DEFAULT_KEEP_FIRST_DENSE = false;
  public static final boolean DEFAULT_KEEP_OUTPUT_DENSE = false;
  public static final Growth DEFAULT_GROWTH = Growth.RANDOM;
  public static final double DEFAULT_PRUNE_RATE = 0.5;
  public static final double DEFAULT_PRUNE_RATE_MIN = 0.005;
  public static final PruneDecay DEFAULT_PRUNE_DECAY = PruneDecay.COSINE;
  public static final int DEFAULT_NUM_TOPOLOGY_UPDATES = 50;
  public static final int DEFAULT_UPDATE_INTERVAL = 0;
  public static final double DEFAULT_UPDATE_INTERVAL_FRACTION = 0;
  public static final double DEFAULT_MIN_UPDATE_INTERVAL_EPOCHS = 1.0;
  public static final double DEFAULT_STOP_UPDATES_AT = 1.0;
  public static final int DEFAULT_TRAINING_MULTIPLIER = 1;
  public static final RegrowInit DEFAULT_REGROW_INIT = RegrowInit.ZERO;
  public static final double DEFAULT_REGROW_INIT_STD = 0.1;
  public static final boolean DEFAULT_REINIT_WHEN_SAME = false;
  public static final boolean DEFAULT_MASK_GRADIENTS = true;
  public static final boolean DEFAULT_FIX_MASK = false;
  public static final ExecutionMode DEFAULT_EXECUTION = ExecutionMode.AUTO;

  public ItopConfig {
    Checks.require(sparsity >= 0 && sparsity < 1, "-sparsity must be in [0, 1), got " + sparsity);
    Checks.require(distribution != null && growth != null && pruneDecay != null && regrowInit != null,
        "-density-distribution, -growth, -prune-decay and -regrow-init must be set");
    Checks.positive("-erk-power", erkPower);
    Checks.positive("-er-epsilon", erEpsilon);
    Checks.inClosed("-prune-rate", pruneRate, 0, 1);
    Checks.inClosed("-prune-rate-min", pruneRateMin, 0, 1);
    Checks.require(pruneRateMin <= pruneRate,
        "-prune-rate-min (" + pruneRateMin + ") must not exceed -prune-rate (" + pruneRate + ")");
    Checks.nonNegative("-num-topology-updates", numTopologyUpdates);
    Checks.nonNegative("-update-interval", updateInterval);
    Checks.inClosed("-update-interval-fraction", updateIntervalFraction, 0, 1);
    Checks.nonNegative("-min-update-interval-epochs", minUpdateIntervalEpochs);
    Checks.inClosed("-stop-updates-at", stopUpdatesAt, 0, 1);
    Checks.positive("-training-multiplier", trainingMultiplier);
    Checks.nonNegative("-regrow-init-std", regrowInitStd);
    Checks.require(execution != null, "-sparse-execution must be set");
  }

  /** Global density D = 1 − sparsity. */
  public double density() {
    return 1 - sparsity;
  }

  /** Whether this configuration masks anything at all. */
  public boolean isSparse() {
    return sparsity > 0 || distribution == Distribution.ER_EPSILON;
  }

  /** ITOP's defaults for tabular data at the given sparsity. */
  public static ItopConfig defaults(double sparsity) {
    return builder().sparsity(sparsity).build();
  }

  /** A builder that starts from the defaults (the {@code DEFAULT_} constants). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder().sparsity(sparsity).distribution(distribution).erkPower(erkPower).erEpsilon(erEpsilon)
        .keepFirstDense(keepFirstDense).keepOutputDense(keepOutputDense).growth(growth).pruneRate(pruneRate)
        .pruneRateMin(pruneRateMin).pruneDecay(pruneDecay).numTopologyUpdates(numTopologyUpdates)
        .updateInterval(updateInterval).updateIntervalFraction(updateIntervalFraction)
        .minUpdateIntervalEpochs(minUpdateIntervalEpochs).stopUpdatesAt(stopUpdatesAt)
        .trainingMultiplier(trainingMultiplier).regrowInit(regrowInit).regrowInitStd(regrowInitStd)
        .reinitWhenSame(reinitWhenSame).maskGradients(maskGradients).fixMask(fixMask).execution(execution);
  }

  /** Builds an {@link ItopConfig} by name; {@link #build()} validates it. */
  public static final class Builder {
    private double sparsity = DEFAULT_SPARSITY;
    private Distribution distribution = DEFAULT_DISTRIBUTION;
    private double erkPower = DEFAULT_ERK_POWER;
    private double erEpsilon = DEFAULT_ER_EPSILON;
    private boolean keepFirstDense = DEFAULT_KEEP_FIRST_DENSE;
    private boolean keepOutputDense = DEFAULT_KEEP_OUTPUT_DENSE;
    private Growth growth = DEFAULT_GROWTH;
    private double pruneRate = DEFAULT_PRUNE_RATE;
    private double pruneRateMin = DEFAULT_PRUNE_RATE_MIN;
    private PruneDecay pruneDecay = DEFAULT_PRUNE_DECAY;
    private int numTopologyUpdates = DEFAULT_NUM_TOPOLOGY_UPDATES;
    private int updateInterval = DEFAULT_UPDATE_INTERVAL;
    private double updateIntervalFraction = DEFAULT_UPDATE_INTERVAL_FRACTION;
    private double minUpdateIntervalEpochs = DEFAULT_MIN_UPDATE_INTERVAL_EPOCHS;
    private double stopUpdatesAt = DEFAULT_STOP_UPDATES_AT;
    private int trainingMultiplier = DEFAULT_TRAINING_MULTIPLIER;
    private RegrowInit regrowInit = DEFAULT_REGROW_INIT;
    private double regrowInitStd = DEFAULT_REGROW_INIT_STD;
    private boolean reinitWhenSame = DEFAULT_REINIT_WHEN_SAME;
    private boolean maskGradients = DEFAULT_MASK_GRADIENTS;
    private boolean fixMask = DEFAULT_FIX_MASK;
    private ExecutionMode execution = DEFAULT_EXECUTION;

    private Builder() {}

    public Builder sparsity(double sparsity) {
      this.sparsity = sparsity;
      return this;
    }

    public Builder distribution(Distribution distribution) {
      this.distribution = distribution;
      return this;
    }

    public Builder erkPower(double erkPower) {
      this.erkPower = erkPower;
      return this;
    }

    public Builder erEpsilon(double erEpsilon) {
      this.erEpsilon = erEpsilon;
      return this;
    }

    public Builder keepFirstDense(boolean keepFirstDense) {
      this.keepFirstDense = keepFirstDense;
      return this;
    }

    public Builder keepOutputDense(boolean keepOutputDense) {
      this.keepOutputDense = keepOutputDense;
      return this;
    }

    public Builder growth(Growth growth) {
      this.growth = growth;
      return this;
    }

    public Builder pruneRate(double pruneRate) {
      this.pruneRate = pruneRate;
      return this;
    }

    public Builder pruneRateMin(double pruneRateMin) {
      this.pruneRateMin = pruneRateMin;
      return this;
    }

    public Builder pruneDecay(PruneDecay pruneDecay) {
      this.pruneDecay = pruneDecay;
      return this;
    }

    public Builder numTopologyUpdates(int numTopologyUpdates) {
      this.numTopologyUpdates = numTopologyUpdates;
      return this;
    }

    public Builder updateInterval(int updateInterval) {
      this.updateInterval = updateInterval;
      return this;
    }

    public Builder updateIntervalFraction(double updateIntervalFraction) {
      this.updateIntervalFraction = updateIntervalFraction;
      return this;
    }

    public Builder minUpdateIntervalEpochs(double minUpdateIntervalEpochs) {
      this.minUpdateIntervalEpochs = minUpdateIntervalEpochs;
      return this;
    }

    public Builder stopUpdatesAt(double stopUpdatesAt) {
      this.stopUpdatesAt = stopUpdatesAt;
      return this;
    }

    public Builder trainingMultiplier(int trainingMultiplier) {
      this.trainingMultiplier = trainingMultiplier;
      return this;
    }

    public Builder regrowInit(RegrowInit regrowInit) {
      this.regrowInit = regrowInit;
      return this;
    }

    public Builder regrowInitStd(double regrowInitStd) {
      this.regrowInitStd = regrowInitStd;
      return this;
    }

    public Builder reinitWhenSame(boolean reinitWhenSame) {
      this.reinitWhenSame = reinitWhenSame;
      return this;
    }

    public Builder maskGradients(boolean maskGradients) {
      this.maskGradients = maskGradients;
      return this;
    }

    public Builder fixMask(boolean fixMask) {
      this.fixMask = fixMask;
      return this;
    }

    public Builder execution(ExecutionMode execution) {
      this.execution = execution;
      return this;
    }

    /** The validated configuration; throws naming the flag of the first bad value. */
    public ItopConfig build() {
      return new ItopConfig(sparsity, distribution, erkPower, erEpsilon, keepFirstDense, keepOutputDense, growth,
          pruneRate, pruneRateMin, pruneDecay, numTopologyUpdates, updateInterval, updateIntervalFraction,
          minUpdateIntervalEpochs, stopUpdatesAt, trainingMultiplier, regrowInit, regrowInitStd, reinitWhenSame,
          maskGradients, fixMask, execution);
    }
  }
}
