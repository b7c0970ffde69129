// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import org.overparam.common.Checks;

/**
 * A training set for the network engine: standardised inputs, class indices (or, for regression,
 * standardised numeric targets) and instance weights. Rows are fixed positions for the whole run.
 *
 * @param x n rows of d standardised inputs (float, the network's working precision)
 * @param labels class index per row, in [0, numClasses); all 0 for regression
 * @param weights instance weight per row (> 0)
 * @param numClasses number of classes C (at least 2), or 1 for regression: the network's output width
 * @param targets standardised numeric target per row (see {@link RegressionTarget}), or null for classification
 */
public record TrainingSet(float[][] x, int[] labels, double[] weights, int numClasses, double[] targets) {
  public TrainingSet {
    Checks.require(x.length > 0, "the training set has no instances");
    Checks.require(labels.length == x.length && weights.length == x.length,
        "x, labels and weights must have the same number of rows");
    if (targets == null) {
      Checks.require(numClasses >= 2, "need at least 2 classes, got " + numClasses);
    } else {
      Checks.require(numClasses == 1, "a regression network has one output, not " + numClasses);
      Checks.require(targets.length == x.length, "x and targets must have the same number of rows");
    }
    int d = x[0].length;
    for (int i = 0; i < x.length; i++) {
      // the messages are built only for a failing row: building four per row made tens of MB of garbage
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + (i + 1) + " has " + x[i].length + " inputs, expected " + d);
      }
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("the label of row " + (i + 1) + " is out of range: " + labels[i]);
      }
      if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new IllegalArgumentException("row " + (i + 1) + " has the invalid weight " + weights[i]);
      }
      if (targets != null && !Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("the target of row " + (i + 1) + " is " + targets[i]
            + "; targets must be finite");
      }
    }
    // each weight finite is not enough: the objectives divide by mean weights, which a sum past the largest double
    // turns into a loss of 0 and a model that learns nothing
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (!Double.isFinite(total)) {
      throw new IllegalArgumentException("the total instance weight must be finite, got " + total
          + " (the weights sum past the largest double): scale the instance weights down");
    }
  }

  /** A classification set. */
  public TrainingSet(float[][] x, int[] labels, double[] weights, int numClasses) {
    this(x, labels, weights, numClasses, null);
  }

  /** A regression set: {@code targets} already standardised (see {@link RegressionTarget}). */
  public static TrainingSet regression(float[][] x, double[] targets, double[] weights) {
    return new TrainingSet(x, new int[x.length], weights, 1, targets);
  }

  /** Whether the rows carry numeric targets (one network output, squared error) rather than classes. */
  public boolean isRegression() {
    return targets != null;
  }

  public int size() {
    return x.length;
  }

  public int numInputs() {
    return x[0].length;
  }

  /** Mean instance weight (weights are used relative to it, so their scale does not change the learning rate). */
  public double meanWeight() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s / weights.length;
  }

  /**
   * Mean instance weight of {@code rows} (the objectives divide by it, so that the scale of the weights does not
   * change the effective learning rate).
   *
   * @throws IllegalArgumentException if it is not positive (all those rows have weight 0)
   */
  public double meanWeight(int[] rows) {
    double s = 0;
    for (int r : rows) {
      s += weights[r];
    }
    double mean = s / rows.length;
    if (!(mean > 0)) {
      throw new IllegalArgumentException("all training instances have weight 0");
    }
    return mean;
  }
}
