// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
