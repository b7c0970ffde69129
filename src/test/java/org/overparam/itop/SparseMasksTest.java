// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Prune-and-regrow invariants and the ITOP rate R_s (Liu et al., ICML 2021), and its expected value. */
class SparseMasksTest {
  private static double[] randomWeights(int n, SplittableRandom rng) {
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = rng.nextGaussian();
    }
    return w;
  }

  /** Runs U updates on one layer of n weights with nnz active and returns the final R_s. */
  private static double simulate(int n, int nnz, int updates, boolean cosine, Growth growth, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    SparseMasks m = new SparseMasks(new int[] {n}, new double[] {(double) nnz / n}, rng);
    for (int j = 1; j <= updates; j++) {
      double p = cosine ? 0.005 + (0.5 - 0.005) * (1 + Math.cos(Math.PI * j / updates)) / 2 : 0.3;
      double[] w = randomWeights(n, rng);
      m.update(0, w, randomWeights(n, rng), p, growth, rng);
    }
    return m.itopRate();
  }

  @Test
  void meanRsMatchesTheExpectationForConstantRate() {
    double mean = 0;
    for (int s = 0; s < 50; s++) {
      mean += simulate(10000, 1000, 10, false, Growth.RANDOM, s) / 50;
    }
    assertEquals(0.351607, mean, 0.004);
  }

  @Test
  void meanRsMatchesTheExpectationForCosineRate() {
    double mean = 0;
    for (int s = 0; s < 50; s++) {
      mean += simulate(1000, 100, 20, true, Growth.RANDOM, s) / 50;
    }
    assertEquals(0.472166, mean, 0.004);
  }

  @Test
  void randomUnfiredExploresExactly() {
    // R_s = min(1, (nnz + Σ k_j) / n) = (1000 + 10·300) / 10000
    assertEquals(0.4, simulate(10000, 1000, 10, false, Growth.RANDOM_UNFIRED, 3), 1e-12);
    assertTrue(simulate(10000, 1000, 10, false, Growth.RANDOM_UNFIRED, 3)
        >= simulate(10000, 1000, 10, false, Growth.RANDOM, 3));
  }

  @ParameterizedTest
  @EnumSource(Growth.class)
  void countsStayExactAndFiredCoversActive(Growth growth) {
    SplittableRandom rng = new SplittableRandom(9);
    int[] sizes = {500, 300};
    SparseMasks m = new SparseMasks(sizes, new double[] {0.1, 0.37}, rng);
    int[] nnz = {m.nonzeros(0), m.nonzeros(1)};
    double lastRs = m.itopRate();
    assertEquals(m.density(), lastRs, 1e-12, "R_s(0) = initial density");
    for (int t = 0; t < 30; t++) {
      for (int l = 0; l < 2; l++) {
        SparseMasks.Change c = m.update(l, randomWeights(sizes[l], rng), randomWeights(sizes[l], rng), 0.3, growth, rng);
        assertEquals((int) Math.ceil(0.3 * nnz[l]), c.grownIndices().length);
        assertEquals(c.prunedIndices().length, c.grownIndices().length);
        int active = 0;
        for (int j = 0; j < sizes[l]; j++) {
          active += m.isActive(l, j) ? 1 : 0;
          assertTrue(!m.isActive(l, j) || m.hasFired(l, j), "fired mask covers the mask");
        }
        assertEquals(nnz[l], active);
      }
      assertTrue(m.itopRate() >= lastRs, "R_s never decreases");
      assertTrue(m.itopRate() <= 1);
      lastRs = m.itopRate();
    }
  }

  /**
   * The ever-active weights are bits in memory but one boolean each in the serialised form, as networks
   * saved before held them: a round trip keeps every flag, and the form still names a boolean[][] "fired".
   */
  @Test
  void serialisedFormKeepsEveryEverActiveFlag() throws Exception {
    SplittableRandom rng = new SplittableRandom(4);
    int[] sizes = {130, 64, 7}; // not multiples of 64, one exactly, one below a word
    SparseMasks m = new SparseMasks(sizes, new double[] {0.2, 0.5, 1}, rng);
    for (int t = 0; t < 5; t++) {
      for (int l = 0; l < 2; l++) {
        m.update(l, randomWeights(sizes[l], rng), randomWeights(sizes[l], rng), 0.3, Growth.RANDOM, rng);
      }
    }
    assertEquals(boolean[][].class, java.io.ObjectStreamClass.lookup(SparseMasks.class).getField("fired").getType());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    SparseMasks back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (SparseMasks) in.readObject();
    }
    int unfired = 0;
    for (int l = 0; l < sizes.length; l++) {
      for (int j = 0; j < sizes[l]; j++) {
        assertEquals(m.hasFired(l, j), back.hasFired(l, j), "layer " + l + ", weight " + j);
        assertEquals(m.isActive(l, j), back.isActive(l, j));
        unfired += m.hasFired(l, j) ? 0 : 1;
      }
    }
    assertTrue(unfired > 0, "some weights never fired, so the flags are not trivially all set");
    assertEquals(m.itopRate(), back.itopRate(), 0);
  }

  @Test
  void gradientGrowthWithZeroGradientsStillGrowsExactlyK() {
    SplittableRandom rng = new SplittableRandom(5);
    SparseMasks m = new SparseMasks(new int[] {1000}, new double[] {0.1}, rng);
    SparseMasks.Change c = m.update(0, randomWeights(1000, rng), new double[1000], 0.5, Growth.GRADIENT, rng);
    assertEquals(50, c.grownIndices().length);
    for (int j : c.grownIndices()) {
      assertTrue(m.isActive(0, j));
    }
  }

  @Test
  void gradientGrowthPicksTheLargestInactiveGradients() {
    SplittableRandom rng = new SplittableRandom(6);
    SparseMasks m = new SparseMasks(new int[] {100}, new double[] {0.1}, rng);
    double[] g = new double[100];
    int[] inactive = java.util.stream.IntStream.range(0, 100).filter(j -> !m.isActive(0, j)).toArray();
    g[inactive[0]] = -5; // magnitude counts
    g[inactive[1]] = 4;
    // every active weight has a larger gradient, but active entries are not candidates
    for (int j = 0; j < 100; j++) {
      if (m.isActive(0, j)) {
        g[j] = 100;
      }
    }
    SparseMasks.Change c = m.update(0, randomWeights(100, rng), g, 0.2, Growth.GRADIENT, rng);
    assertEquals(2, c.grownIndices().length);
    java.util.Set<Integer> grown = java.util.Set.of(c.grownIndices()[0], c.grownIndices()[1]);
    // the two pruned entries become candidates too, with gradient 100: they win
    java.util.Set<Integer> pruned = java.util.Set.of(c.prunedIndices()[0], c.prunedIndices()[1]);
    assertEquals(pruned, grown);
    assertFalse(m.hasFired(0, inactive[0]) && !pruned.contains(inactive[0]));
  }

  @Test
  void pruningRemovesTheSmallestMagnitudes() {
    SplittableRandom rng = new SplittableRandom(8);
    SparseMasks m = new SparseMasks(new int[] {20}, new double[] {0.5}, rng);
    double[] w = new double[20];
    int rank = 0;
    for (int j = 0; j < 20; j++) {
      if (m.isActive(0, j)) {
        w[j] = (rank++ % 2 == 0 ? 1 : -1) * (rank + 1.0);
      }
    }
    SparseMasks.Change c = m.update(0, w, null, 0.2, Growth.RANDOM, rng);
    for (int j : c.prunedIndices()) {
      assertTrue(Math.abs(w[j]) <= 3.0, "pruned |w| = " + Math.abs(w[j]));
    }
  }

  @Test
  void smallestSelectionEqualsSortingByScoreThenKey() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rng.nextInt(300);
      int[] idx = java.util.stream.IntStream.range(0, n).map(i -> 2 * i).toArray();
      double[] key = new double[2 * n];
      double[] score = new double[2 * n];
      for (int j = 0; j < 2 * n; j++) {
        key[j] = rng.nextDouble();
        score[j] = rng.nextInt(5) * (rng.nextBoolean() ? 1 : -1) * 0.5; // many ties, ±0
      }
      int k = rng.nextInt(n + 1);
      int[] got = smallestOf(idx, k, score, key);
      int[] want = java.util.Arrays.stream(idx).boxed()
          .sorted((a, b) -> Double.compare(score[a], score[b]) != 0 ? Double.compare(score[a], score[b])
              : Double.compare(key[a], key[b]))
          .limit(k).mapToInt(Integer::intValue).sorted().toArray();
      org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, "trial " + trial);
    }
  }

  @Test
  void selectionOfFewAmongManyEqualsSorting() {
    SplittableRandom rng = new SplittableRandom(12);
    int n = 200_000;
    int[] idx = java.util.stream.IntStream.range(0, n).map(i -> 3 * i + 1).toArray();
    double[] key = new double[3 * n + 1];
    double[] score = new double[3 * n + 1];
    for (int trial = 0; trial < 3; trial++) {
      for (int j : idx) {
        key[j] = rng.nextDouble();
        // trial 0: distinct scores; 1: a third tied at 0 (zero gradients); 2: scores ascending with the index
        score[j] = trial == 0 ? rng.nextGaussian() : trial == 1 ? (rng.nextInt(3) == 0 ? 0 : -rng.nextDouble()) : j;
      }
      for (int k : new int[] {1, 1000, n / 8}) {
        int[] got = smallestOf(idx, k, score, key);
        int[] want = java.util.Arrays.stream(idx).boxed()
            .sorted((a, b) -> Double.compare(score[a], score[b]) != 0 ? Double.compare(score[a], score[b])
                : Double.compare(key[a], key[b]))
            .limit(k).mapToInt(Integer::intValue).sorted().toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, "trial " + trial + ", k " + k);
      }
    }
  }

  /** {@link SparseMasks#smallestPositions} over the entries {@code idx} of {@code score} and {@code key}. */
  private static int[] smallestOf(int[] idx, int k, double[] score, double[] key) {
    double[] s = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      s[i] = score[idx[i]] + 0.0; // no negative zeros, as the callers pass them
    }
    int[] out = new int[k];
    SparseMasks.smallestPositions(s, idx.length, k, i -> key[idx[i]], new double[idx.length], out);
    return java.util.Arrays.stream(out).map(i -> idx[i]).toArray();
  }

  @Test
  void tieKeysAreUniformAndDeterministic() {
    double sum = 0;
    for (int j = 0; j < 100_000; j++) {
      double u = SparseMasks.tieKey(42, j);
      org.junit.jupiter.api.Assertions.assertTrue(u >= 0 && u < 1);
      sum += u;
    }
    assertEquals(0.5, sum / 100_000, 0.005);
    assertEquals(SparseMasks.tieKey(42, 7), SparseMasks.tieKey(42, 7));
  }

  @Test
  void kthSmallestAgreesWithSorting() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rng.nextInt(200);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = trial % 2 == 0 ? rng.nextInt(4) : rng.nextGaussian();
      }
      double[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      int r = rng.nextInt(n);
      assertEquals(sorted[r], SparseMasks.kthSmallest(a.clone(), r), 0.0, "trial " + trial);
    }
  }
}
