// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A training objective on the network's output logits, plugged into the engine by external-error
 * backpropagation: the engine forwards a minibatch, the objective returns the loss and its
 * gradient with respect to the logits, the engine backpropagates that gradient through the
 * network and takes one optimiser step.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Rows are positions in the training set; they stay fixed for the whole run, so per-instance
 *       state (SOP's u and v) can be indexed by them.</li>
 *   <li>{@code dLogits} is the gradient of the <em>whole</em> minibatch loss (including its 1/B
 *       factors); the engine does not divide by the batch size again.</li>
 *   <li>The objective may keep state (it is created per training run) and update it in
 *       {@link #afterStep}.</li>
 * </ul>
 */
public interface Objective {
  int[] NO_ROWS = new int[0];

  /**
   * Called once before the first step.
   *
   * @param data the whole training set (row positions are fixed for the run)
   * @param trainRows the rows the optimiser trains on (all rows, or all but the validation split
   *     when early stopping holds some out); extra rows must be drawn from these
   * @param rng a stream derived from the user's seed, for the objective's own randomness
   */
  default void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {}

  /**
   * Training rows to forward together with the minibatch {@code batchRows} (e.g. MinDiff's
   * per-group batches). They are appended after the minibatch rows.
   */
  default int[] extraRows(int[] batchRows) {
    return NO_ROWS;
  }

  /** Number of input views forwarded per row (SOP+ consistency uses 2). */
  default int views() {
    return 1;
  }

  /**
   * Turns {@code x} (a copy of the rows' standardised inputs, row-major) into input view
   * {@code view} (1-based beyond the first, i.e. {@code view >= 1}) in place.
   */
  default void makeView(int view, float[][] x, SplittableRandom rng) {}

  /**
   * Computes the loss of one step and writes dLoss/dLogits.
   *
   * @param step the rows, labels and weights of what was forwarded
   * @param logits network outputs, {@code views() * step.rows().length} rows by C; view v of row r
   *     is at index {@code v * rows.length + r}
   * @param dLogits output, same shape as {@code logits}, overwritten
   * @return the loss value (for progress reports and divergence checks)
   */
  double lossAndGradient(Step step, double[][] logits, double[][] dLogits);

  /** Called after the network's optimiser step of {@code step}. */
  default void afterStep(Step step) {}

  /**
   * Extra per-epoch metrics for progress reports and the training history (e.g. MMD); called at
   * the end of an epoch. Names follow {@link org.overparam.common.TrainingHistory}'s "panel/series".
   */
  default Map<String, Double> epochMetrics() {
    return Map.of();
  }

  /**
   * Whether {@link #predictionMetrics} wants the predictions on the training rows at the end of
   * every epoch (one extra forward pass over them).
   */
  default boolean measuresTrainingRows() {
    return false;
  }

  /**
   * Whether the step losses are the cross-entropy of the network's predictions against the given labels (plus
   * terms of that size), so that the collapse guard may compare them with the cross-entropy of predicting the
   * class frequencies. SOP's objective, whose noise model adds terms of its own scale, is not: there the guard
   * keeps only its loss-spike rule.
   */
  default boolean lossIsCrossEntropy() {
    return true;
  }

  /**
   * What else than the learning rate can drive this objective's loss up (its own weights), for the message of a
   * diverged run; empty by default.
   */
  default String divergenceHint() {
    return "";
  }

  /**
   * Per-epoch quantities measured on the network's predictions (e.g. MinDiff's per-group rates),
   * for the training history.
   *
   * @param split "training" or "validation"
   * @param probabilities predicted class probabilities, one row per entry of {@code rows}
   * @param rows the rows predicted (positions in the training set)
   */
  default Map<String, Double> predictionMetrics(String split, double[][] probabilities, int[] rows) {
    return Map.of();
  }

  /** What one step forwarded. */
  record Step(
      int[] rows, int batchRows, int[] labels, double[] weights, int epoch, long iteration) {
    /** Rows of the minibatch proper (the first {@code batchRows} entries of {@link #rows}). */
    public int batchSize() {
      return batchRows;
    }
  }
}
