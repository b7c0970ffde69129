// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.Serial;
import org.overparam.itop.Distribution;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.PruneDecay;
import org.overparam.itop.RegrowInit;
import org.overparam.nn.ExecutionMode;
import weka.core.OptionMetadata;
import weka.overparam.ContractClassifier;

/**
 * The Sparsity options that every network learner of this package shares: any network can be
 * trained sparse with ITOP. They live in their own layer of the class hierarchy, under {@link
 * AbstractNetworkClassifier}, so that the flags stay flat (-sparsity, -growth, -prune-rate, ...)
 * while Weka's option scheme ({@code @OptionMetadata} on public getters, inherited) lists them after
 * the network and optimisation options, as their display orders say.
 */
public abstract class SparsityOptions extends ContractClassifier {
  @Serial private static final long serialVersionUID = 1L;

  private double sparsity = ItopConfig.DEFAULT_SPARSITY;
  private Distribution distribution = ItopConfig.DEFAULT_DISTRIBUTION;
  private double erkPower = ItopConfig.DEFAULT_ERK_POWER;
  private double erEpsilon = ItopConfig.DEFAULT_ER_EPSILON;
  private boolean keepFirstDense = ItopConfig.DEFAULT_KEEP_FIRST_DENSE;
  private boolean keepOutputDense = ItopConfig.DEFAULT_KEEP_OUTPUT_DENSE;
  private Growth growth = ItopConfig.DEFAULT_GROWTH;
  private double pruneRate = ItopConfig.DEFAULT_PRUNE_RATE;
  private double pruneRateMin = ItopConfig.DEFAULT_PRUNE_RATE_MIN;
  private PruneDecay pruneDecay = ItopConfig.DEFAULT_PRUNE_DECAY;
  private int numTopologyUpdates = ItopConfig.DEFAULT_NUM_TOPOLOGY_UPDATES;
  private int updateInterval = ItopConfig.DEFAULT_UPDATE_INTERVAL;
  private double updateIntervalFraction = ItopConfig.DEFAULT_UPDATE_INTERVAL_FRACTION;
  private double minUpdateIntervalEpochs = ItopConfig.DEFAULT_MIN_UPDATE_INTERVAL_EPOCHS;
  private double stopUpdatesAt = ItopConfig.DEFAULT_STOP_UPDATES_AT;
  private RegrowInit regrowInit = ItopConfig.DEFAULT_REGROW_INIT;
  private double regrowInitStd = ItopConfig.DEFAULT_REGROW_INIT_STD;
  private boolean reinitWhenSame = ItopConfig.DEFAULT_REINIT_WHEN_SAME;
  private boolean noGradientMasking = !ItopConfig.DEFAULT_MASK_GRADIENTS;
  private boolean fixMask = ItopConfig.DEFAULT_FIX_MASK;
  private ExecutionMode sparseExecution = ItopConfig.DEFAULT_EXECUTION;

  /** Builds the sparsity configuration. */
  public ItopConfig itopConfig() {
    return ItopConfig.builder().sparsity(sparsity).distribution(distribution).erkPower(erkPower).erEpsilon(erEpsilon)
        .keepFirstDense(keepFirstDense).keepOutputDense(keepOutputDense).growth(growth).pruneRate(pruneRate)
        .pruneRateMin(pruneRateMin).pruneDecay(pruneDecay).numTopologyUpdates(numTopologyUpdates)
        .updateInterval(updateInterval).updateIntervalFraction(updateIntervalFraction)
        .minUpdateIntervalEpochs(minUpdateIntervalEpochs).stopUpdatesAt(stopUpdatesAt).regrowInit(regrowInit)
        .regrowInitStd(regrowInitStd).reinitWhenSame(reinitWhenSame).maskGradients(!noGradientMasking)
        .fixMask(fixMask).execution(sparseExecution).build();
  }

  @OptionMetadata(displayName = "sparsity", description = "Fraction of all weights that are zero. 0 trains "
      + "an ordinary dense network, 0.9 keeps 10% of the connections. In [0, 1); default 0.", commandLineParamName = "sparsity",
      commandLineParamSynopsis = "-sparsity <double>", displayOrder = 40, category = "Sparsity")
  public double getSparsity() {
    return sparsity;
  }

  public void setSparsity(double sparsity) {
    this.sparsity = sparsity;
  }

  @OptionMetadata(displayName = "density distribution", description = "How the density is spread over layers: ERK "
      + "(small layers denser), UNIFORM, or ER_EPSILON (SET; sparsity then follows from er-epsilon) (default ERK).",
      commandLineParamName = "density-distribution",
      commandLineParamSynopsis = "-density-distribution <ERK|UNIFORM|ER_EPSILON>",
      displayOrder = 41, category = "Sparsity")
  public Distribution getDistribution() {
    return distribution;
  }

  public void setDistribution(Distribution distribution) {
    this.distribution = distribution;
  }

  @OptionMetadata(displayName = "ERK power", description = "Exponent of the ERK density formula, > 0 (default 1).",
      commandLineParamName = "erk-power", commandLineParamSynopsis = "-erk-power <double>", displayOrder = 42,
      category = "Sparsity")
  public double getErkPower() {
    return erkPower;
  }

  public void setErkPower(double erkPower) {
    this.erkPower = erkPower;
  }

  @OptionMetadata(displayName = "ER epsilon", description = "Epsilon of the ER_EPSILON distribution, > 0 (default 20).",
      commandLineParamName = "er-epsilon", commandLineParamSynopsis = "-er-epsilon <double>", displayOrder = 43,
      category = "Sparsity")
  public double getErEpsilon() {
    return erEpsilon;
  }

  public void setErEpsilon(double erEpsilon) {
    this.erEpsilon = erEpsilon;
  }

  @OptionMetadata(displayName = "keep first layer dense", description = "Keep the input layer's weights dense (they "
      + "count towards the density budget) (default false).", commandLineParamName = "keep-first-dense",
      commandLineParamSynopsis = "-keep-first-dense", commandLineParamIsFlag = true, displayOrder = 44,
      category = "Sparsity")
  public boolean getKeepFirstDense() {
    return keepFirstDense;
  }

  public void setKeepFirstDense(boolean keepFirstDense) {
    this.keepFirstDense = keepFirstDense;
  }

  @OptionMetadata(displayName = "keep output layer dense", description = "Keep the output layer's weights dense (they "
      + "count towards the density budget) (default false).", commandLineParamName = "keep-output-dense",
      commandLineParamSynopsis = "-keep-output-dense", commandLineParamIsFlag = true, displayOrder = 45,
      category = "Sparsity")
  public boolean getKeepOutputDense() {
    return keepOutputDense;
  }

  public void setKeepOutputDense(boolean keepOutputDense) {
    this.keepOutputDense = keepOutputDense;
  }

  @OptionMetadata(displayName = "growth", description = "Where pruned connections regrow: RANDOM (SET-ITOP), GRADIENT "
      + "(largest dense gradient, RigL-ITOP; use about 20 topology updates) or RANDOM_UNFIRED (never-used ones first) "
      + "(default RANDOM).", commandLineParamName = "growth", commandLineParamSynopsis = "-growth <RANDOM|GRADIENT|RANDOM_UNFIRED>",
      displayOrder = 46, category = "Sparsity: prune and regrow")
  public Growth getGrowth() {
    return growth;
  }

  public void setGrowth(Growth growth) {
    this.growth = growth;
  }

  @OptionMetadata(displayName = "prune rate", description = "Initial fraction of each layer's active "
      + "connections replaced per topology update. In [0, 1]; default 0.5.", commandLineParamName = "prune-rate",
      commandLineParamSynopsis = "-prune-rate <double>", displayOrder = 47, category = "Sparsity: prune and regrow")
  public double getPruneRate() {
    return pruneRate;
  }

  public void setPruneRate(double pruneRate) {
    this.pruneRate = pruneRate;
  }

  @OptionMetadata(displayName = "final prune rate", description = "Prune rate reached at the end of the "
      + "cosine decay. In [0, prune-rate]; default 0.005.", commandLineParamName = "prune-rate-min",
      commandLineParamSynopsis = "-prune-rate-min <double>", displayOrder = 48, category = "Sparsity: prune and regrow")
  public double getPruneRateMin() {
    return pruneRateMin;
  }

  public void setPruneRateMin(double pruneRateMin) {
    this.pruneRateMin = pruneRateMin;
  }

  @OptionMetadata(displayName = "prune-rate decay", description = "COSINE (ITOP) or CONSTANT (SET) (default COSINE).",
      commandLineParamName = "prune-decay", commandLineParamSynopsis = "-prune-decay <COSINE|CONSTANT>",
      displayOrder = 49, category = "Sparsity: prune and regrow")
  public PruneDecay getPruneDecay() {
    return pruneDecay;
  }

  public void setPruneDecay(PruneDecay pruneDecay) {
    this.pruneDecay = pruneDecay;
  }

  @OptionMetadata(displayName = "number of topology updates", description = "Number of prune-and-regrow updates over "
      + "the run, used when no update interval is given; each is at least min-update-interval-epochs apart. "
      + "training-multiplier m keeps their interval and so makes m times as many. >= 0 (default 50).", commandLineParamName = "num-topology-updates",
      commandLineParamSynopsis = "-num-topology-updates <int>", displayOrder = 50, category = "Sparsity: update schedule")
  public int getNumTopologyUpdates() {
    return numTopologyUpdates;
  }

  public void setNumTopologyUpdates(int numTopologyUpdates) {
    this.numTopologyUpdates = numTopologyUpdates;
  }

  @OptionMetadata(displayName = "update interval", description = "Optimiser steps between topology updates (Delta T); "
      + "0 derives it from the number of topology updates (default 0).", commandLineParamName = "update-interval",
      commandLineParamSynopsis = "-update-interval <int>", displayOrder = 51, category = "Sparsity: update schedule")
  public int getUpdateInterval() {
    return updateInterval;
  }

  public void setUpdateInterval(int updateInterval) {
    this.updateInterval = updateInterval;
  }

  @OptionMetadata(displayName = "update interval fraction", description = "Delta T as a fraction of all optimiser steps "
      + "(of the run before training-multiplier), in [0, 1]; 0 derives it from the number of topology updates "
      + "(default 0).",
      commandLineParamName = "update-interval-fraction", commandLineParamSynopsis = "-update-interval-fraction <double>",
      displayOrder = 52, category = "Sparsity: update schedule")
  public double getUpdateIntervalFraction() {
    return updateIntervalFraction;
  }

  public void setUpdateIntervalFraction(double updateIntervalFraction) {
    this.updateIntervalFraction = updateIntervalFraction;
  }

  @OptionMetadata(displayName = "minimum update interval (epochs)", description = "Lower bound on the derived Delta T, "
      + "in epochs, so that regrown connections train before they can be pruned again, >= 0 (default 1).",
      commandLineParamName = "min-update-interval-epochs", commandLineParamSynopsis = "-min-update-interval-epochs <double>",
      displayOrder = 53, category = "Sparsity: update schedule")
  public double getMinUpdateIntervalEpochs() {
    return minUpdateIntervalEpochs;
  }

  public void setMinUpdateIntervalEpochs(double minUpdateIntervalEpochs) {
    this.minUpdateIntervalEpochs = minUpdateIntervalEpochs;
  }

  @OptionMetadata(displayName = "stop updates at", description = "Fraction of the run after which the "
      + "topology is frozen. In [0, 1]; RigL uses 0.75; default 1.", commandLineParamName = "stop-updates-at",
      commandLineParamSynopsis = "-stop-updates-at <double>", displayOrder = 54, category = "Sparsity: update schedule")
  public double getStopUpdatesAt() {
    return stopUpdatesAt;
  }

  public void setStopUpdatesAt(double stopUpdatesAt) {
    this.stopUpdatesAt = stopUpdatesAt;
  }

  @OptionMetadata(displayName = "regrow init", description = "Value of regrown connections: ZERO (ITOP, RigL) or NORMAL "
      + "with regrow-init-std (SET) (default ZERO).", commandLineParamName = "regrow-init",
      commandLineParamSynopsis = "-regrow-init <ZERO|NORMAL>", displayOrder = 55, category = "Sparsity: prune and regrow")
  public RegrowInit getRegrowInit() {
    return regrowInit;
  }

  public void setRegrowInit(RegrowInit regrowInit) {
    this.regrowInit = regrowInit;
  }

  @OptionMetadata(displayName = "regrow init std", description = "Standard deviation of NORMAL regrow "
      + "init. At least 0; default 0.1.", commandLineParamName = "regrow-init-std", commandLineParamSynopsis = "-regrow-init-std <double>",
      displayOrder = 56, category = "Sparsity: prune and regrow")
  public double getRegrowInitStd() {
    return regrowInitStd;
  }

  public void setRegrowInitStd(double regrowInitStd) {
    this.regrowInitStd = regrowInitStd;
  }

  @OptionMetadata(displayName = "reinit when same", description = "Reset connections that are pruned and regrown in the "
      + "same update (default false: they keep their value and optimiser state).", commandLineParamName = "reinit-when-same",
      commandLineParamSynopsis = "-reinit-when-same", commandLineParamIsFlag = true, displayOrder = 57,
      category = "Sparsity: prune and regrow")
  public boolean getReinitWhenSame() {
    return reinitWhenSame;
  }

  public void setReinitWhenSame(boolean reinitWhenSame) {
    this.reinitWhenSame = reinitWhenSame;
  }

  @OptionMetadata(displayName = "no gradient masking", description = "Let gradients of inactive connections reach the "
      + "optimiser state (default false: they are masked, so momentum never builds up there).",
      commandLineParamName = "no-gradient-masking", commandLineParamSynopsis = "-no-gradient-masking",
      commandLineParamIsFlag = true, displayOrder = 58, category = "Sparsity: prune and regrow")
  public boolean getNoGradientMasking() {
    return noGradientMasking;
  }

  public void setNoGradientMasking(boolean noGradientMasking) {
    this.noGradientMasking = noGradientMasking;
  }

  @OptionMetadata(displayName = "fix mask", description = "Static sparse training: keep the initial random topology "
      + "(no prune and regrow; R_s stays at the density) (default false).", commandLineParamName = "fix-mask",
      commandLineParamSynopsis = "-fix-mask", commandLineParamIsFlag = true, displayOrder = 59, category = "Sparsity: update schedule")
  public boolean getFixMask() {
    return fixMask;
  }

  public void setFixMask(boolean fixMask) {
    this.fixMask = fixMask;
  }

  @OptionMetadata(displayName = "sparse execution", description = "How the sparse network is computed (default AUTO). "
      + "SPARSE stores and multiplies only the active connections (less time and memory at high sparsity, float32 "
      + "only); DENSE multiplies full matrices with 0/1 masks, as the reference implementations do; AUTO picks SPARSE "
      + "when at most 10% of the weights are active and float32 is used. Both give the same results to float "
      + "rounding.",
      commandLineParamName = "sparse-execution", commandLineParamSynopsis = "-sparse-execution <AUTO|DENSE|SPARSE>",
      displayOrder = 60, category = "Sparsity")
  public ExecutionMode getSparseExecution() {
    return sparseExecution;
  }

  public void setSparseExecution(ExecutionMode sparseExecution) {
    this.sparseExecution = sparseExecution;
  }
}
