// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * RigL's dense gradient in native code: its columns equal the dot products over the batch computed in double
 * precision to float rounding, and the growth candidates are exactly the positions of those values (the same bits)
 * that are inactive and pass the bound, in flat index order, however the columns are shared out.
 */
class NativeGradientCandidatesTest {
  private static final int N_IN = 37;
  private static final int N_OUT = 45;
  private static final int BATCH = 13;

  private static float[][] random(SplittableRandom rng, int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (float[] r : m) {
      for (int j = 0; j < cols; j++) {
        r[j] = (float) rng.nextGaussian();
      }
    }
    return m;
  }

  /** The gradient's columns from .. to through the native kernel, column-major. */
  private static float[] columns(float[][] in, float[][] delta, int from, int to) {
    int n = in.length * (to - from);
    FloatPointer out = new FloatPointer(Math.max(1, n));
    NativeSparseKernels.gradientColumns(in, delta, BATCH, from, to, out.address(), n);
    float[] g = new float[n];
    out.get(g);
    out.close();
    return g;
  }

  @Test
  void columnsEqualTheDotProductsToRounding() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(3);
    float[][] in = random(rng, N_IN, BATCH);
    float[][] delta = random(rng, N_OUT, BATCH);
    float[] whole = columns(in, delta, 0, N_OUT);
    for (int[] range : new int[][] {{0, N_OUT}, {3, 40}, {17, 18}, {44, 45}}) {
      float[] g = columns(in, delta, range[0], range[1]);
      for (int o = range[0]; o < range[1]; o++) {
        for (int i = 0; i < N_IN; i++) {
          double exact = 0;
          double abs = 0;
          for (int b = 0; b < BATCH; b++) {
            double p = (double) in[i][b] * delta[o][b];
            exact += p;
            abs += Math.abs(p);
          }
          float ours = g[(o - range[0]) * N_IN + i];
          assertEquals(exact, ours, 2 * BATCH * Math.ulp(1f) * abs + Float.MIN_NORMAL, "g(" + i + ", " + o + ")");
          // the same bits whatever range the column was computed in
          assertEquals(Float.floatToRawIntBits(whole[o * N_IN + i]), Float.floatToRawIntBits(ours));
        }
      }
    }
  }

  @Test
  void candidatesAreTheInactivePositionsThatPassInIndexOrder() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(5);
    float[][] in = random(rng, N_IN, BATCH);
    float[][] delta = random(rng, N_OUT, BATCH);
    delta[7] = new float[BATCH]; // a column of zeros: scores +0.0
    boolean[] active = new boolean[N_IN * N_OUT];
    for (int j = 0; j < active.length; j++) {
      active[j] = rng.nextInt(4) == 0;
    }
    long[] bits = ActiveBits.of(active);
    float[] g = columns(in, delta, 0, N_OUT);
    for (double bound : new double[] {-2.5, -0.7, -1e-30, 0.0, Double.POSITIVE_INFINITY}) {
      int[] wantIndex = new int[g.length];
      float[] wantValue = new float[g.length];
      int want = 0;
      for (int j = 0; j < g.length; j++) {
        if (!active[j] && -Math.abs((double) g[j]) + 0.0 <= bound) { // the Java scan's test
          wantIndex[want] = j;
          wantValue[want++] = g[j];
        }
      }
      assertTrue(bound < -1 || want > N_IN, "bound " + bound + " admits " + want);
      for (int parts : new int[] {1, 2, 3}) { // ranges of columns, one call each, concatenated
        int[] index = new int[g.length];
        float[] value = new float[g.length];
        int count = 0;
        for (int p = 0; p < parts; p++) {
          int from = N_OUT * p / parts;
          int to = N_OUT * (p + 1) / parts;
          int[] idx = new int[g.length];
          float[] val = new float[g.length];
          int n = NativeSparseKernels.gradientCandidates(in, delta, BATCH, from, to, bits, bound, idx, val);
          System.arraycopy(idx, 0, index, count, n);
          System.arraycopy(val, 0, value, count, n);
          count += n;
        }
        String what = "bound " + bound + ", " + parts + " parts";
        assertEquals(want, count, what);
        assertArrayEquals(Arrays.copyOf(wantIndex, want), Arrays.copyOf(index, count), what);
        assertArrayEquals(Arrays.copyOf(wantValue, want), Arrays.copyOf(value, count), what);
      }
    }
  }

  @Test
  void moreCandidatesThanRoomIsSaidNotWritten() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(7);
    float[][] in = random(rng, N_IN, BATCH);
    float[][] delta = random(rng, N_OUT, BATCH);
    long[] active = new long[ActiveBits.words(N_IN * N_OUT)]; // none active
    int all = N_IN * N_OUT;
    int[] index = new int[all - 1];
    assertEquals(-1, NativeSparseKernels.gradientCandidates(in, delta, BATCH, 0, N_OUT, active,
        Double.POSITIVE_INFINITY, index, new float[all - 1]));
    assertEquals(all, NativeSparseKernels.gradientCandidates(in, delta, BATCH, 0, N_OUT, active,
        Double.POSITIVE_INFINITY, new int[all], new float[all]));
  }

  @Test
  void badRangesAndShortArraysAreRefused() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(9);
    float[][] in = random(rng, N_IN, BATCH);
    float[][] delta = random(rng, N_OUT, BATCH);
    long[] active = new long[ActiveBits.words(N_IN * N_OUT)];
    int[] index = new int[10];
    float[] value = new float[10];
    FloatPointer out = new FloatPointer((long) N_IN * N_OUT);
    long at = out.address();
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientColumns(in, delta, BATCH, 0, N_OUT + 1, at, (long) N_IN * N_OUT));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientColumns(in, delta, BATCH, 5, 4, at, (long) N_IN * N_OUT));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientColumns(in, delta, BATCH, 0, N_OUT, at, (long) N_IN * N_OUT - 1));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientColumns(in, delta, BATCH + 1, 0, N_OUT, at, (long) N_IN * N_OUT));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientCandidates(in, delta, BATCH, -1, 3, active, 0, index, value));
    assertThrows(IllegalArgumentException.class, () -> NativeSparseKernels.gradientCandidates(in, delta, BATCH, 0,
        N_OUT, new long[ActiveBits.words(N_IN * N_OUT) - 1], 0, index, value));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.gradientCandidates(in, delta, BATCH, 0, N_OUT, active, 0, index, new float[9]));
    out.close();
  }
}
