// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {
  private static int[] labels(int n, int c) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % c;
    }
    return y;
  }

  @Test
  void symmetricSelectsCeilOfFractionAndRecordsFlips() {
    int[] y = labels(1000, 4);
    LabelNoise.Result r = LabelNoise.symmetric(y, 4, 0.4, new SplittableRandom(1));
    assertEquals(400, r.selected().length);
    for (int i = 0; i < y.length; i++) {
      boolean changed = r.labels()[i] != y[i];
      assertEquals(changed, java.util.Arrays.binarySearch(r.flipped(), i) >= 0);
    }
    // labels are redrawn from all 4 classes: about 3/4 of the selected rows change
    assertTrue(r.flipped().length > 260 && r.flipped().length < 340, "flips: " + r.flipped().length);
  }

  @Test
  void symmetricIsDeterministicAndSkipsMissingLabels() {
    int[] y = labels(50, 3);
    y[7] = -1;
    LabelNoise.Result a = LabelNoise.symmetric(y, 3, 1.0, new SplittableRandom(5));
    LabelNoise.Result b = LabelNoise.symmetric(y, 3, 1.0, new SplittableRandom(5));
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(-1, a.labels()[7]);
    assertEquals(49, a.selected().length);
  }

  @Test
  void asymmetricFlipsAFractionOfEachMappedSourceClass() {
    int[] y = labels(300, 3);
    int[] map = {1, 1, 2}; // only class 0 → 1
    LabelNoise.Result r = LabelNoise.asymmetric(y, map, 0.3, new SplittableRandom(2));
    assertEquals(30, r.flipped().length);
    for (int i : r.flipped()) {
      assertEquals(0, y[i]);
      assertEquals(1, r.labels()[i]);
    }
    assertArrayEquals(r.selected(), r.flipped());
  }

  @Test
  void classMapParsing() {
    List<String> names = List.of("cat", "dog", "truck");
    assertArrayEquals(new int[] {1, 0, 2}, LabelNoise.parseClassMap("cat->dog, dog->cat", names));
    assertArrayEquals(new int[] {1, 2, 0}, LabelNoise.parseClassMap("", names));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelNoise.parseClassMap("cat->bird", names));
    assertTrue(e.getMessage().contains("bird"));
    assertThrows(IllegalArgumentException.class, () -> LabelNoise.parseClassMap("cat=dog", names));
  }
}
