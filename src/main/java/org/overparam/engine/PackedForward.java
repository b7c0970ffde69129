// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.overparam.engine.NativeDenseKernels.PANEL;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of a float32 network with ReLU hidden layers through {@link NativeDenseKernels}, on a copy of its
 * parameters packed for those kernels when this is made: later changes to the network are not seen (a
 * {@code NetworkModel} is made afresh after every epoch). With several threads each takes whole panels of a layer,
 * so the outputs have the same bits for any count. At Weka's 100 rows per call it ran 1.3-2.6x as fast as
 * OpenBLAS's GEMMs with a pass for the bias and ReLU, from W1's 100-256-256-10 to W2's 784-2048-2048-10
 * (docs/results.md, Prediction).
 */
final class PackedForward {
  /**
   * Below this many multiply-adds per thread a layer runs on the calling thread: W1's 100 x 256 x 256 products
   * (6.5 million) in two parts took longer than in one, W2's 100 x 784 x 2048 gained 1.9x.
   */
  static final long MIN_MACS_PER_PART = 1L << 23;

  private final int[] width;
  private final long[] offset;
  private final ByteBuffer model;
  private final int maxRows;
  private final int threads;
  /** The input block, then two blocks for the layers' outputs in turn. */
  private final ByteBuffer[] blocks;

  private PackedForward(int[] width, long[] offset, ByteBuffer model, ByteBuffer[] blocks, int maxRows,
      int threads) {
    this.width = width;
    this.offset = offset;
    this.model = model;
    this.blocks = blocks;
    this.maxRows = maxRows;
    this.threads = threads;
  }

  /**
   * The packed pass of {@code net} for blocks of at most {@code maxRows} rows on {@code threads} threads, or null
   * where it does not apply: not on the CPU with the native kernels, not float32, a hidden activation other than a
   * plain ReLU, or no room for the copy and the blocks (over 2 GB each, or over the JVM's limit on direct memory).
   */
  static PackedForward of(MultiLayerNetwork net, LeanBackprop lean, int maxRows, int threads) {
    if (!Routes.cpuShortcuts() || !NativeDenseKernels.active() || net.params().dataType() != DataType.FLOAT
        || !lean.hiddenReluOnly()) {
      return null;
    }
    int layers = lean.layers();
    int[] width = new int[layers + 1];
    long[] offset = new long[layers + 1];
    long widest = 0;
    for (int l = 0; l <= layers; l++) {
      width[l] = lean.width(l);
      if (l < layers) {
        offset[l + 1] = offset[l] + (long) padded(lean.width(l + 1)) * (lean.width(l) + 1);
        widest = Math.max(widest, padded(lean.width(l + 1)));
      }
    }
    long inputBlock = (long) padded(width[0]) * maxRows;
    if (Math.max(offset[layers], Math.max(inputBlock, widest * maxRows)) * 4 > Integer.MAX_VALUE - 64) {
      return null; // more than one buffer holds: OpenBLAS on the network's own arrays
    }
    ByteBuffer model;
    ByteBuffer[] blocks;
    try {
      model = AlignedBuffer.floats(offset[layers]);
      blocks = new ByteBuffer[] {AlignedBuffer.floats(inputBlock), AlignedBuffer.floats(widest * maxRows),
          AlignedBuffer.floats(widest * maxRows)};
    } catch (OutOfMemoryError e) { // past -XX:MaxDirectMemorySize: the copy is an optimisation, not a need
      return null;
    }
    FloatBuffer f = model.asFloatBuffer();
    for (int l = 0; l < layers; l++) {
      pack(lean.weights(l), lean.bias(l), f);
    }
    return new PackedForward(width, offset, model, blocks, maxRows, threads);
  }

  /** Appends W (k x n) in panels of 16 columns, then the bias, both zero padded to whole panels. */
  private static void pack(INDArray w, INDArray bias, FloatBuffer f) {
    float[][] m = w.toFloatMatrix();
    float[] b = bias.toFloatVector();
    int n = b.length;
    for (int j = 0; j < padded(n); j += PANEL) {
      for (float[] row : m) {
        for (int c = j; c < j + PANEL; c++) {
          f.put(c < n ? row[c] : 0f);
        }
      }
    }
    for (int c = 0; c < padded(n); c++) {
      f.put(c < n ? b[c] : 0f);
    }
  }

  int outputs() {
    return width[width.length - 1];
  }

  /**
   * The outputs (logits) of rows {@code from .. from + rows)} of {@code x} into {@code out} (row-major, rows x
   * {@link #outputs}); rows at most the {@code maxRows} this was made for.
   */
  void forward(float[][] x, int from, int rows, float[] out) {
    if (rows > maxRows) {
      throw new IllegalArgumentException(rows + " rows in one block; at most " + maxRows);
    }
    FloatBuffer input = blocks[0].asFloatBuffer();
    int lda = padded(width[0]);
    for (int r = 0; r < rows; r++) {
      float[] row = x[from + r];
      if (row.length != width[0]) {
        throw new IllegalArgumentException("row " + (from + r) + " has " + row.length + " values, the network "
            + width[0] + " inputs");
      }
      input.put(r * lda, row);
    }
    ByteBuffer in = blocks[0];
    int layers = width.length - 1;
    for (int l = 0; l < layers; l++) {
      ByteBuffer o = blocks[1 + l % 2];
      layer(l, in, lda, rows, o);
      in = o;
      lda = padded(width[l + 1]);
    }
    FloatBuffer result = in.asFloatBuffer();
    int n = outputs();
    for (int r = 0; r < rows; r++) {
      result.get(r * lda, out, r * n, n);
    }
  }

  /** Layer l, its panels shared among the threads where each would have enough work. */
  private void layer(int l, ByteBuffer in, int lda, int rows, ByteBuffer out) {
    int k = width[l];
    int n = width[l + 1];
    int panels = padded(n) / PANEL;
    boolean relu = l < width.length - 2;
    int ldc = padded(n);
    long macs = (long) rows * k * padded(n);
    int parts = (int) Math.max(1, Math.min(Math.min(threads, panels), macs / MIN_MACS_PER_PART));
    if (parts == 1) {
      NativeDenseKernels.layer(in, lda, rows, k, model, offset[l], n, 0, panels, relu, out, ldc);
      return;
    }
    KernelPool.shared(threads).tasks(parts, p -> NativeDenseKernels.layer(in, lda, rows, k, model, offset[l], n,
        (int) ((long) panels * p / parts), (int) ((long) panels * (p + 1) / parts), relu, out, ldc));
  }

  private static int padded(int n) {
    return (n + PANEL - 1) / PANEL * PANEL;
  }
}
