// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.testing.Serialization;

class NoiseReportTest {
  // Row 0: clean (tiny u, v). Row 1: v at class 2 saturated → flagged, suggests 2.
  // Row 2: u large and v moderate → not flagged (V = 0.36 < 1 − U = 0.75), suggests the network's 1.
  private static final int[] LABELS = {0, 1, 0};
  private static final double[] U = {1e-4, 0.1, 0.5};
  private static final double[][] V = {{0, 1e-4, 1e-4}, {0.2, 0, 1.3}, {0, 0.6, 0}};

  private static NoiseReport report() {
    return NoiseReport.compute(LABELS, U, V, new int[] {0, 2, 1});
  }

  @Test
  void scoresAreNormsOfTheClampedNoiseTerm() {
    NoiseReport r = report();
    assertEquals(Math.sqrt(1e-16 + 2e-16), r.entry(0).score(), 1e-20);
    assertEquals(Math.sqrt(1e-4 + 0.04 * 0.04 + 1), r.entry(1).score(), 1e-12);
    assertEquals(Math.sqrt(0.0625 + 0.1296), r.entry(2).score(), 1e-12);
  }

  @Test
  void flagsAndSuggestions() {
    NoiseReport r = report();
    assertFalse(r.entry(0).flagged());
    assertEquals(0, r.entry(0).suggestedLabel());
    assertTrue(r.entry(1).flagged());
    assertEquals(2, r.entry(1).suggestedLabel());
    assertFalse(r.entry(2).flagged());
    assertEquals(1, r.entry(2).suggestedLabel());
    assertEquals(1, r.numFlagged());
    assertEquals(0.01, r.meanLabelTerm(true), 1e-12);
    assertEquals((1e-8 + 0.25) / 2, r.meanLabelTerm(false), 1e-12);
  }

  @Test
  void rankingAndTopK() {
    NoiseReport r = report();
    assertArrayEquals(new int[] {1, 2, 0}, r.ranking());
    List<NoiseReport.Entry> top = r.top(2);
    assertEquals(2, top.size());
    assertEquals(1, top.get(0).row());
    assertEquals(2, top.get(1).row());
    assertEquals(3, r.top(10).size());
  }

  @Test
  void rowIdsRenameRows() {
    NoiseReport r = report().withRowIds(new int[] {10, 20, 30});
    assertEquals(20, r.top(1).get(0).row());
  }

  @Test
  void survivesSerialization() throws Exception {
    NoiseReport r = report().withRowIds(new int[] {10, 20, 30});
    NoiseReport copy = Serialization.roundTrip(r);
    assertEquals(r.top(3), copy.top(3));
  }
}
