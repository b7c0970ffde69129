// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed online statistics and encodings. */
class OnlineStandardizerTest {
  private static final double TOL = 1e-12;

  @Test
  void welfordMatchesTwoPassStatistics() {
    OnlineStandardizer s = new OnlineStandardizer(new int[] {0});
    for (double v : new double[] {1, 2, 3, 10}) {
      s.observe(new double[] {v});
    }
    // mean 4, population variance ((9 + 4 + 1 + 36) / 4) = 12.5
    assertEquals(4.0, s.mean(0), TOL);
    assertEquals(Math.sqrt(12.5), s.std(0), TOL);
    float[] out = new float[1];
    s.encode(new double[] {9}, out);
    assertEquals((float) (5 / Math.sqrt(12.5)), out[0], 1e-6f);
  }

  @Test
  void nominalIsOneHotAndMissingMapsToMeanOrNoCategory() {
    OnlineStandardizer s = new OnlineStandardizer(new int[] {3, 0});
    assertEquals(4, s.numInputs());
    s.observe(new double[] {1, 2});
    s.observe(new double[] {Double.NaN, 4}); // a missing nominal value leaves nothing to count
    s.observe(new double[] {2, Double.NaN}); // a missing numeric value does not enter the statistics
    assertEquals(3.0, s.mean(1), TOL);
    float[] out = new float[4];
    s.encode(new double[] {2, 4}, out);
    assertArrayEquals(new float[] {0, 0, 1, 1}, out);
    s.encode(new double[] {Double.NaN, Double.NaN}, out);
    assertArrayEquals(new float[] {0, 0, 0, 0}, out);
    s.encode(new double[] {7, 3}, out); // a category beyond the header's values activates none
    assertArrayEquals(new float[] {0, 0, 0, 0}, out);
  }

  @Test
  void anAttributeConstantSoFarGivesInputZero() {
    OnlineStandardizer s = new OnlineStandardizer(new int[] {0});
    s.observe(new double[] {5});
    s.observe(new double[] {5});
    float[] out = new float[1];
    s.encode(new double[] {6}, out);
    assertEquals(0f, out[0]);
    s.observe(new double[] {7}); // now it varies: mean 17/3
    s.encode(new double[] {6}, out);
    assertEquals((float) ((6 - 17.0 / 3) / s.std(0)), out[0], 1e-6f);
  }

  @Test
  void rejectsInfiniteValuesAndEmptyRows() {
    OnlineStandardizer s = new OnlineStandardizer(new int[] {0, 0});
    var e = assertThrows(IllegalArgumentException.class, () -> s.observe(new double[] {1, Double.POSITIVE_INFINITY}));
    assertTrue(e.getMessage().contains("attribute 1"), e.getMessage());
    var none = assertThrows(IllegalArgumentException.class, () -> new OnlineStandardizer(new int[0]));
    assertTrue(none.getMessage().contains("no input attributes"), none.getMessage());
  }
}
