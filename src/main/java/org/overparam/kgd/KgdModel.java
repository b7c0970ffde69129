// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.io.Serializable;

/**
 * A fitted over-parameterized kernel GD regressor: f(x) = yMean + psi(x).w, with psi the kernel
 * row k(x, X) (Nystroem) or the explicit features, so one prediction costs one pass over psi.
 * Immutable.
 */
public final class KgdModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FeatureMap map;
  private final double[] weights;
  private final double yMean;
  private final double[] theta;
  private final FitSummary summary;

  KgdModel(FeatureMap map, double[] weights, double yMean, double[] theta, FitSummary summary) {
    this.map = map;
    this.weights = weights;
    this.yMean = yMean;
    this.theta = theta;
    this.summary = summary;
  }

  /** f(x) for one row of (already pre-processed) attributes. */
  public double predict(double[] x) {
    return yMean + Kernel.dot(map.features(x), weights);
  }

  /** f for each row. */
  public double[] predict(double[][] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = predict(x[i]);
    }
    return out;
  }

  /** The target mean added back to every prediction. */
  public double yMean() {
    return yMean;
  }

  /** The prediction weights (alpha for the exact basis), a copy. */
  public double[] weights() {
    return weights.clone();
  }

  /** The fitted coefficients theta_j in eigenvalue order, a copy. */
  public double[] theta() {
    return theta.clone();
  }

  public FitSummary summary() {
    return summary;
  }
}
