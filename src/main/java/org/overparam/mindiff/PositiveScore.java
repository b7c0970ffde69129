// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/**
 * The one-vs-rest score of the positive class: the logit of its softmax probability,
 * {@code z = l_pos - logsumexp_{k != pos} l_k}, so that sigmoid(z) = softmax(l)_pos. With two
 * classes it is the logit difference.
 */
public final class PositiveScore {
  private PositiveScore() {}

  /** z from one row of C logits. */
  public static double of(double[] logits, int pos) {
    return logits[pos] - logSumExpOthers(logits, pos);
  }

  /** The score of a probability p: log(p / (1 - p)), infinite at 0 and 1. */
  public static double ofProbability(double p) {
    return Math.log(p) - Math.log1p(-p);
  }

  /**
   * Adds {@code g * dz/dl} to {@code out}: dz/dl_pos = 1 and dz/dl_k = -softmax over the other
   * classes.
   */
  public static void addGradient(double[] logits, int pos, double g, double[] out) {
    double lse = logSumExpOthers(logits, pos);
    for (int k = 0; k < logits.length; k++) {
      out[k] += k == pos ? g : -g * Math.exp(logits[k] - lse);
    }
  }

  private static double logSumExpOthers(double[] logits, int pos) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logits.length; k++) {
      if (k != pos) {
        max = Math.max(max, logits[k]);
      }
    }
    double s = 0;
    for (int k = 0; k < logits.length; k++) {
      if (k != pos) {
        s += Math.exp(logits[k] - max);
      }
    }
    return max + Math.log(s);
  }
}
