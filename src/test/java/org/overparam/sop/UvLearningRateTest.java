// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UvLearningRateTest {
  private static final double TABLE_TOL = 1e-3;

  /** The MATCH_GROWTH rule of README.md (SopRobustNetwork): batch, epochs, lr_ref → lr_eff, capped at B/8. */
  @ParameterizedTest
  @CsvSource({
      "128, 300, 1, 1.0, false",
      "128, 300, 10, 10.0, false",
      "128, 100, 1, 3.09, false",
      "128, 100, 10, 16, true",
      "32, 100, 1, 0.774, false",
      "32, 100, 10, 4, true",
      "64, 50, 1, 3.24, false",
      "64, 50, 10, 8, true"})
  void matchGrowthReproducesSpecTable(int batch, int epochs, double lrRef, double expected, boolean capped) {
    UvLearningRate lr = UvLearningRate.of(UvLrScaling.MATCH_GROWTH, lrRef, batch, epochs, 128, 300);
    // the table rounds to 3 significant digits
    assertEquals(expected, lr.value(), Math.max(TABLE_TOL, 5e-3 * expected));
    assertEquals(capped, lr.capped());
  }

  @Test
  void ruleBelowTheCapToFourDigits() {
    // (128/4)·(1.03125³ − 1) = 32 · 0.0967102... = 3.09473
    assertEquals(3.0947, UvLearningRate.of(UvLrScaling.MATCH_GROWTH, 1, 128, 100, 128, 300).value(), 1e-4);
  }

  @Test
  void noneKeepsTheGivenRate() {
    UvLearningRate lr = UvLearningRate.of(UvLrScaling.NONE, 123, 8, 2, 128, 300);
    assertEquals(123, lr.value(), 0);
    assertEquals(false, lr.capped());
  }

  @Test
  void negativeRateIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> UvLearningRate.of(UvLrScaling.NONE, -1, 8, 2, 128, 300));
  }
}
