// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/**
 * Error rates of one group (or of all rows) at a decision threshold on the positive score.
 * Rates are weighted; a rate whose denominator is 0 is NaN.
 *
 * @param fpr false-positive rate
 * @param fnr false-negative rate
 * @param error weighted error
 * @param positiveRate share predicted positive
 * @param weight total weight of the rows
 */
public record GroupRates(double fpr, double fnr, double error, double positiveRate, double weight)
    implements java.io.Serializable {

  /** Rates of the rows with {@code include[i]}, predicting positive iff score >= tau. */
  static GroupRates of(double[] score, boolean[] positive, double[] w, boolean[] include, boolean want,
      double tau) {
    double tp = 0;
    double fn = 0;
    double fp = 0;
    double tn = 0;
    for (int i = 0; i < score.length; i++) {
      if (include != null && include[i] != want) {
        continue;
      }
      boolean predicted = score[i] >= tau;
      double wi = w == null ? 1 : w[i];
      if (positive[i]) {
        if (predicted) {
          tp += wi;
        } else {
          fn += wi;
        }
      } else if (predicted) {
        fp += wi;
      } else {
        tn += wi;
      }
    }
    double total = tp + fn + fp + tn;
    return new GroupRates(ratio(fp, fp + tn), ratio(fn, fn + tp), ratio(fp + fn, total),
        ratio(tp + fp, total), total);
  }

  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }

  /** The rate that {@code label} equalises (FNR for POSITIVE, FPR for NEGATIVE). */
  public double rate(MinDiffLabel label) {
    return label == MinDiffLabel.POSITIVE ? fnr : fpr;
  }
}
