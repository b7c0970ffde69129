// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.overparam.nn.UpdaterType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sparse products on several threads give the single-threaded kernels' bits. */
class KernelPoolTest {
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 7})
  void productsOnSeveralThreadsAreBitIdentical(int threads) {
    SplittableRandom rng = new SplittableRandom(threads);
    int nIn = 300;
    int nOut = 257;
    int batch = 647; // enough work per row for the native kernels to split it (and every remainder of 64 and 8)
    // uneven columns: some empty, some full, so the ranges are cut by weights rather than by columns
    boolean[] active = new boolean[nIn * nOut];
    float[] dense = new float[nIn * nOut];
    for (int o = 0; o < nOut; o++) {
      double density = o % 17 == 0 ? 0 : o % 13 == 0 ? 1 : 0.2;
      for (int i = 0; i < nIn; i++) {
        if (rng.nextDouble() < density) {
          active[i + o * nIn] = true;
          dense[i + o * nIn] = (float) rng.nextGaussian();
        }
      }
    }
    float[] bias = new float[nOut];
    for (int o = 0; o < nOut; o++) {
      bias[o] = (float) rng.nextGaussian();
    }
    SparseLayer layer = new SparseLayer(nIn, nOut, active, dense, bias, 0);
    float[][] in = SparseKernelsTest.random(rng, nIn, batch);
    float[][] delta = SparseKernelsTest.random(rng, nOut, batch);
    for (int o = 0; o < nOut; o += 2) { // mostly zero, as behind a ReLU: the compacted sums
      for (int b = 0; b < batch; b++) {
        delta[o][b] = b % 3 == 0 ? delta[o][b] : 0f;
      }
    }
    KernelPool one = new KernelPool(1);
    KernelPool many = new KernelPool(threads);
    assertEquals(threads * KernelPool.rangesPerThread(batch), many.cuts(layer.colStart, nOut, batch).length - 1,
        "the product must be split, in several ranges per thread");

    float[][] out1 = new float[nOut][batch];
    float[][] outN = new float[nOut][batch];
    SharedOperand input = new SharedOperand().set(in, batch, many);
    one.forward(layer.colStart, layer.row, layer.value, layer.bias, input, out1, batch, null);
    many.forward(layer.colStart, layer.row, layer.value, layer.bias, input, outN, batch, null);
    assertArrayEquals(out1, outN);

    float[][] inGrad1 = SparseKernelsTest.random(rng, nIn, batch);
    float[][] inGradN = SparseKernelsTest.random(rng, nIn, batch);
    SharedOperand deltas = new SharedOperand().set(delta, batch, one);
    one.inputGradient(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, deltas, inGrad1, batch, null);
    many.inputGradient(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, deltas, inGradN, batch, null);
    assertArrayEquals(inGrad1, inGradN);

    float[] grad1 = new float[layer.nonzeros()];
    float[] gradN = new float[layer.nonzeros()];
    float[] biasGrad1 = new float[nOut];
    float[] biasGradN = new float[nOut];
    one.weightGradient(layer.colStart, layer.row, input, delta, grad1, biasGrad1, batch, null);
    many.weightGradient(layer.colStart, layer.row, input, delta, gradN, biasGradN, batch, null);
    assertArrayEquals(grad1, gradN);
    assertArrayEquals(biasGrad1, biasGradN);
  }

  @Test
  void smallProductsStayOnTheCallingThreadAndBadCountsAreRefused() {
    KernelPool pool = new KernelPool(4);
    assertNull(pool.cuts(new int[] {0, 10, 20}, 2, 8), "a tiny product must not be split");
    int[] outputLayer = new int[11]; // W2's 2048 x 10 output layer, every weight active
    Arrays.setAll(outputLayer, o -> o * 2048);
    int[] cut = pool.cuts(outputLayer, 10, 128);
    if (SparseKernels.runsNative(128)) {
      assertEquals(2, cut.length - 1, "native: at least 2^20 multiply-adds per range (the staged input costs none)");
      int[] w1Output = new int[11]; // W1's 256 x 10 output layer: too little for a second native range
      Arrays.setAll(w1Output, o -> o * 256);
      assertNull(pool.cuts(w1Output, 10, 128));
    } else {
      assertEquals(10, cut.length - 1, "in Java: four ranges per thread, at most one per output");
    }
    assertThrows(IllegalArgumentException.class, () -> new KernelPool(0));
  }

  /** The element-wise passes' ranges: contiguous, ascending, each index once, one range per thread. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void elementWisePassesCoverEachIndexOnceInContiguousRanges(int threads) {
    KernelPool pool = new KernelPool(threads);
    int n = 2048;
    int[] cut = pool.evenCuts(n, 128);
    assertEquals(threads + 1, cut.length, "2048 units of a batch of 128 must be split");
    assertEquals(0, cut[0]);
    assertEquals(n, cut[threads]);
    for (int p = 0; p < threads; p++) {
      assertTrue(cut[p + 1] - cut[p] >= n / threads, "about equal ranges: " + java.util.Arrays.toString(cut));
    }
    AtomicIntegerArray visits = new AtomicIntegerArray(n);
    pool.split(n, 128, (from, to) -> {
      for (int i = from; i < to; i++) {
        visits.incrementAndGet(i);
      }
    });
    for (int i = 0; i < n; i++) {
      assertEquals(1, visits.get(i), "index " + i);
    }
    assertNull(pool.evenCuts(n, 8), "16,384 elements stay on the calling thread");
    assertNull(pool.evenCuts(1, 1 << 20), "one item is never split");
    int[] calls = new int[1];
    pool.split(100, 1, (from, to) -> {
      assertEquals(0, from);
      assertEquals(100, to);
      calls[0]++;
    });
    assertEquals(1, calls[0]);
  }

  /** A range that fails fails the call, after every other range has finished; the pool stays usable. */
  @Test
  void aFailingRangeFailsTheCallAndThePoolGoesOn() {
    KernelPool pool = new KernelPool(3);
    int n = 3 << 15;
    AtomicIntegerArray visits = new AtomicIntegerArray(n);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.split(n, 1, (from, to) -> {
      if (from > 0 && to == n) {
        throw new IllegalStateException("range " + from);
      }
      for (int i = from; i < to; i++) {
        visits.incrementAndGet(i);
      }
    }));
    assertEquals("range " + (2 << 15), e.getMessage());
    for (int i = 0; i < (2 << 15); i++) {
      assertEquals(1, visits.get(i), "index " + i);
    }
    pool.split(n, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        visits.incrementAndGet(i);
      }
    });
    assertEquals(1, visits.get(n - 1));
  }

  /** The optimiser's update on ranges on several threads (as the sparse engine runs it) gives the whole update's bits. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void optimiserUpdateOnRangesIsBitIdentical(int threads) {
    KernelPool pool = new KernelPool(threads);
    int n = 200_003; // uneven ranges
    assertEquals(threads + 1, pool.evenCuts(n, 1).length);
    for (UpdaterType type : UpdaterType.values()) {
      SplittableRandom rng = new SplittableRandom(type.ordinal());
      ArrayOptimizer whole = new ArrayOptimizer(type, 0.9);
      ArrayOptimizer ranges = new ArrayOptimizer(type, 0.9);
      float[] p1 = SparseKernelsTest.random(rng, 1, n)[0];
      float[] pN = p1.clone();
      float[][] s1 = new float[whole.stateArrays()][n];
      float[][] sN = new float[whole.stateArrays()][n];
      for (int step = 0; step < 3; step++) { // Adam's bias corrections change with the step
        float[] g = SparseKernelsTest.random(rng, 1, n)[0];
        float[] gN = g.clone();
        whole.beginStep();
        whole.update(p1, g, s1, n, 0.01);
        ranges.beginStep();
        pool.split(n, 1, (from, to) -> ranges.update(pN, gN, sN, from, to, 0.01));
        assertArrayEquals(p1, pN, type + " step " + step);
        assertArrayEquals(s1, sN, type + " step " + step);
      }
    }
  }
}
