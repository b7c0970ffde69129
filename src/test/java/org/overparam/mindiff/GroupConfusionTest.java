// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupConfusionTest {
  @Test
  void binaryRatesMatchTheScoreBasedRatesAtHalf() {
    // The rows of GroupMetricsTest.ratesAtHalfByHand as predicted classes (1 = positive).
    double[] score = {2.0, -1.0, 0.5, -3.0, 1, 1, -1, -1};
    boolean[] positive = {true, true, false, false, true, true, true, false};
    boolean[] sensitive = {true, true, true, true, false, false, false, false};
    GroupConfusion c = new GroupConfusion(2);
    for (int i = 0; i < score.length; i++) {
      c.add(sensitive[i], positive[i] ? 1 : 0, score[i] >= 0 ? 1 : 0, 1);
    }
    GroupMetrics expected = GroupMetrics.atHalf(score, positive, sensitive, null);
    assertEquals(expected, c.metrics(1));
  }

  @Test
  void multiClassErrorCountsEveryWrongClassAndFprFnrAreOneVsRest() {
    GroupConfusion c = new GroupConfusion(3);
    // S: 0->0, 1->2 (wrong, not the positive class 2's FN but its FP), 2->2 weight 2.
    c.add(true, 0, 0, 1);
    c.add(true, 1, 2, 1);
    c.add(true, 2, 2, 2);
    // R: 2->0 (FN of class 2), 1->0 (wrong, neither FP nor FN of class 2), 0->0.
    c.add(false, 2, 0, 1);
    c.add(false, 1, 0, 1);
    c.add(false, 0, 0, 1);
    GroupMetrics m = c.metrics(2);
    assertEquals(1.0 / 4, m.sensitive().error(), 1e-12);
    assertEquals(2.0 / 3, m.reference().error(), 1e-12);
    assertEquals(2.0 / 3 - 1.0 / 4, m.errorGap(), 1e-12);
    assertEquals(2.0 / 3, m.worstGroupError(), 1e-12);
    assertEquals(1.0 / 2, m.sensitive().fpr(), 1e-12);
    assertEquals(0.0, m.sensitive().fnr(), 1e-12);
    assertEquals(0.0, m.reference().fpr(), 1e-12);
    assertEquals(1.0, m.reference().fnr(), 1e-12);
    assertEquals(3.0 / 7, m.overall().error(), 1e-12);
    assertEquals(4.0, m.sensitive().weight(), 1e-12);

    GroupMetrics none = c.metrics(-1);
    assertEquals(m.errorGap(), none.errorGap(), 1e-12);
    assertTrue(Double.isNaN(none.fprGap()) && Double.isNaN(none.fnrGap()));
  }

  @Test
  void anEmptyGroupGivesNaNGapsNotZero() {
    GroupConfusion c = new GroupConfusion(2);
    c.add(false, 1, 1, 1);
    GroupMetrics m = c.metrics(1);
    assertTrue(Double.isNaN(m.sensitive().error()));
    assertTrue(Double.isNaN(m.errorGap()));
    assertTrue(Double.isNaN(m.worstGroupError()));
  }

  @Test
  void rejectsBadInput() {
    GroupConfusion c = new GroupConfusion(2);
    assertThrows(IllegalArgumentException.class, () -> c.add(true, 2, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> c.add(true, 0, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> c.metrics(2));
    assertThrows(IllegalArgumentException.class, () -> new GroupConfusion(1));
  }
}
