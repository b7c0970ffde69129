// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The selections on several threads against SparseMasks' one-thread code: the same values and positions. */
class ParallelSelectionTest {
  /**
   * Magnitudes with many exact ties (zeros, a few repeated values), spread over many exponents, and, with
   * {@code special}, a NaN or two (where the threads must give way to the one-thread code).
   */
  private static double[] scores(int n, double zeros, boolean special, SplittableRandom rng) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      s[i] = u < zeros ? 0.0 : u < zeros + 0.2 ? 0.125 * rng.nextInt(4) : Math.abs(rng.nextGaussian()) * 1e-3;
    }
    if (special) {
      s[rng.nextInt(n)] = Double.NaN;
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void smallestPositionsAsOnOneThread(int threads) {
    SplittableRandom rng = new SplittableRandom(threads);
    int n = 300_000;
    try (PoolWeights pool = new PoolWeights(threads)) {
      ParallelSelection select = new ParallelSelection(pool, ParallelSelection.counts(null, threads));
      for (double zeros : new double[] {0.0, 0.3, 0.9}) {
        for (boolean special : new boolean[] {false, true}) {
          double[] s = scores(n, zeros, special, rng);
          long keyBase = rng.nextLong();
          for (int k : new int[] {1, 1000, n / 8, (int) (n * zeros), n / 2, n}) {
            if (k == 0) {
              continue;
            }
            int[] want = new int[k];
            int[] got = new int[k];
            SparseMasks.smallestPositions(s, n, k, i -> SparseMasks.tieKey(keyBase, i), new double[n], want);
            select.smallestPositions(s, n, k, i -> SparseMasks.tieKey(keyBase, i), new double[n], got);
            assertArrayEquals(want, got, "k " + k + ", zeros " + zeros + ", NaN " + special);
          }
        }
      }
      if (threads > 1) {
        assertTrue(pool.used.size() > 1, "the ranges must run on several threads");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3}) // 1: the radix pass in one range, against quickselect
  void thresholdsAsOnOneThread(int threads) {
    SplittableRandom rng = new SplittableRandom(10 + threads);
    try (PoolWeights pool = new PoolWeights(threads)) {
      ParallelSelection select = new ParallelSelection(pool, ParallelSelection.counts(null, threads));
      for (int trial = 0; trial < 6; trial++) {
        int n = trial < 4 ? 200_003 : 20_011; // the radix pass on one range below ParallelSelection.MIN_PER_THREAD
        double[] s = scores(n, 0.2 * trial / 5, false, rng);
        if (trial % 2 == 1) { // the gradient scan's negative scores
          for (int i = 0; i < n; i++) {
            s[i] = -s[i] + 0.0;
          }
        }
        for (int r : new int[] {0, 7, n / 3, n - 1}) {
          SparseMasks.Threshold want = SparseMasks.threshold(s, n, r, new double[n]);
          SparseMasks.Threshold got = select.threshold(s, n, r, new double[n]);
          assertEquals(want, got, "trial " + trial + ", rank " + r);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void keepAtMostKeepsIndexOrder(int threads) {
    SplittableRandom rng = new SplittableRandom(20 + threads);
    int n = 250_001;
    double[] s = scores(n, 0.3, false, rng);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = 3 * i + 1;
    }
    double value = 0.125;
    double[] wantScore = new double[n];
    int[] wantIndex = new int[n];
    int kept = 0;
    double wantKey = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (s[i] <= value) {
        wantScore[kept] = s[i];
        wantIndex[kept++] = index[i];
        wantKey = s[i] == value ? Math.max(wantKey, SparseMasks.tieKey(5, index[i])) : wantKey;
      }
    }
    try (PoolWeights pool = new PoolWeights(threads)) {
      ParallelSelection select = new ParallelSelection(pool, ParallelSelection.counts(null, threads));
      double[] key = new double[1];
      assertEquals(kept, select.keepAtMost(s, index, n, value, j -> SparseMasks.tieKey(5, j), key));
      assertArrayEquals(java.util.Arrays.copyOf(wantScore, kept), java.util.Arrays.copyOf(s, kept));
      assertArrayEquals(java.util.Arrays.copyOf(wantIndex, kept), java.util.Arrays.copyOf(index, kept));
      assertEquals(wantKey, key[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e300, -2.5, -1e-300, 0.0, Double.MIN_VALUE, 1e-300, 1.0, 3.0, 1e300,
      Double.POSITIVE_INFINITY})
  void bucketsAreInValueOrder(double v) {
    assertTrue(ParallelSelection.bucket(Math.nextDown(v)) <= ParallelSelection.bucket(v));
    assertTrue(ParallelSelection.bucket(v) <= ParallelSelection.bucket(Math.nextUp(v)));
    assertTrue(ParallelSelection.bucket(-Math.abs(v) - 1) < ParallelSelection.bucket(Math.abs(v) + 1));
  }
}
