// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The early-stopping rule on hand-written (score, loss) sequences, one per epoch. */
class EpochSelectionTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void aTieOfTheScoreGoesToTheLowerLoss() {
    // MinDiff on separable data: the constrained error is 0 from epoch 2 on while the loss keeps falling
    assertEquals(4, EpochSelection.select(List.of(0.1, 0.0, 0.0, 0.0, 0.0), List.of(0.5, 0.3, 0.2, 0.1, 0.1)),
        "epoch 5 only ties epoch 4's loss, and the earlier one stays");
    // without the losses (a model saved before the tie-break) the first lowest score is kept
    assertEquals(2, EpochSelection.select(List.of(0.1, 0.0, 0.0, 0.0, 0.0), null));
  }

  @Test
  void aLowerScoreWinsWhateverItsLoss() {
    assertEquals(3, EpochSelection.select(List.of(0.2, 0.1, 0.05, 0.1), List.of(0.4, 0.2, 0.9, 0.1)));
    // a later tie with the old best does not come back once a lower score was seen
    assertEquals(2, EpochSelection.select(List.of(0.2, 0.1, 0.2, 0.2), List.of(0.5, 0.6, 0.1, 0.05)));
  }

  @Test
  void aTieWithAHigherOrEqualLossKeepsTheEarlierEpoch() {
    assertEquals(1, EpochSelection.select(List.of(0.1, 0.1, 0.1), List.of(0.3, 0.4, 0.3)));
    // ties are exact: a score one ulp higher is no tie
    assertEquals(1, EpochSelection.select(List.of(0.1, Math.nextUp(0.1)), List.of(0.3, 0.1)));
  }

  @Test
  void infeasibleEpochsAreNeverSelected() {
    // MinDiff scores +Infinity when no threshold pair is feasible: the loss must not pick one of those
    assertEquals(0, EpochSelection.select(List.of(INF, INF, INF), List.of(0.5, 0.4, 0.3)));
    assertEquals(2, EpochSelection.select(List.of(INF, 0.3, INF, 0.3), List.of(0.1, 0.5, 0.01, 0.6)));
    assertFalse(EpochSelection.improves(INF, 0.1, INF, 0.5));
    assertFalse(EpochSelection.improves(Double.NaN, 0.1, INF, INF));
    assertFalse(EpochSelection.improves(0.1, Double.NaN, 0.1, 0.5), "a NaN loss breaks no tie");
    assertEquals(0, EpochSelection.select(List.of(), List.of()));
  }

  @Test
  void whereTheScoreIsTheLossTheTieBreakChangesNothing() {
    // the default score (cross-entropy) ties only where the loss ties too: the first such epoch stays
    List<Double> ce = List.of(0.7, 0.4, 0.4, 0.45, 0.4);
    assertEquals(2, EpochSelection.select(ce, ce));
    assertEquals(EpochSelection.select(ce, null), EpochSelection.select(ce, ce));
  }

  @Test
  void offerReportsEachNewBest() {
    EpochSelection s = new EpochSelection();
    assertEquals(0, s.bestEpoch());
    assertTrue(s.offer(1, 0.2, 0.5));
    assertTrue(s.offer(2, 0.0, 0.4));
    assertFalse(s.offer(3, 0.0, 0.4));
    assertTrue(s.offer(4, 0.0, 0.3));
    assertFalse(s.offer(5, 0.1, 0.01));
    assertEquals(4, s.bestEpoch());
    assertEquals(0.0, s.bestScore());
  }

  @Test
  void unequalListsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EpochSelection.select(List.of(0.1, 0.2), List.of(0.1)));
    assertTrue(e.getMessage().contains("2 scores, 1 losses"), e.getMessage());
  }
}
