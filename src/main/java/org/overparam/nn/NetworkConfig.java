// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.Serializable;
import java.util.Arrays;
import org.overparam.common.Checks;
import org.overparam.nd4j.BlasThreads;

/**
 * Architecture and optimisation settings shared by every network learner.
 *
 * @param hiddenLayers widths of the hidden layers (at least one)
 * @param activation hidden activation
 * @param epochs passes over the training rows
 * @param batchSize minibatch size (the last batch of an epoch may be smaller)
 * @param updater optimiser
 * @param learningRate base learning rate
 * @param momentum momentum for {@link UpdaterType#NESTEROVS}
 * @param l2 coupled L2 penalty on weights (added to the gradient, like PyTorch's weight_decay)
 * @param schedule learning-rate schedule
 * @param lrMinFactor final fraction of the rate for {@link LrSchedule#COSINE}
 * @param doublePrecision train in float64 instead of float32
 * @param validationFraction fraction of rows held out for early stopping (0 = none)
 * @param patience epochs without improvement before stopping (with a validation split)
 * @param gradientClip largest L2 norm of the loss gradient over all parameters per step, rescaled to it
 *     when larger, before coupled L2 (PyTorch's clip_grad_norm_); 0 = no clipping; {@link
 *     #AUTO_GRADIENT_CLIP} = decided by the class type ({@link #resolvedFor})
 * @param collapseGuard whether a collapsed run (a loss spike, or one class predicted for every
 *     training row) is rolled back to its best epoch and stopped; see {@link NetworkTrainer}
 * @param threads threads of the products (ND4J, OpenBLAS) and of the sparse engine's kernels, at least 1,
 *     or {@link #AUTO_THREADS}: chosen by the network's size and the machine's cores
 *     ({@link BlasThreads#resolve}). In float32 the dense engine's results depend on it in the
 *     last digits (OpenBLAS); the sparse engine's kernels give the same bits for any count
 * @param seed the seed that owns all randomness of the run
 */
public record NetworkConfig(
    int[] hiddenLayers,
    Activation activation,
    int epochs,
    int batchSize,
    UpdaterType updater,
    double learningRate,
    double momentum,
    double l2,
    LrSchedule schedule,
    double lrMinFactor,
    boolean doublePrecision,
    double validationFraction,
    int patience,
    double gradientClip,
    boolean collapseGuard,
    int threads,
    long seed) implements Serializable {

  // The defaults, in one place: the builder starts from them and the Weka options of the network
  // learners start from them (a learner with other defaults sets its own in its constructor).
  public static final String DEFAULT_HIDDEN_LAYERS = "256,256";
  public static final Activation DEFAULT_ACTIVATION = Activation.RELU;
  public static final int DEFAULT_EPOCHS = 100;
  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final UpdaterType DEFAULT_UPDATER = UpdaterType.NESTEROVS;
  public static final double DEFAULT_LEARNING_RATE = 0.05;
  public static final double DEFAULT_MOMENTUM = 0.9;
  public static final double DEFAULT_L2 = 5e-4;
  public static final LrSchedule DEFAULT_SCHEDULE = LrSchedule.STEP;
  public static final double DEFAULT_LR_MIN_FACTOR = 0.01;
  public static final double DEFAULT_VALIDATION_FRACTION = 0;
  public static final int DEFAULT_PATIENCE = 10;
  /**
   * Automatic: {@link #REGRESSION_GRADIENT_CLIP} for a numeric class, none for classes. Squared error has no
   * bounded gradient and diverged at the classification defaults on heavy-tailed data; clipping every
   * classification run would change its trajectory (docs/guide-itop.md has the measurements).
   */
  public static final double AUTO_GRADIENT_CLIP = -1;
  public static final double DEFAULT_GRADIENT_CLIP = AUTO_GRADIENT_CLIP;
  /** The clipping norm {@link #AUTO_GRADIENT_CLIP} means for regression. */
  public static final double REGRESSION_GRADIENT_CLIP = 5;
  /** On: detecting a collapse costs a copy of the weights per improving epoch and changes no healthy run. */
  public static final boolean DEFAULT_COLLAPSE_GUARD = true;
  /** {@code -num-threads 0}: the count follows the network's size and the machine's cores. */
  public static final int AUTO_THREADS = 0;
  public static final int DEFAULT_THREADS = AUTO_THREADS;
  /** Weka's default seed ({@code -S 1}). */
  public static final long DEFAULT_SEED = 1;

  public NetworkConfig {
    Checks.require(hiddenLayers != null && hiddenLayers.length > 0,
        "-hidden-layers must list at least one layer width, e.g. 256,256");
    for (int w : hiddenLayers) {
      Checks.require(w > 0, "-hidden-layers widths must be > 0, got " + Arrays.toString(hiddenLayers));
    }
    hiddenLayers = hiddenLayers.clone();
    Checks.require(activation != null, "-activation must be set");
    Checks.positive("-epochs", epochs);
    Checks.positive("-batch-size-train", batchSize);
    Checks.require(updater != null, "-updater must be set");
    Checks.positive("-learning-rate", learningRate);
    Checks.inClosed("-momentum", momentum, 0, 0.999999);
    Checks.nonNegative("-l2", l2);
    Checks.require(schedule != null, "-lr-schedule must be set");
    Checks.inClosed("-lr-min-factor", lrMinFactor, 0, 1);
    Checks.require(validationFraction >= 0 && validationFraction < 1,
        "-validation-fraction must be in [0, 1), got " + validationFraction);
    Checks.positive("-patience", patience);
    Checks.require(gradientClip >= 0 || gradientClip == AUTO_GRADIENT_CLIP,
        "-gradient-clip must be >= 0 (0 = no clipping) or -1 (automatic), got " + gradientClip);
    Checks.require(threads >= 0, "-num-threads must be >= 1, or 0 for automatic (one thread for small "
        + "networks, else the machine's cores up to " + BlasThreads.MAX_AUTO + "), got " + threads);
  }

  /** This configuration with {@link #AUTO_GRADIENT_CLIP} resolved for a numeric or a nominal class. */
  public NetworkConfig resolvedFor(boolean regression) {
    if (gradientClip != AUTO_GRADIENT_CLIP) {
      return this;
    }
    return toBuilder().gradientClip(regression ? REGRESSION_GRADIENT_CLIP : 0).build();
  }

  /** The same configuration with another minibatch size. */
  public NetworkConfig withBatchSize(int size) {
    return toBuilder().batchSize(size).build();
  }

  /** A builder that starts from the defaults (the {@code DEFAULT_} constants, float32). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder().hiddenLayers(hiddenLayers).activation(activation).epochs(epochs).batchSize(batchSize)
        .updater(updater).learningRate(learningRate).momentum(momentum).l2(l2).schedule(schedule)
        .lrMinFactor(lrMinFactor).doublePrecision(doublePrecision).validationFraction(validationFraction)
        .patience(patience).gradientClip(gradientClip).collapseGuard(collapseGuard).threads(threads).seed(seed);
  }

  /** Builds a {@link NetworkConfig} by name; {@link #build()} validates it. */
  public static final class Builder {
    private int[] hiddenLayers = parseLayers("-hidden-layers", DEFAULT_HIDDEN_LAYERS);
    private Activation activation = DEFAULT_ACTIVATION;
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private UpdaterType updater = DEFAULT_UPDATER;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private double momentum = DEFAULT_MOMENTUM;
    private double l2 = DEFAULT_L2;
    private LrSchedule schedule = DEFAULT_SCHEDULE;
    private double lrMinFactor = DEFAULT_LR_MIN_FACTOR;
    private boolean doublePrecision;
    private double validationFraction = DEFAULT_VALIDATION_FRACTION;
    private int patience = DEFAULT_PATIENCE;
    private double gradientClip = DEFAULT_GRADIENT_CLIP;
    private boolean collapseGuard = DEFAULT_COLLAPSE_GUARD;
    private int threads = DEFAULT_THREADS;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    public Builder hiddenLayers(int... widths) {
      this.hiddenLayers = widths == null ? null : widths.clone();
      return this;
    }

    public Builder activation(Activation activation) {
      this.activation = activation;
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder updater(UpdaterType updater) {
      this.updater = updater;
      return this;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder l2(double l2) {
      this.l2 = l2;
      return this;
    }

    public Builder schedule(LrSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder lrMinFactor(double lrMinFactor) {
      this.lrMinFactor = lrMinFactor;
      return this;
    }

    public Builder doublePrecision(boolean doublePrecision) {
      this.doublePrecision = doublePrecision;
      return this;
    }

    public Builder validationFraction(double validationFraction) {
      this.validationFraction = validationFraction;
      return this;
    }

    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    public Builder gradientClip(double gradientClip) {
      this.gradientClip = gradientClip;
      return this;
    }

    public Builder collapseGuard(boolean collapseGuard) {
      this.collapseGuard = collapseGuard;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The validated configuration; throws naming the flag of the first bad value. */
    public NetworkConfig build() {
      return new NetworkConfig(hiddenLayers, activation, epochs, batchSize, updater, learningRate, momentum, l2,
          schedule, lrMinFactor, doublePrecision, validationFraction, patience,
          gradientClip, collapseGuard, threads, seed);
    }
  }

  @Override
  public int[] hiddenLayers() {
    return hiddenLayers.clone();
  }

  /**
   * Parses a layer specification such as {@code "256,256"}.
   *
   * @param option the option that holds it, for messages
   */
  public static int[] parseLayers(String option, String spec) {
    Checks.require(spec != null && !spec.isBlank(), option + " must not be empty; give widths such as 256,256");
    String[] parts = spec.trim().split("\\s*,\\s*");
    int[] widths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        widths[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be comma-separated positive integers, got '" + spec + "'");
      }
      Checks.require(widths[i] > 0, option + " widths must be > 0, got '" + spec + "'");
    }
    return widths;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkConfig c && Arrays.equals(hiddenLayers, c.hiddenLayers)
        && activation == c.activation && epochs == c.epochs && batchSize == c.batchSize
        && updater == c.updater && learningRate == c.learningRate && momentum == c.momentum
        && l2 == c.l2 && schedule == c.schedule && lrMinFactor == c.lrMinFactor
        && doublePrecision == c.doublePrecision && validationFraction == c.validationFraction
        && patience == c.patience && gradientClip == c.gradientClip && collapseGuard == c.collapseGuard
        && threads == c.threads && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hiddenLayers) * 31 + Long.hashCode(seed);
  }
}
