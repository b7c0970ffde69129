// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse products' operand staged once in a native block, reused from step to step and batch to batch. */
class SharedOperandTest {
  @Test
  void oneBlockServesLargerAndSmallerBatchesWithTheBitsOfAFreshCopy() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(3);
    int nIn = 600; // 600 rows of 128 or 131 are copied by two threads, of 20 or 8 by the calling thread
    int nOut = 20;
    boolean[] active = new boolean[nIn * nOut];
    float[] dense = new float[nIn * nOut];
    for (int j = 0; j < active.length; j++) {
      active[j] = rng.nextDouble() < 0.2;
      dense[j] = (float) rng.nextGaussian();
    }
    SparseLayer layer = new SparseLayer(nIn, nOut, active, dense, new float[nOut], 0);
    SharedOperand operand = new SharedOperand();
    KernelPool two = new KernelPool(2);
    for (int batch : new int[] {128, 20, 131, 8}) { // strides 128, 32, 144, 16: the block grows once, then is reused
      float[][] in = SparseKernelsTest.random(rng, nIn, batch);
      assertSame(operand, operand.set(in, batch, two));
      float[][] staged = new float[nOut][batch];
      float[][] fresh = new float[nOut][batch];
      two.forward(layer.colStart, layer.row, layer.value, layer.bias, operand, staged, batch, null);
      NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, in, fresh, batch);
      assertArrayEquals(fresh, staged, "batch " + batch);
    }
  }

  @Test
  void aBatchBelowTheNativeKernelsStaysInJavaAndShortRowsAreRefused() {
    SharedOperand operand = new SharedOperand().set(new float[3][4], 4, new KernelPool(1));
    assertFalse(operand.staged(), "four rows are below the native kernels' smallest batch");
    assertEquals(16, SharedOperand.stride(1));
    assertEquals(128, SharedOperand.stride(128));
    assertEquals(144, SharedOperand.stride(129));
    assertThrows(IllegalArgumentException.class, () -> SharedOperand.staged(new float[][] {new float[8], null}, 8));
    assertThrows(IllegalArgumentException.class, () -> SharedOperand.staged(new float[][] {new float[7]}, 8));
  }

  /**
   * Rows staged range by range by the pass that writes them ({@link SharedOperand#prepare}, then {@link
   * SharedOperand#put} per range, as the engine's activations do) give the product of rows staged at once.
   */
  @Test
  void rowsStagedRangeByRangeGiveTheProductOfRowsStagedAtOnce() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(4);
    int nIn = 600; // two ranges on two threads
    int nOut = 30;
    int batch = 128;
    boolean[] active = new boolean[nIn * nOut];
    float[] dense = new float[nIn * nOut];
    for (int j = 0; j < active.length; j++) {
      active[j] = rng.nextDouble() < 0.3;
      dense[j] = (float) rng.nextGaussian();
    }
    SparseLayer layer = new SparseLayer(nIn, nOut, active, dense, new float[nOut], 0);
    KernelPool two = new KernelPool(2);
    assertEquals(3, two.evenCuts(nIn, batch).length);
    float[][] in = new float[nIn][batch];
    SharedOperand byRanges = new SharedOperand().prepare(in, batch);
    float[][] values = SparseKernelsTest.random(rng, nIn, batch);
    two.split(nIn, batch, (from, to) -> { // written, then staged, a range at a time
      for (int i = from; i < to; i++) {
        System.arraycopy(values[i], 0, in[i], 0, batch);
      }
      byRanges.put(from, to);
    });
    float[][] staged = new float[nOut][batch];
    float[][] atOnce = new float[nOut][batch];
    two.forward(layer.colStart, layer.row, layer.value, layer.bias, byRanges, staged, batch, null);
    two.forward(layer.colStart, layer.row, layer.value, layer.bias, new SharedOperand().set(values, batch, two), atOnce,
        batch, null);
    assertArrayEquals(atOnce, staged);
  }
}
