// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.nio.ByteBuffer;

/**
 * Prediction's dense layers in native code (AVX2 with fused multiply-adds; {@code src/main/c/dense_inference.c}), in
 * the library of {@link NativeSparseKernels} and where that loads. Each layer's weights are packed once
 * ({@link PackedForward}), so a call does not repack them as a BLAS GEMM does, and the bias and the ReLU are applied
 * in the registers that hold the sums.
 */
final class NativeDenseKernels {
  /** The columns of a panel: a layer's width is padded to a multiple of this. */
  static final int PANEL = 16;

  private NativeDenseKernels() {}

  /** Whether {@link #layer} can be called (the native library loaded and the CPU has AVX2 and FMA). */
  static boolean active() {
    return NativeSparseKernels.active();
  }

  /**
   * Panels {@code panelFrom .. panelTo)} of one layer: out[r][c] = act(bias[c] + Σ_p in[r][p] · W[p][c]) for the rows
   * r &lt; rows and the columns c of those panels. Every buffer is direct and starts on a 64-byte boundary; rows
   * are row-major with strides {@code lda} and {@code ldc} (multiples of {@link #PANEL}).
   *
   * @param model from float {@code modelOffset} (a multiple of 16): the layer's weights in panels of 16 columns
   *     (panel j, input p, column c at (j·k + p)·16 + c; columns past the width 0), then its bias, zero padded to
   *     whole panels
   * @param relu whether max(·, 0) follows the bias
   * @throws IllegalArgumentException if a size disagrees or a buffer is unaligned or too small
   */
  static native void layer(ByteBuffer in, int lda, int rows, int k, ByteBuffer model, long modelOffset, int width,
      int panelFrom, int panelTo, boolean relu, ByteBuffer out, int ldc);
}
