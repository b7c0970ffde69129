// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.Serial;
import java.io.Serializable;
import org.overparam.common.Checks;

/**
 * The standardisation of a numeric target: the network learns z = (y − mean) / sd, with the weighted
 * mean and (population) standard deviation of the training targets, and its output z is mapped back
 * to y = mean + sd · z. Both are computed on y · 2^-e with an exact power-of-two scale (|y| < 2^e),
 * so targets near 1e300 or 1e-300 standardise without overflow or lost digits.
 *
 * @param exponent e of the exact scale 2^e
 * @param scaledMean the weighted mean of y · 2^-e
 * @param scaledSd the weighted standard deviation of y · 2^-e (> 0)
 */
public record RegressionTarget(int exponent, double scaledMean, double scaledSd) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public RegressionTarget {
    Checks.require(scaledSd > 0 && Double.isFinite(scaledSd) && Double.isFinite(scaledMean),
        "invalid target standardisation: mean " + scaledMean + ", sd " + scaledSd);
  }

  /**
   * Fits the standardisation on training targets and their weights.
   *
   * @throws IllegalArgumentException naming the (1-based) row of a NaN or infinite target, or if the
   *     target takes one value on every row of positive weight (sd 0: nothing to learn)
   */
  public static RegressionTarget fit(double[] y, double[] weights) {
    Checks.require(y.length == weights.length && y.length > 0, "need one weight per target and at least one target");
    double largest = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < y.length; i++) {
      Checks.require(Double.isFinite(y[i]), "the target of row " + (i + 1) + " is " + y[i]
          + "; a numeric class must be finite");
      if (weights[i] > 0) {
        largest = Math.max(largest, Math.abs(y[i]));
        min = Math.min(min, y[i]);
        max = Math.max(max, y[i]);
      }
    }
    int e = largest == 0 ? 0 : Math.getExponent(largest) + 1;
    double f = Math.scalb(1.0, -e);
    double sw = 0;
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sw += weights[i];
      sum += weights[i] * y[i] * f;
    }
    Checks.require(sw > 0, "all training instances have weight 0");
    double mean = sum / sw;
    double m2 = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] * f - mean;
      m2 += weights[i] * d * d;
    }
    double sd = Math.sqrt(m2 / sw);
    // Any spread at all is learnable: the network sees the standardised target, whatever the offset.
    // (min == max, not sd == 0: rounding can leave a tiny sd for equal values, which would blow up z.)
    Checks.require(min < max && sd > 0, "the target is constant (" + min + ") on every training instance, so "
        + "there is nothing to learn; a constant predictor (ZeroR) fits it exactly");
    return new RegressionTarget(e, mean, sd);
  }

  /** z = (y − mean) / sd. */
  public double standardise(double y) {
    return (y * Math.scalb(1.0, -exponent) - scaledMean) / scaledSd;
  }

  /** Standardises every target. */
  public double[] standardise(double[] y) {
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = standardise(y[i]);
    }
    return z;
  }

  /** y = mean + sd · z, in the target's unit. */
  public double toTarget(double z) {
    return Math.scalb(scaledMean + scaledSd * z, exponent);
  }

  /** The mean in the target's unit. */
  public double mean() {
    return Math.scalb(scaledMean, exponent);
  }

  /** The standard deviation in the target's unit (multiplies standardised errors into target units). */
  public double sd() {
    return Math.scalb(scaledSd, exponent);
  }
}
