// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.overparam.engine.ActiveBits;
import org.overparam.engine.LayerWeights;

/**
 * RigL's sampled bound ({@link SparseMasks#growthBound}): the order statistic of the sampled candidates' scores that
 * about {@link SparseMasks#SAMPLE_MARGIN} k of all candidates would reach, counted by hand here; none (+∞) without
 * a sample, with too few sampled candidates, or where the sample says nearly every candidate is needed.
 */
class GrowthBoundTest {
  /** An engine whose sample is the given values at flat indices 0 .. values.length, or none. */
  private static LayerWeights sampling(double[] values) {
    return new LayerWeights() {
      @Override
      public double[] weights(int layer) {
        throw new AssertionError();
      }

      @Override
      public double[] denseGradient(int layer) {
        throw new AssertionError("the bound needs the sample only");
      }

      @Override
      public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
        throw new AssertionError();
      }

      @Override
      public boolean gradientSample(int layer, int columns, GradientBlocks sink) {
        if (values == null) {
          return false;
        }
        sink.accept(0, values, values.length / 2); // two blocks, as columns come
        sink.accept(values.length / 2, Arrays.copyOfRange(values, values.length / 2, values.length),
            values.length - values.length / 2);
        return true;
      }
    };
  }

  @Test
  void theBoundIsTheSampledOrderStatisticOfTwiceK() {
    int n = 100_000;
    SparseMasks masks = new SparseMasks(new int[] {n}, new double[] {0.1}, new SplittableRandom(1));
    boolean[] mask = new boolean[n];
    double[] sample = new double[5000];
    SplittableRandom rng = new SplittableRandom(2);
    for (int j = 0; j < sample.length; j++) {
      sample[j] = rng.nextGaussian();
      mask[j] = j % 10 == 0; // active: not a candidate
    }
    sample[7] = Double.NaN; // never a candidate score
    double[] scores = new double[sample.length];
    int m = 0;
    for (int j = 0; j < sample.length; j++) {
      if (!mask[j] && !Double.isNaN(sample[j])) {
        scores[m++] = -Math.abs(sample[j]);
      }
    }
    scores = Arrays.copyOf(scores, m);
    Arrays.sort(scores);
    int k = 3000;
    int candidates = 90_000;
    int rank = (int) Math.ceil(SparseMasks.SAMPLE_MARGIN * k * m / (double) candidates); // 2 k m / candidates
    assertEquals(scores[rank], masks.growthBound(0, sampling(sample), ActiveBits.of(mask), k, candidates), 0.0);
  }

  @Test
  void noBoundWithoutASampleWithTooFewCandidatesOrWhenNearlyAllAreNeeded() {
    int n = 100_000;
    SparseMasks masks = new SparseMasks(new int[] {n}, new double[] {0.1}, new SplittableRandom(1));
    long[] mask = new long[ActiveBits.words(n)];
    double[] sample = new double[SparseMasks.MIN_SAMPLE_CANDIDATES + 10];
    Arrays.setAll(sample, j -> j + 1.0);
    assertEquals(Double.POSITIVE_INFINITY, masks.growthBound(0, sampling(null), mask, 100, 90_000));
    double[] small = Arrays.copyOf(sample, SparseMasks.MIN_SAMPLE_CANDIDATES - 1);
    assertEquals(Double.POSITIVE_INFINITY, masks.growthBound(0, sampling(small), mask, 100, 90_000));
    assertEquals(Double.POSITIVE_INFINITY, masks.growthBound(0, sampling(sample), mask, 50_000, 90_000),
        "2 k of 90,000 candidates: the whole sample and more");
    assertEquals(-(sample.length - 1), masks.growthBound(0, sampling(sample), mask, 1, n), 0.0,
        "k = 1: rank ceil(2 m / n) = 1 (from 0), the second best");
  }
}
