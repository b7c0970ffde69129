// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import org.overparam.common.Checks;

/**
 * Weighted confusion matrices of the sensitive group S and the reference group R, filled one
 * prediction at a time (as an evaluation sees test instances) with the predicted class of any
 * number of classes. The rates come out as {@link GroupMetrics}, so the gaps are the same ones the
 * score-based {@link GroupMetrics#atHalf} reports; unlike that, the error counts every class (an
 * arg-max prediction of another wrong class is an error), and FPR/FNR are one-vs-rest for a chosen
 * positive class.
 */
public final class GroupConfusion implements java.io.Serializable {
  private static final long serialVersionUID = 5260190827351L;

  /** [group: 0 = S, 1 = R][actual class][predicted class] -> weight. */
  private final double[][][] cells;

  /** @param numClasses number of class values, at least 2 */
  public GroupConfusion(int numClasses) {
    Checks.require(numClasses >= 2, "a confusion matrix needs at least 2 classes, got " + numClasses);
    cells = new double[2][numClasses][numClasses];
  }

  /**
   * Counts one prediction.
   *
   * @throws IllegalArgumentException for a class index out of range or a weight that is not a finite
   *     number >= 0
   */
  public void add(boolean sensitive, int actual, int predicted, double weight) {
    int k = cells[0].length;
    Checks.require(actual >= 0 && actual < k && predicted >= 0 && predicted < k,
        "class indices must be in [0, " + k + "), got actual " + actual + ", predicted " + predicted);
    Checks.nonNegative("instance weight", weight);
    cells[sensitive ? 0 : 1][actual][predicted] += weight;
  }

  /**
   * The rates of S, R and all rows.
   *
   * @param positiveClass the class whose FPR/FNR are reported (one-vs-rest), or -1 for none: then
   *     FPR, FNR and the positive rate are NaN and only the error is given
   */
  public GroupMetrics metrics(int positiveClass) {
    Checks.require(positiveClass >= -1 && positiveClass < cells[0].length,
        "positive class must be -1 (none) or in [0, " + cells[0].length + "), got " + positiveClass);
    double[][] all = new double[cells[0].length][cells[0].length];
    for (double[][] group : cells) {
      for (int a = 0; a < all.length; a++) {
        for (int p = 0; p < all.length; p++) {
          all[a][p] += group[a][p];
        }
      }
    }
    return new GroupMetrics(rates(cells[0], positiveClass), rates(cells[1], positiveClass),
        rates(all, positiveClass));
  }

  private static GroupRates rates(double[][] m, int pos) {
    double total = 0;
    double wrong = 0;
    double tp = 0;
    double fn = 0;
    double fp = 0;
    double tn = 0;
    for (int a = 0; a < m.length; a++) {
      for (int p = 0; p < m.length; p++) {
        double w = m[a][p];
        total += w;
        wrong += a == p ? 0 : w;
        if (pos >= 0) {
          if (a == pos) {
            tp += p == pos ? w : 0;
            fn += p == pos ? 0 : w;
          } else {
            fp += p == pos ? w : 0;
            tn += p == pos ? 0 : w;
          }
        }
      }
    }
    if (pos < 0) {
      return new GroupRates(Double.NaN, Double.NaN, ratio(wrong, total), Double.NaN, total);
    }
    return new GroupRates(ratio(fp, fp + tn), ratio(fn, fn + tp), ratio(wrong, total), ratio(tp + fp, total), total);
  }

  /** Same convention as {@link GroupRates}: a rate whose denominator is 0 is NaN. */
  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }
}
