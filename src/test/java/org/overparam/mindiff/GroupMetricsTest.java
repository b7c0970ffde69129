// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupMetricsTest {
  @Test
  void ratesAtHalfByHand() {
    // S: TP (2.0), FN (-1.0), FP (0.5), TN (-3.0); R: TP, TP, FN, TN.
    double[] score = {2.0, -1.0, 0.5, -3.0, 1, 1, -1, -1};
    boolean[] positive = {true, true, false, false, true, true, true, false};
    boolean[] sensitive = {true, true, true, true, false, false, false, false};
    GroupMetrics m = GroupMetrics.atHalf(score, positive, sensitive, null);
    assertEquals(0.5, m.sensitive().fnr(), 1e-12);
    assertEquals(0.5, m.sensitive().fpr(), 1e-12);
    assertEquals(1.0 / 3, m.reference().fnr(), 1e-12);
    assertEquals(0.0, m.reference().fpr(), 1e-12);
    assertEquals(0.5 - 1.0 / 3, m.fnrGap(), 1e-12);
    assertEquals(0.5, m.gap(MinDiffLabel.NEGATIVE), 1e-12);
    assertEquals(3.0 / 8, m.overall().error(), 1e-12);
    assertEquals(0.5, m.sensitive().positiveRate(), 1e-12);
  }

  @Test
  void weightsCountAndMissingCellsAreNaN() {
    double[] score = {1, -1, 1};
    boolean[] positive = {true, true, true};
    boolean[] sensitive = {true, true, false};
    GroupMetrics m = GroupMetrics.atHalf(score, positive, sensitive, new double[] {3, 1, 1});
    assertEquals(0.25, m.sensitive().fnr(), 1e-12);
    assertTrue(Double.isNaN(m.sensitive().fpr()), "no negatives: FPR undefined");
  }
}
