// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import java.io.Serial;
import java.io.Serializable;

/**
 * Mean and standard deviation of one attribute, accumulated value by value (Welford's update) in a
 * power-of-two scaled domain, and the standardisation they define.
 *
 * <p>Naive sums lose an attribute's information: a sum of squares minus the squared mean cancels
 * catastrophically on an offset (1e9 + x), overflows at 1e200 and underflows below 1e-160. Here every
 * value is multiplied by 2^-e, where 2^e bounds the largest magnitude seen so far (an exact scaling),
 * and the running mean and sum of squared deviations are kept in that domain; when a larger value
 * arrives, both are rescaled exactly. Standardised values therefore do not depend on the attribute's
 * unit, and no intermediate overflows for any finite input.
 *
 * <p>An attribute is constant when all its values are equal (not when its spread is small: 1e-13·x is
 * as informative as x); a constant attribute standardises to 0.
 */
public final class RunningMoments implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Standardised values are clipped to ±this: no training value comes near it (at most sqrt(n - 1)
   * standard deviations from the mean), and a network input beyond it would only turn into an
   * overflow later.
   */
  public static final double MAX_STANDARDISED = 1e6;

  private long count;
  /** Scale exponent: values are held as v · 2^-exponent; unset (MIN_VALUE) until the first non-zero value. */
  private int exponent = Integer.MIN_VALUE;
  /** 2^-exponent (1 while unset): multiplying by a power of two is exact. */
  private double factor = 1;
  private double scaledMean;
  private double scaledM2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * The moments of {@code values[0..n)} by two passes (mean, then squared deviations from it), the
   * most accurate way when all values are at hand.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static RunningMoments of(double[] values, int n) {
    RunningMoments m = new RunningMoments();
    double largest = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("not a finite value: " + v);
      }
      largest = Math.max(largest, Math.abs(v));
      m.min = Math.min(m.min, v);
      m.max = Math.max(m.max, v);
    }
    if (largest > 0) {
      m.setExponent(Math.getExponent(largest) + 1);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i] * m.factor;
    }
    double mean = n == 0 ? 0 : sum / n;
    double m2 = 0;
    double drift = 0; // the corrected two-pass algorithm: removes the rounding left in the mean
    for (int i = 0; i < n; i++) {
      double d = values[i] * m.factor - mean;
      m2 += d * d;
      drift += d;
    }
    m.count = n;
    m.scaledMean = n == 0 ? 0 : mean + drift / n;
    m.scaledM2 = n == 0 ? 0 : Math.max(0, m2 - drift * drift / n);
    return m;
  }

  private void setExponent(int e) {
    exponent = e;
    factor = Math.scalb(1.0, -e);
  }

  /**
   * Adds a value.
   *
   * @throws IllegalArgumentException if v is NaN or infinite
   */
  public void add(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite value: " + v);
    }
    if (v != 0) {
      int needed = Math.getExponent(v) + 1; // |v| < 2^needed
      if (exponent == Integer.MIN_VALUE) {
        setExponent(needed);
      } else if (needed > exponent) {
        scaledMean = Math.scalb(scaledMean, exponent - needed);
        scaledM2 = Math.scalb(scaledM2, 2 * (exponent - needed));
        setExponent(needed);
      }
    }
    double x = v * factor;
    count++;
    double delta = x - scaledMean;
    scaledMean += delta / count;
    scaledM2 += delta * (x - scaledMean);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  public long count() {
    return count;
  }

  /** Whether at least one value was added and all values are equal. */
  public boolean isConstant() {
    return count > 0 && min == max;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /** The mean (NaN before the first value). */
  public double mean() {
    return count == 0 ? Double.NaN : Math.scalb(scaledMean, exponentOrZero());
  }

  /**
   * The population standard deviation in the data's unit (NaN before the first value). It may be
   * infinite where the spread itself exceeds the double range (values near ±1.8e308); {@link
   * #standardize} never is.
   */
  public double std() {
    return count == 0 ? Double.NaN : Math.scalb(scaledStd(), exponentOrZero());
  }

  private double scaledStd() {
    return Math.sqrt(Math.max(0, scaledM2) / count);
  }

  private int exponentOrZero() {
    return exponent == Integer.MIN_VALUE ? 0 : exponent;
  }

  /**
   * (v - mean) / std, clipped to ±{@link #MAX_STANDARDISED}; 0 for a constant attribute or before
   * the first value.
   *
   * @throws IllegalArgumentException if v is NaN or infinite
   */
  public double standardize(double v) {
    return clippedZ(v, factor, scaledMean, inverseStd());
  }

  /** The standardisation the current moments define, frozen (cheaper to apply many times). */
  public Standardisation standardisation() {
    return new Standardisation(factor, scaledMean, inverseStd());
  }

  /** 1 / std in the scaled unit; 0 for a constant attribute or before the first value. */
  private double inverseStd() {
    double s = scaledStd();
    return count > 0 && min != max && s > 0 ? 1 / s : 0;
  }

  /**
   * z = (v · factor − mean) · inverseStd, clipped to ±{@link #MAX_STANDARDISED}; {@code factor} is
   * the exact power-of-two scale, {@code mean} and {@code inverseStd} are in the scaled unit
   * (inverseStd 0 for a constant attribute).
   */
  public record Standardisation(double factor, double mean, double inverseStd) implements Serializable {
    /**
     * @throws IllegalArgumentException if v is NaN or infinite
     */
    public double apply(double v) {
      return clippedZ(v, factor, mean, inverseStd);
    }
  }

  /** {@link Standardisation#apply} with its fields given separately (for callers that keep them in arrays). */
  public static double clippedZ(double v, double factor, double mean, double inverseStd) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite value: " + v);
    }
    if (inverseStd == 0) {
      return 0; // also when v · factor overflows: 0 · infinity would be NaN
    }
    return clip((v * factor - mean) * inverseStd);
  }

  /** z clipped to ±{@link #MAX_STANDARDISED}. */
  public static double clip(double z) {
    // comparisons rather than Math.max/min: the same result for every finite or infinite z, and C2's intrinsic for
    // the double min/max (which orders NaN and -0.0) took a third of the time of encoding an instance
    return z < -MAX_STANDARDISED ? -MAX_STANDARDISED : z > MAX_STANDARDISED ? MAX_STANDARDISED : z;
  }
}
