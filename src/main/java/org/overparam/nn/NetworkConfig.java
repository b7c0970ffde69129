package org.overparam.nn;

import java.io.Serializable;
import java.util.Arrays;
import org.overparam.common.Checks;

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
    long seed) implements Serializable {

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
  }

  /** The same configuration with another minibatch size. */
  public NetworkConfig withBatchSize(int size) {
    return new NetworkConfig(hiddenLayers, activation, epochs, size, updater, learningRate, momentum, l2, schedule,
        lrMinFactor, doublePrecision, validationFraction, patience, seed);
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
        && patience == c.patience && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hiddenLayers) * 31 + Long.hashCode(seed);
  }
}
