// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

/** log Σ exp(z_j), shifted by the maximum so that it neither overflows nor underflows. */
public final class LogSumExp {
  private LogSumExp() {}

  public static double of(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - max);
    }
    return max + Math.log(s);
  }
}
