// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectionMetricsTest {
  private static final double TOL = 1e-12;

  @Test
  void precisionAndRecallAtK() {
    int[] order = {4, 1, 0, 3, 2};
    boolean[] wrong = {false, true, true, false, false};
    assertEquals(0.5, DetectionMetrics.precisionAt(order, wrong, 2), TOL); // 4 right, 1 wrong
    assertEquals(0.5, DetectionMetrics.recallAt(order, wrong, 2), TOL);
    assertEquals(2 / 5.0, DetectionMetrics.precisionAt(order, wrong, 10), TOL); // k beyond n: all 5
    assertEquals(1.0, DetectionMetrics.recallAt(order, wrong, 5), TOL);
    assertTrue(Double.isNaN(DetectionMetrics.precisionAt(order, wrong, 0)));
  }

  @Test
  void aucCountsPairsAndHalfTies() {
    // wrong scores {3, 1}, right {2, 1, 0}: pairs won 3 > 2, 3 > 1, 3 > 0, 1 = 1 (half), 1 > 0 → 4.5 / 6
    double[] s = {3, 2, 1, 1, 0};
    boolean[] wrong = {true, false, true, false, false};
    assertEquals(4.5 / 6, DetectionMetrics.rocAuc(s, wrong), TOL);
    assertTrue(Double.isNaN(DetectionMetrics.rocAuc(s, new boolean[5])));
  }

  @Test
  void aucOfRandomScoresIsNearOneHalf() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] s = new double[20000];
    boolean[] wrong = new boolean[s.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = rng.nextDouble();
      wrong[i] = rng.nextDouble() < 0.2;
    }
    assertEquals(0.5, DetectionMetrics.rocAuc(s, wrong), 0.02);
  }
}
