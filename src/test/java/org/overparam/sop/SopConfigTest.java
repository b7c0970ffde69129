// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SopConfigTest {
  private static SopConfig with(double lrU, double lrV, double initStd, double maskProb) {
    return SopConfig.builder().lrU(lrU).lrV(lrV).scaling(UvLrScaling.NONE).initStd(initStd).viewMaskProb(maskProb)
        .build();
  }

  @Test
  void negativeLearningRatesAreRejectedNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(-1, 10, 1e-8, 0));
    assertTrue(e.getMessage().contains("lr-u"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> with(1, -10, 1e-8, 0));
    assertTrue(e.getMessage().contains("lr-v"), e.getMessage());
  }

  @Test
  void otherBadValuesNameTheirOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> with(1, 10, 0, 0))
        .getMessage().contains("uv-init-std"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> with(1, 10, 1e-8, 1))
        .getMessage().contains("view-mask-prob"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> with(Double.NaN, 10, 1e-8, 0))
        .getMessage().contains("lr-u"));
  }

  @Test
  void secondViewOnlyWithConsistencyAndNotForTheBaseline() {
    SopConfig d = SopConfig.defaults();
    assertFalse(d.usesSecondView());
    SopConfig plus = SopConfig.builder().scaling(UvLrScaling.NONE).initStd(1e-8).lambdaConsistency(0.9)
        .lambdaBalance(0.1).build();
    assertTrue(plus.usesSecondView());
    SopConfig baseline = SopConfig.builder().scaling(UvLrScaling.NONE).initStd(1e-8).lambdaConsistency(0.9)
        .lambdaBalance(0.1).ceOnly(true).build();
    assertFalse(baseline.usesSecondView());
  }

  @Test
  void matchGrowthRescalesTheDefaultRatesOnlyAndASetRateIsUsedAsGiven() {
    // B = 128, 100 epochs: the default lr-v 10 rescales to 40.4, capped at 128/8 = 16; lr-u 1 to 3.09
    SopConfig defaults = SopConfig.defaults();
    UvLearningRate v = defaults.effectiveLrV(128, 100);
    assertEquals(16, v.value(), 0);
    assertTrue(v.capped() && v.rescaled());
    assertEquals(3.0947, defaults.effectiveLrU(128, 100).value(), 1e-4);
    // the paper's asymmetric-noise value, set explicitly: used as given (it was capped to 16, the default's run)
    SopConfig paper = SopConfig.builder().lrV(100).lrU(2).build();
    assertEquals(UvLrScaling.MATCH_GROWTH, paper.scaling());
    UvLearningRate given = paper.effectiveLrV(128, 100);
    assertEquals(100, given.value(), 0);
    assertFalse(given.capped() || given.rescaled());
    assertEquals(2, paper.effectiveLrU(128, 100).value(), 0);
    // NONE uses the defaults as given too
    SopConfig none = SopConfig.builder().scaling(UvLrScaling.NONE).build();
    assertEquals(10, none.effectiveLrV(128, 100).value(), 0);
    assertFalse(none.effectiveLrV(128, 100).rescaled());
  }
}
