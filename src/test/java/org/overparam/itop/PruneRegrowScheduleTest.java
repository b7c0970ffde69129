// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PruneRegrowScheduleTest {
  private static ItopConfig cfg(int updates, int interval, double stopAt, boolean fix) {
    return ItopConfig.builder().sparsity(0.9).numTopologyUpdates(updates).updateInterval(interval)
        .stopUpdatesAt(stopAt).fixMask(fix).build();
  }

  @Test
  void derivedIntervalRespectsTheOneEpochFloor() {
    // 10 epochs of 24 steps, 50 updates requested: floor(240/50) = 4 < one epoch, so ΔT = 24.
    PruneRegrowSchedule s = new PruneRegrowSchedule(cfg(50, 0, 1, false), 240, 24);
    assertEquals(24, s.deltaT());
    assertEquals(10, s.plannedUpdates());
    assertTrue(s.isUpdate(24));
    assertFalse(s.isUpdate(25));
  }

  @Test
  void explicitIntervalAndStopTime() {
    PruneRegrowSchedule s = new PruneRegrowSchedule(cfg(50, 100, 0.75, false), 1000, 10);
    assertEquals(100, s.deltaT());
    assertTrue(s.isUpdate(700));
    assertFalse(s.isUpdate(800), "after 75% of the run");
    assertEquals(7, s.plannedUpdates());
  }

  @Test
  void cosineDecaysFromP0ToPmin() {
    PruneRegrowSchedule s = new PruneRegrowSchedule(cfg(10, 0, 1, false), 1000, 10);
    assertEquals(0.5, s.pruneRate(0), 1e-12);
    assertEquals(0.005 + 0.495 / 2, s.pruneRate(500), 1e-12);
    assertEquals(0.005, s.pruneRate(1000), 1e-12);
  }

  @Test
  void fixedMaskNeverUpdates() {
    PruneRegrowSchedule s = new PruneRegrowSchedule(cfg(10, 0, 1, true), 1000, 10);
    assertEquals(0, s.plannedUpdates());
    for (int t = 1; t <= 1000; t++) {
      assertFalse(s.isUpdate(t));
    }
  }

  private static ItopConfig extended(ItopConfig c, int multiplier) {
    return c.toBuilder().trainingMultiplier(multiplier).build();
  }

  @Test
  void multiplierKeepsTheDerivedIntervalAndMultipliesTheUpdates() {
    // Base run: 100 epochs of 10 steps, 10 updates: ΔT = floor(1000 / 10) = 100. Runs of 2 and 4 times the
    // length keep ΔT = 100 and so make 20 and 40 updates (ITOP's --multiplier with a fixed --update_frequency).
    for (int m : new int[] {1, 2, 4}) {
      PruneRegrowSchedule s = new PruneRegrowSchedule(extended(cfg(10, 0, 1, false), m), 1000L * m, 10);
      assertEquals(100, s.deltaT(), "m = " + m);
      assertEquals(10L * m, s.plannedUpdates(), "m = " + m);
      assertTrue(s.isUpdate(1000L * m));
      // the cosine decay spans the whole, longer run: half-way at its middle, p_min at its end
      assertEquals(0.005 + 0.495 / 2, s.pruneRate(500L * m), 1e-12);
      assertEquals(0.005, s.pruneRate(1000L * m), 1e-12);
    }
  }

  @Test
  void multiplierScalesTheStopTimeWithTheRun() {
    // Base run 1000 steps, updates stop at 75%: ΔT = floor(750 / 10) = 75. Twice as long: ΔT stays 75 and
    // T_stop = 1500, so floor(1500 / 75) = 20 updates, the last at step 1500.
    PruneRegrowSchedule s = new PruneRegrowSchedule(extended(cfg(10, 0, 0.75, false), 2), 2000, 10);
    assertEquals(75, s.deltaT());
    assertEquals(1500, s.stopIteration());
    assertEquals(20, s.plannedUpdates());
    assertTrue(s.isUpdate(1500));
    assertFalse(s.isUpdate(1575));
  }

  @Test
  void multiplierKeepsFractionalAndExplicitIntervals() {
    ItopConfig fraction = ItopConfig.builder().sparsity(0.9).updateIntervalFraction(0.1).build();
    // 0.1 of the base run of 1000 steps is 100, also in a run three times as long
    PruneRegrowSchedule s = new PruneRegrowSchedule(extended(fraction, 3), 3000, 10);
    assertEquals(100, s.deltaT());
    assertEquals(30, s.plannedUpdates());
    PruneRegrowSchedule explicit = new PruneRegrowSchedule(extended(cfg(50, 100, 1, false), 3), 3000, 10);
    assertEquals(100, explicit.deltaT());
    assertEquals(30, explicit.plannedUpdates());
  }

  @Test
  void multiplierKeepsTheOneEpochFloor() {
    // as derivedIntervalRespectsTheOneEpochFloor, twice as long: ΔT stays one epoch (24), 20 updates
    PruneRegrowSchedule s = new PruneRegrowSchedule(extended(cfg(50, 0, 1, false), 2), 480, 24);
    assertEquals(24, s.deltaT());
    assertEquals(20, s.plannedUpdates());
  }

  @Test
  void multiplierMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ItopConfig.builder().trainingMultiplier(0).build());
    assertTrue(e.getMessage().contains("-training-multiplier"), e.getMessage());
  }
}
