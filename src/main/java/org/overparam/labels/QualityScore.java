// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

/**
 * How well an instance's given label agrees with its out-of-sample class probabilities p̂(· | x):
 * the lower, the more suspicious. Confident learning ranks its issues by one of these.
 */
public enum QualityScore {
  /** p̂(ỹ | x), the probability of the given label (cleanlab's {@code self_confidence}). */
  SELF_CONFIDENCE,
  /**
   * p̂(ỹ | x) − max_{j ≠ ỹ} p̂(j | x), in [−1, 1] (cleanlab's {@code normalized_margin} before its
   * affine map to [0, 1], which does not change the order): low when another class is preferred.
   */
  NORMALIZED_MARGIN;

  /** The score of one instance with given label {@code label} and probabilities {@code p}. */
  public double score(double[] p, int label) {
    return switch (this) {
      case SELF_CONFIDENCE -> p[label];
      case NORMALIZED_MARGIN -> p[label] - maxOther(p, label);
    };
  }

  /** The scores of all instances. */
  public double[] scores(double[][] probs, int[] labels) {
    double[] s = new double[labels.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = score(probs[i], labels[i]);
    }
    return s;
  }

  /** The largest probability of a class other than {@code label}. */
  static double maxOther(double[] p, int label) {
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < p.length; j++) {
      if (j != label && p[j] > best) {
        best = p[j];
      }
    }
    return best;
  }

  /** The most probable class other than {@code label} (the lowest index on ties): the label to suggest. */
  public static int bestOther(double[] p, int label) {
    int best = -1;
    for (int j = 0; j < p.length; j++) {
      if (j != label && (best < 0 || p[j] > p[best])) {
        best = j;
      }
    }
    return best;
  }
}
