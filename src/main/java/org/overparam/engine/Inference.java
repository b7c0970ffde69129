// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The network's outputs for a batch of rows. A float32 network with ReLU hidden layers runs
 * {@link PackedForward} (native kernels on weights packed once); any other the training engine's forward pass
 * ({@link LeanBackprop}: BLAS GEMMs into reused buffers) on the network's own parameter views. DL4J's
 * {@code output} costs several milliseconds of set-up per call, far more than the arithmetic at the sizes Weka
 * predicts in (100 rows per call); both do the same mathematics. Rows go through in blocks of at most
 * {@value #BLOCK}, so a large request does not allocate activations for all its rows at once. Not thread-safe:
 * callers synchronise.
 */
public final class Inference {
  /** The most rows per forward pass. */
  static final int BLOCK = 256;

  private final LeanBackprop lean;
  /** Null where the packed pass does not apply. */
  private final PackedForward packed;

  /**
   * {@code threads}: the model's thread count (see {@link PackedForward#of}); {@code packable}: whether the
   * parameters may be copied and packed now (false where the network trains on and predictions must follow it).
   */
  public Inference(MultiLayerNetwork net, int threads, boolean packable) {
    lean = new LeanBackprop(net, false);
    packed = packable ? PackedForward.of(net, lean, BLOCK, threads) : null;
  }

  /** What runs predictions in this JVM, for the backend report. */
  public static String describe() {
    return Routes.cpuShortcuts() && NativeDenseKernels.active()
        ? "native code (AVX2, FMA) on packed weights for float32 networks with ReLU hidden layers, else OpenBLAS"
        : "OpenBLAS" + (Routes.cpuShortcuts() ? " (no native code: " + NativeSparseKernels.unavailable() + ")" : "");
  }

  /** Whether the packed native pass runs (for tests). */
  boolean packed() {
    return packed != null;
  }

  /** The raw outputs (logits) for each row of {@code x}. */
  public double[][] logits(float[][] x) {
    double[][] out = new double[x.length][];
    for (int from = 0; from < x.length; from += BLOCK) {
      int rows = Math.min(BLOCK, x.length - from);
      if (packed != null) {
        packedBlock(x, from, rows, out);
        continue;
      }
      int[] ids = new int[rows];
      for (int r = 0; r < rows; r++) {
        ids[r] = from + r;
      }
      double[][] z = HostCopy.rows(lean.forward(lean.gather(x, ids)));
      System.arraycopy(z, 0, out, from, rows);
    }
    return out;
  }

  private void packedBlock(float[][] x, int from, int rows, double[][] out) {
    float[] z = new float[rows * packed.outputs()];
    packed.forward(x, from, rows, z);
    System.arraycopy(HostCopy.rows(z, rows, packed.outputs()), 0, out, from, rows);
  }
}
