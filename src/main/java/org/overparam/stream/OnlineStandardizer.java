// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import java.io.Serial;
import java.io.Serializable;
import org.overparam.common.Checks;
import org.overparam.common.RunningMoments;

/**
 * Turns raw stream rows into network inputs with statistics estimated online: each numeric
 * attribute is standardised with its running mean and standard deviation ({@link RunningMoments}:
 * Welford's update in a scale-free domain, so offsets and extreme units keep their information and
 * no pass over past data is needed), each nominal attribute becomes a one-hot block. A missing
 * numeric value maps to the running mean (input 0), as does every value of an attribute that has
 * been constant so far; a missing or unknown nominal value activates no category.
 *
 * <p>Raw rows hold one double per attribute: the value of a numeric attribute, or the category
 * index of a nominal one; {@link Double#NaN} marks a missing value.
 */
public final class OnlineStandardizer implements Serializable {
  @Serial private static final long serialVersionUID = 2L;

  private final int[] cardinality;
  private final int[] offset;
  private final int numInputs;
  /** Running statistics per attribute (null for a nominal one). */
  private final RunningMoments[] moments;

  /**
   * @param cardinality per attribute: 0 for numeric, else the number of categories (at least 1)
   */
  public OnlineStandardizer(int[] cardinality) {
    Checks.require(cardinality.length > 0,
        "the stream has no input attributes besides the class; the network needs at least one");
    this.cardinality = cardinality.clone();
    offset = new int[cardinality.length];
    moments = new RunningMoments[cardinality.length];
    int width = 0;
    for (int a = 0; a < cardinality.length; a++) {
      Checks.require(cardinality[a] >= 0, "cardinality of attribute " + a + " must be >= 0");
      offset[a] = width;
      width += cardinality[a] == 0 ? 1 : cardinality[a];
      moments[a] = cardinality[a] == 0 ? new RunningMoments() : null;
    }
    Checks.require(width > 0, "the stream's attributes give no network inputs");
    numInputs = width;
  }

  /** Number of network inputs (numeric attributes plus one per nominal category). */
  public int numInputs() {
    return numInputs;
  }

  /**
   * Adds a row to the running statistics.
   *
   * @throws IllegalArgumentException if a numeric value is infinite
   */
  public void observe(double[] raw) {
    checkWidth(raw);
    for (int a = 0; a < raw.length; a++) {
      if (moments[a] != null && !Double.isNaN(raw[a])) {
        moments[a].add(finite(a, raw[a]));
      }
    }
  }

  /** Encodes {@code raw} into {@code out} (length {@link #numInputs()}) with the current statistics. */
  public void encode(double[] raw, float[] out) {
    checkWidth(raw);
    java.util.Arrays.fill(out, 0f);
    for (int a = 0; a < raw.length; a++) {
      double v = raw[a];
      if (Double.isNaN(v)) {
        continue;
      }
      if (moments[a] != null) {
        out[offset[a]] = (float) moments[a].standardize(finite(a, v));
      } else {
        int category = (int) v;
        if (category >= 0 && category < cardinality[a]) {
          out[offset[a] + category] = 1f;
        }
      }
    }
  }

  /** Running mean of numeric attribute {@code a} (NaN before any value). */
  public double mean(int a) {
    return moments[a].mean();
  }

  /** Running (population) standard deviation of numeric attribute {@code a} (NaN before any value). */
  public double std(int a) {
    return moments[a].std();
  }

  private static double finite(int a, double v) {
    Checks.require(Double.isFinite(v), "attribute " + a + " has the non-finite value " + v);
    return v;
  }

  private void checkWidth(double[] raw) {
    Checks.require(raw.length == cardinality.length,
        "row has " + raw.length + " attributes, expected " + cardinality.length);
  }
}
