// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.util.SplittableRandom;

/**
 * Softmax cross-entropy with instance weights: L = (1/B) Σ_i (w_i / w̄) · −log softmax(z_i)[y_i],
 * where w̄ is the mean weight of the training rows, so that a weight of 2 counts like a duplicated
 * instance while the scale of the weights does not change the effective learning rate.
 */
public final class SoftmaxCrossEntropy implements Objective {
  private double meanWeight = 1;

  @Override
  public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
    meanWeight = data.meanWeight(trainRows);
  }

  @Override
  public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
    int b = step.batchSize();
    double loss = 0;
    for (int r = 0; r < b; r++) {
      double scale = step.weights()[r] / meanWeight / b;
      loss += scale * gradientOfRow(logits[r], step.labels()[r], scale, dLogits[r]);
    }
    return loss;
  }

  /**
   * Writes scale · (softmax(z) − onehot(y)) into {@code grad} and returns −log softmax(z)[y].
   * Shared by objectives that add terms to the cross-entropy.
   */
  public static double gradientOfRow(double[] z, int y, double scale, double[] grad) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      grad[c] = Math.exp(z[c] - max);
      sum += grad[c];
    }
    for (int c = 0; c < z.length; c++) {
      grad[c] = scale * (grad[c] / sum - (c == y ? 1 : 0));
    }
    return -(z[y] - max - Math.log(sum));
  }

  /** Softmax of one row of logits (numerically stable). */
  public static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
