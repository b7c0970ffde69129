// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

/** The index of a vector's largest entry: the predicted class of a row of scores. */
public final class ArgMax {
  private ArgMax() {}

  /** Index of the largest entry (the first one on ties; NaN entries are never chosen over entry 0). */
  public static int of(double[] v) {
    int best = 0;
    for (int j = 1; j < v.length; j++) {
      if (v[j] > v[best]) {
        best = j;
      }
    }
    return best;
  }
}
