// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

/**
 * A weight matrix's active set as bits: weight j (column-major) is active where bit j % 64 of word j / 64 is set;
 * bits past the matrix are clear. An eighth of a boolean per weight (W2's masks: 0.7 MB instead of 5.8), which a
 * sparse run keeps for the whole training beside the weights themselves (issue 16).
 */
public final class ActiveBits {
  private ActiveBits() {}

  /** The words that hold n bits. */
  public static int words(int n) {
    return (n + 63) >>> 6;
  }

  public static boolean get(long[] bits, int j) {
    return (bits[j >>> 6] & 1L << j) != 0;
  }

  public static void set(long[] bits, int j) {
    bits[j >>> 6] |= 1L << j;
  }

  public static void clear(long[] bits, int j) {
    bits[j >>> 6] &= ~(1L << j);
  }

  /** The bits of {@code active}. */
  public static long[] of(boolean[] active) {
    long[] bits = new long[words(active.length)];
    for (int j = 0; j < active.length; j++) {
      if (active[j]) {
        set(bits, j);
      }
    }
    return bits;
  }

  /** The first n bits as booleans. */
  public static boolean[] toBooleans(long[] bits, int n) {
    boolean[] a = new boolean[n];
    for (int j = 0; j < n; j++) {
      a[j] = get(bits, j);
    }
    return a;
  }

  /** n bits, all set. */
  public static long[] all(int n) {
    long[] bits = new long[words(n)];
    java.util.Arrays.fill(bits, -1L);
    if ((n & 63) != 0) {
      bits[bits.length - 1] = (1L << n) - 1; // the bits past the matrix stay clear
    }
    return bits;
  }

  /** How many bits are set. */
  public static long count(long[] bits) {
    long c = 0;
    for (long w : bits) {
      c += Long.bitCount(w);
    }
    return c;
  }
}
