// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import org.overparam.common.Checks;

/**
 * The learning rate actually used for u or v, how it was derived, and whether the stability cap bound.
 *
 * @param value the effective plain-SGD learning rate
 * @param capped true if the MATCH_GROWTH rule exceeded B/8 and was cut back to it
 * @param rescaled true if the MATCH_GROWTH rule rescaled the given rate, false if it is used as given
 */
public record UvLearningRate(double value, boolean capped, boolean rescaled) {

  /**
   * Rescales {@code lrRef}, given at reference batch size {@code refBatch} and {@code refEpochs}
   * epochs, to a run of {@code epochs} epochs with batch size {@code batch}.
   *
   * <p>A visit of an instance multiplies a small v entry by (1 + 4·lr/B); MATCH_GROWTH equates
   * the product over E visits with the reference run's. The cap B/8 keeps the fixed point
   * v² = h of the MSE update stable (8·lr/B &lt; 2) and the approach to it monotone.
   */
  public static UvLearningRate of(
      UvLrScaling scaling, double lrRef, int batch, int epochs, int refBatch, int refEpochs) {
    Checks.nonNegative("learning rate of u/v", lrRef);
    Checks.positive("batch size", batch);
    Checks.positive("epochs", epochs);
    Checks.positive("uv-reference-batch", refBatch);
    Checks.positive("uv-reference-epochs", refEpochs);
    if (scaling == UvLrScaling.NONE) {
      return new UvLearningRate(lrRef, false, false);
    }
    double growthPerVisit = Math.log1p(4.0 * lrRef / refBatch) * refEpochs / epochs;
    double lr = batch / 4.0 * Math.expm1(growthPerVisit);
    double cap = batch / 8.0;
    return lr > cap ? new UvLearningRate(cap, true, true) : new UvLearningRate(lr, false, true);
  }
}
