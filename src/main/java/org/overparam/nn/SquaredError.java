// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Weighted squared error for regression on a standardised target (a network with one identity
 * output): L = (1/B) Σ_i (w_i / w̄) · ½ (z_i − t_i)², where t_i is the standardised target and w̄
 * the mean weight of the training rows (as in {@link SoftmaxCrossEntropy}). The ½ makes the gradient
 * (w_i / w̄)(z_i − t_i) / B; the loss is half the mean squared error in standardised units.
 *
 * <p>Per epoch it reports "RMSE/training": the weighted root mean squared error of the epoch's
 * minibatches (before each update, as "loss/training" is), in the target's unit.
 */
public final class SquaredError implements Objective {
  private final double targetSd;
  private double meanWeight = 1;
  private double[] targets;
  private double[] weights;
  private double sumWeightedSquares;
  private double sumWeights;

  /**
   * @param targetSd the target's standard deviation, which turns standardised errors into the
   *     target's unit for the RMSE metric (1 reports them standardised)
   */
  public SquaredError(double targetSd) {
    this.targetSd = targetSd;
  }

  @Override
  public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
    if (!data.isRegression()) {
      throw new IllegalArgumentException("squared error needs a numeric target");
    }
    targets = data.targets();
    weights = data.weights();
    meanWeight = data.meanWeight(trainRows);
  }

  @Override
  public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
    int b = step.batchSize();
    double loss = 0;
    for (int r = 0; r < b; r++) {
      double w = step.weights()[r];
      double scale = w / meanWeight / b;
      double e = logits[r][0] - targets[step.rows()[r]];
      dLogits[r][0] = scale * e;
      loss += scale * 0.5 * e * e;
      sumWeightedSquares += w * e * e;
      sumWeights += w;
    }
    return loss;
  }

  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (sumWeights > 0) {
      m.put("RMSE/training", targetSd * Math.sqrt(sumWeightedSquares / sumWeights));
    }
    sumWeightedSquares = 0;
    sumWeights = 0;
    return m;
  }

  /**
   * The weighted "RMSE/validation" of predictions (standardised outputs in column 0) in the target's unit.
   */
  @Override
  public Map<String, Double> predictionMetrics(String split, double[][] outputs, int[] rows) {
    double s = 0;
    double w = 0;
    for (int r = 0; r < rows.length; r++) {
      double e = outputs[r][0] - targets[rows[r]];
      s += weights[rows[r]] * e * e;
      w += weights[rows[r]];
    }
    return !(w > 0) ? Map.of() : Map.of("RMSE/" + split, targetSd * Math.sqrt(s / w));
  }
}
