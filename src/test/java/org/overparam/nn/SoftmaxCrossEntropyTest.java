// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
  private static final double EXACT = 1e-12;

  private static TrainingSet set(double... weights) {
    float[][] x = new float[weights.length][1];
    int[] labels = new int[weights.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 2;
    }
    return new TrainingSet(x, labels, weights, 2);
  }

  @Test
  void handComputedTwoClassCase() {
    // Given logits (0, ln 3): softmax = (1/4, 3/4); label 0 → loss ln 4, gradient (p − y)/B.
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    ce.begin(set(1, 1), new int[] {0, 1}, new SplittableRandom(1));
    double[][] z = {{0, Math.log(3)}};
    double[][] g = new double[1][2];
    double loss = ce.lossAndGradient(new Objective.Step(new int[] {0}, 1, new int[] {0}, new double[] {1}, 0, 0), z, g);
    assertEquals(Math.log(4), loss, EXACT);
    assertArrayEquals(new double[] {0.25 - 1, 0.75}, g[0], EXACT);
  }

  @Test
  void weightsScaleRelativeToTheMeanWeight() {
    // Weights (1, 3) have mean 2: a row of weight 3 counts 1.5 times in the average loss.
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    ce.begin(set(1, 3), new int[] {0, 1}, new SplittableRandom(1));
    double[][] z = {{0, 0}};
    double[][] g = new double[1][2];
    double loss = ce.lossAndGradient(new Objective.Step(new int[] {1}, 1, new int[] {1}, new double[] {3}, 0, 0), z, g);
    assertEquals(1.5 * Math.log(2), loss, EXACT);
    assertArrayEquals(new double[] {0.75, -0.75}, g[0], EXACT);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(7);
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    ce.begin(set(1, 2, 0.5, 1), new int[] {0, 1, 2, 3}, rng);
    int b = 4;
    int c = 5;
    double[][] z = new double[b][c];
    for (double[] row : z) {
      for (int j = 0; j < c; j++) {
        row[j] = rng.nextDouble(-3, 3);
      }
    }
    Objective.Step step = new Objective.Step(new int[] {0, 1, 2, 3}, b, new int[] {0, 3, 4, 1},
        new double[] {1, 2, 0.5, 1}, 0, 0);
    double[][] g = new double[b][c];
    ce.lossAndGradient(step, z, g);
    double h = 1e-6;
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < c; j++) {
        double keep = z[r][j];
        z[r][j] = keep + h;
        double up = ce.lossAndGradient(step, z, new double[b][c]);
        z[r][j] = keep - h;
        double down = ce.lossAndGradient(step, z, new double[b][c]);
        z[r][j] = keep;
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, g[r][j], 1e-6 * Math.max(1, Math.abs(numeric)), "d/dz[" + r + "][" + j + "]");
      }
    }
  }
}
