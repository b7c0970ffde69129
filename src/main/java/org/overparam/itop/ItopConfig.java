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
 * @param updateIntervalFraction ΔT as a fraction of all iterations (0 = derive from U)
 * @param minUpdateIntervalEpochs lower bound on the derived ΔT, in epochs
 * @param stopUpdatesAt fraction of the run after which the mask is frozen
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
    RegrowInit regrowInit,
    double regrowInitStd,
    boolean reinitWhenSame,
    boolean maskGradients,
    boolean fixMask,
    ExecutionMode execution) implements Serializable {

  public ItopConfig {
    Checks.require(sparsity >= 0 && sparsity < 1, "-sparsity must be in [0, 1), got " + sparsity);
    Checks.require(distribution != null && growth != null && pruneDecay != null && regrowInit != null,
        "-distribution, -growth, -prune-decay and -regrow-init must be set");
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
    return new ItopConfig(sparsity, Distribution.ERK, 1.0, 20, false, false, Growth.RANDOM, 0.5, 0.005,
        PruneDecay.COSINE, 50, 0, 0, 1.0, 1.0, RegrowInit.ZERO, 0.1, false, true, false, ExecutionMode.AUTO);
  }
}
