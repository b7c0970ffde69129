// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * The operand every output of a sparse product reads (a layer's input for the forward product and the weight
 * gradient, the deltas for the input gradient): its Java rows, and, where the native kernels run, their copy in one
 * native block, each row on a 64-byte boundary ({@link #stride}), made once per step on the run's threads. The
 * native kernels read the block; a native call used to copy every row itself through JNI, once per call and per
 * thread (62 ns a row against 16 for Java's bulk copy into the block), and the forward product and the weight
 * gradient of a layer read the same input.
 */
final class SharedOperand {
  private float[][] rows;
  private int batch;
  private boolean staged;
  /** The block, kept and grown across steps (direct memory: about 1 MB for 2,048 units of a batch of 128). */
  private ByteBuffer block;
  private FloatBuffer floats;

  /**
   * Below this many floats (256 KB) the copy stays on the calling thread: a second thread's share of a smaller copy
   * gained less than its hand-over cost (W1's sparse engine on two threads, its copies of 256 rows split: 0.74–0.78 of
   * one thread with its small products split too; 1.05–1.06 with neither).
   */
  static final long SPLIT_FLOATS = 1L << 16;

  /** Floats from one row's start to the next in the block: the batch rounded up to whole cache lines. */
  static int stride(int batch) {
    return (Math.max(batch, 1) + 15) & ~15;
  }

  /**
   * Takes the first {@code batch} values of each of {@code rows} as the operand; where the native kernels run for
   * this batch, copies them into the block, a range of rows per thread of {@code kernels}.
   */
  SharedOperand set(float[][] rows, int batch, KernelPool kernels) {
    prepare(rows, batch, SparseKernels.runsNative(batch));
    if ((long) rows.length * batch >= SPLIT_FLOATS) {
      kernels.split(rows.length, batch, this::put);
    } else {
      put(0, rows.length);
    }
    return this;
  }

  /**
   * Takes {@code rows} as the operand before their values are written, for the pass that writes them to stage each
   * range as it finishes it ({@link #put}), while the range is still in its thread's cache: the forward pass's
   * activations and the backward pass's derivatives (a separate copy of W2's 2,048 units re-read every row).
   */
  SharedOperand prepare(float[][] rows, int batch) {
    return prepare(rows, batch, SparseKernels.runsNative(batch));
  }

  /** The rows copied into a block of their own on the calling thread, whatever the batch (a native call's alone). */
  static SharedOperand staged(float[][] rows, int batch) {
    SharedOperand operand = new SharedOperand().prepare(rows, batch, true);
    operand.put(0, rows.length);
    return operand;
  }

  private SharedOperand prepare(float[][] rows, int batch, boolean stage) {
    for (float[] row : rows) {
      if (row == null || row.length < batch) {
        throw new IllegalArgumentException("a row of the sparse kernels' operand is missing or shorter than the batch, "
            + batch);
      }
    }
    this.rows = rows;
    this.batch = batch;
    staged = stage;
    if (stage) {
      long needed = (long) stride(batch) * rows.length;
      if (needed > Integer.MAX_VALUE / 4 - 16) {
        throw new IllegalArgumentException(rows.length + " rows of " + batch + " are too many for one native block");
      }
      if (floats == null || floats.capacity() < needed) {
        block = AlignedBuffer.floats(needed);
        floats = block.asFloatBuffer();
      }
    }
    return this;
  }

  /** Copies rows [first, end) into the block, where it is staged; their values are final. */
  void put(int first, int end) {
    if (!staged) {
      return;
    }
    int stride = stride(batch);
    for (int i = first; i < end; i++) {
      floats.put(i * stride, rows[i], 0, batch);
    }
  }

  float[][] rows() {
    return rows;
  }

  /** Whether the block holds the rows (the native kernels run for this batch). */
  boolean staged() {
    return staged;
  }

  ByteBuffer block() {
    return block;
  }

  int count() {
    return rows.length;
  }
}
