// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A bad row is refused with a message naming it (1-based) and what is wrong with it. */
class TrainingSetTest {
  private static final float[][] X = {{0f, 1f}, {1f, 0f}, {1f, 1f}};
  private static final double[] W = {1, 1, 1};

  @Test
  void aValidSetIsAccepted() {
    assertEquals(3, new TrainingSet(X, new int[] {0, 1, 1}, W, 2).x().length);
    assertEquals(3, TrainingSet.regression(X, new double[] {0.5, -1, 2}, W).x().length);
  }

  @Test
  void eachBadRowIsNamed() {
    assertMessage("row 2 has 1 inputs, expected 2",
        () -> new TrainingSet(new float[][] {{0f, 1f}, {1f}, {1f, 1f}}, new int[] {0, 1, 1}, W, 2));
    assertMessage("the label of row 3 is out of range: 2", () -> new TrainingSet(X, new int[] {0, 1, 2}, W, 2));
    assertMessage("row 1 has the invalid weight NaN",
        () -> new TrainingSet(X, new int[] {0, 1, 1}, new double[] {Double.NaN, 1, 1}, 2));
    assertMessage("row 2 has the invalid weight -1.0",
        () -> new TrainingSet(X, new int[] {0, 1, 1}, new double[] {1, -1, 1}, 2));
    assertMessage("the target of row 3 is Infinity; targets must be finite",
        () -> TrainingSet.regression(X, new double[] {0, 1, Double.POSITIVE_INFINITY}, W));
  }

  @Test
  void weightsWhoseTotalOverflowsAreRefused() {
    double big = 1.7e308; // each finite, the three together not
    assertMessage("the total instance weight must be finite, got Infinity (the weights sum past the largest double): "
        + "scale the instance weights down", () -> new TrainingSet(X, new int[] {0, 1, 1}, new double[] {big, big, big},
        2));
  }

  private static void assertMessage(String expected, Runnable make) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, make::run).getMessage());
  }
}
