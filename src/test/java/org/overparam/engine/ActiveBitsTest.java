// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ActiveBits}: a boolean per weight as one bit, the bits past the matrix clear. */
class ActiveBitsTest {
  @Test
  void booleansRoundTripAtEveryLengthAroundAWord() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 63, 64, 65, 127, 128, 1000}) {
      boolean[] a = new boolean[n];
      int set = 0;
      for (int j = 0; j < n; j++) {
        a[j] = rng.nextBoolean();
        set += a[j] ? 1 : 0;
      }
      long[] bits = ActiveBits.of(a);
      assertEquals((n + 63) / 64, bits.length, "words for " + n);
      assertEquals(set, ActiveBits.count(bits));
      assertArrayEquals(a, ActiveBits.toBooleans(bits, n));
      for (int j = 0; j < n; j++) {
        assertEquals(a[j], ActiveBits.get(bits, j), "bit " + j + " of " + n);
      }
    }
  }

  @Test
  void allSetsTheMatrixOnly() {
    assertArrayEquals(new long[] {0b111}, ActiveBits.all(3));
    assertArrayEquals(new long[] {-1L}, ActiveBits.all(64));
    assertArrayEquals(new long[] {-1L, 1L}, ActiveBits.all(65));
    assertEquals(130, ActiveBits.count(ActiveBits.all(130)));
  }

  @Test
  void setAndClearTouchOneBit() {
    long[] bits = new long[2];
    ActiveBits.set(bits, 64);
    ActiveBits.set(bits, 63);
    assertArrayEquals(new long[] {Long.MIN_VALUE, 1L}, bits);
    ActiveBits.clear(bits, 63);
    assertFalse(ActiveBits.get(bits, 63));
    assertTrue(ActiveBits.get(bits, 64));
    assertEquals(1, ActiveBits.count(bits));
  }
}
