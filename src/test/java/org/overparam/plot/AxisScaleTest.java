// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisScaleTest {

  @Test
  void positiveValuesOverThreeDecadesGetALogAxisWithPowerOfTenTicks() {
    AxisScale y = AxisScale.forValues(2e-4, 3.5, 5);
    assertTrue(y.log());
    assertEquals(1e-4, y.min(), 1e-18);
    assertEquals(10, y.max(), 1e-12);
    assertEquals(6, y.ticks(6, false).size(), "1e-4 ... 10");
    List<Double> fewer = y.ticks(5, false);
    assertEquals(3, fewer.size(), "every other power when six do not fit");
    assertEquals(1e-4, fewer.get(0), 1e-18);
    assertEquals(1e-2, fewer.get(1), 1e-16);
    assertEquals("1e-4", y.label(1e-4, 1));
    assertEquals("0.01", y.label(0.01, 1));
    assertEquals("10", y.label(10, 1));
  }

  @Test
  void accuraciesAndNegativeValuesStayLinearWithNiceTicks() {
    AxisScale acc = AxisScale.forValues(0.31, 0.87, 5);
    assertFalse(acc.log());
    assertEquals(List.of(0.2, 0.4, 0.6000000000000001, 0.8, 1.0), acc.ticks(5, false));
    assertEquals("0.6", acc.label(0.6000000000000001, acc.tickStep(5, false)));
    AxisScale logLik = AxisScale.forValues(-2500, -3, 5);
    assertFalse(logLik.log(), "negative values never get a log axis");
    assertTrue(logLik.min() <= -2500 && logLik.max() >= -3);
  }

  @Test
  void aConstantSeriesAndASingleStepGetAWidenedRangeAroundTheValue() {
    AxisScale y = AxisScale.forValues(0.5, 0.5, 5);
    assertTrue(y.min() < 0.5 && y.max() > 0.5);
    AxisScale zero = AxisScale.forValues(0, 0, 5);
    assertTrue(zero.min() < 0 && zero.max() > 0);
    AxisScale x = AxisScale.forSteps(1, 1);
    assertEquals(0.5, x.fraction(1), 1e-12);
  }

  @Test
  void roundingInTheRangeDoesNotCoarsenTheTicks() {
    AxisScale loss = AxisScale.forValues(0.3, 1.02, 5);
    assertEquals(0.2, loss.min(), 1e-12);
    assertEquals(0.2, loss.tickStep(5, false), 1e-12, "(1.2000000000000002 - 0.2) / 5 is a step of 0.2");
    assertEquals(6, loss.ticks(5, false).size());
  }

  @Test
  void integerStepsKeepIntegerTicks() {
    AxisScale x = AxisScale.forSteps(1, 5);
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), x.ticks(12, true));
    assertEquals("3", x.label(3, x.tickStep(12, true)));
  }

  @Test
  void anEmptyOrReversedRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new AxisScale(1, 1, false));
    assertThrows(IllegalArgumentException.class, () -> new AxisScale(0, 1, true));
  }
}
