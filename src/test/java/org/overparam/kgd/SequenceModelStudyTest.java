// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.common.ProgressListener;

/**
 * The rate experiment on a reduced grid (N = 4e5, three sizes, four repetitions; seeded, so the
 * result is fixed). The truncation flattens both slopes a little against the full setting (README.md,
 * Results, OverparameterizedKernelGD: 0.46 against 0.33), hence the bands.
 */
class SequenceModelStudyTest {
  @Test
  void overparameterizedRateBeatsVanillaRate() throws InterruptedException {
    SequenceModelStudy.Setting setting =
        new SequenceModelStudy.Setting(2, 1, 2, 400_000, new int[] {1000, 2500, 4000}, 4, 25, 1);
    List<SequenceModelStudy.MethodResult> results = SequenceModelStudy.run(setting, ProgressListener.NONE);
    SequenceModelStudy.MethodResult op = results.get(0);
    SequenceModelStudy.MethodResult vanilla = results.get(1);
    for (SequenceModelStudy.MethodResult r : results) {
      r.points().forEach(p -> assertFalse(p.atGridEdge(), r.method() + " oracle at grid edge, n = " + p.n()));
    }
    assertTrue(op.rate() > 0.36 && op.rate() < 0.52, "OpGD rate " + op.rate());
    assertTrue(vanilla.rate() > 0.25 && vanilla.rate() < 0.36, "vanilla rate " + vanilla.rate());
    assertTrue(op.rate() - vanilla.rate() >= 0.07, "rate gap " + (op.rate() - vanilla.rate()));
    // The vanilla oracle time grows like n^{q gamma/(p+q)} = n^{4/3}.
    assertEquals(4.0 / 3, vanilla.timeSlope(), 0.1);
  }

  /**
   * The CI setting of the rate experiment of Li &amp; Lin (NeurIPS 2024, Table 1 cell γ = 2, p = 1, q = 2), with
   * bands around the reproduction in README.md (Results, OverparameterizedKernelGD) (about 2 CPU minutes; part of
   * every build, not skipped).
   */
  @Test
  void fullSettingMatchesTheSpecBands() throws InterruptedException {
    SequenceModelStudy.Setting setting =
        new SequenceModelStudy.Setting(2, 1, 2, 4_000_000, new int[] {2000, 2500, 3000, 3500, 4000}, 32, 25, 1);
    List<SequenceModelStudy.MethodResult> results = SequenceModelStudy.run(setting, ProgressListener.NONE);
    double op = results.get(0).rate();
    double vanilla = results.get(1).rate();
    assertTrue(op >= 0.40 && op <= 0.58, "OpGD rate " + op);
    assertTrue(vanilla >= 0.28 && vanilla <= 0.39, "vanilla rate " + vanilla);
    assertTrue(op - vanilla >= 0.07, "rate gap " + (op - vanilla));
  }

  @Test
  void truthFollowsTheMisalignedPattern() {
    SequenceModelStudy.Setting setting = new SequenceModelStudy.Setting(2, 1, 2, 100, new int[] {10, 20}, 1, 3, 1);
    double[] truth = SequenceModelStudy.truth(setting);
    assertEquals(1.0, truth[0], 0);        // j = 1 -> index 1
    assertEquals(0.5, truth[3], 1e-15);     // j = 2 -> index 4, 2^-1
    assertEquals(1.0 / 3, truth[8], 1e-15); // j = 3 -> index 9
    assertEquals(0.0, truth[1], 0);
    assertEquals(0.1, truth[99], 1e-15);    // j = 10 -> index 100
  }

  @Test
  void leastSquaresRecoversALine() {
    double[] fit = SequenceModelStudy.leastSquares(new double[] {1, 2, 3}, new double[] {1, -1, -3});
    assertEquals(3, fit[0], 1e-12);
    assertEquals(-2, fit[1], 1e-12);
  }
}
