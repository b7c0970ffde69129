// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed moments, and the same standardisation whatever the attribute's offset or unit. */
class RunningMomentsTest {
  private static final double[] VALUES = {1, 2, 3, 10}; // mean 4, population variance (9 + 4 + 1 + 36) / 4 = 12.5

  private static RunningMoments welford(double[] values) {
    RunningMoments m = new RunningMoments();
    for (double v : values) {
      m.add(v);
    }
    return m;
  }

  private static double[] map(double[] values, java.util.function.DoubleUnaryOperator f) {
    return java.util.Arrays.stream(values).map(f).toArray();
  }

  @Test
  void welfordAndTwoPassGiveTheHandComputedMoments() {
    for (RunningMoments m : new RunningMoments[] {welford(VALUES), RunningMoments.of(VALUES, VALUES.length)}) {
      assertEquals(4, m.mean(), 1e-15);
      assertEquals(Math.sqrt(12.5), m.std(), 1e-15);
      assertEquals(5 / Math.sqrt(12.5), m.standardize(9), 1e-15);
      assertEquals(4, m.count());
      assertTrue(!m.isConstant());
    }
  }

  @Test
  void offsetsAndUnitsDoNotChangeTheStandardisedValues() {
    double plain = 5 / Math.sqrt(12.5);
    double[][] cases = {{1e9, 1}, {1e15, 1}, {0, 1e200}, {0, 1e-13}, {0, 1e-300}, {0, 1.7e307}};
    for (double[] c : cases) {
      double offset = c[0];
      double unit = c[1];
      double[] v = map(VALUES, x -> offset + x * unit);
      for (RunningMoments m : new RunningMoments[] {welford(v), RunningMoments.of(v, v.length)}) {
        // an offset costs the digits the data themselves lose: 1e15 + x holds x to about 0.1
        double tolerance = offset == 0 ? 1e-14 : 1e-15 * offset;
        assertEquals(plain, m.standardize(offset + 9 * unit), tolerance, "offset " + offset + ", unit " + unit);
      }
    }
  }

  @Test
  void aRangeBeyondTheDoubleRangeStillStandardises() {
    double[] v = {-1.7e308, 1.7e308};
    RunningMoments m = RunningMoments.of(v, 2);
    assertEquals(Double.POSITIVE_INFINITY, m.max() - m.min(), 0); // the range itself overflows ...
    assertEquals(1.7e308, m.std(), 1e293);
    assertEquals(1, m.standardize(1.7e308), 1e-15); // ... its standardisation does not
    assertEquals(-1, welford(v).standardize(-1.7e308), 1e-15);
  }

  @Test
  void welfordRescalesWhenALargerValueArrives() {
    RunningMoments m = welford(new double[] {1e-300, 2e-300, 3e-300, 1e300});
    RunningMoments reference = RunningMoments.of(new double[] {1e-300, 2e-300, 3e-300, 1e300}, 4);
    assertEquals(reference.standardize(1e300), m.standardize(1e300), 1e-15);
    assertEquals(Math.sqrt(3), m.standardize(1e300), 1e-15); // one value far from three equal ones
  }

  @Test
  void aConstantAttributeStandardisesToZeroEvenForHugeValues() {
    RunningMoments m = welford(new double[] {7, 7, 7});
    assertTrue(m.isConstant());
    assertEquals(0, m.standardize(7), 0);
    assertEquals(0, m.standardize(1e308), 0);
    assertEquals(0, new RunningMoments().standardize(3), 0); // before any value
  }

  @Test
  void valuesFarOutsideTheTrainingDataAreClipped() {
    RunningMoments m = welford(new double[] {-1e-13, 1e-13});
    assertEquals(RunningMoments.MAX_STANDARDISED, m.standardize(1e308), 0);
    assertEquals(-RunningMoments.MAX_STANDARDISED, m.standardisation().apply(-1e308), 0);
  }

  @Test
  void nonFiniteValuesAreRefused() {
    RunningMoments m = welford(VALUES);
    assertThrows(IllegalArgumentException.class, () -> m.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> m.standardize(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> RunningMoments.of(new double[] {1, Double.NEGATIVE_INFINITY}, 2));
  }
}
