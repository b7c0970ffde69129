// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The network's outputs for a batch of rows, with the training engine's forward pass ({@link LeanBackprop}: BLAS
 * GEMMs into reused buffers) on the network's own parameter views. DL4J's {@code output} costs several
 * milliseconds of set-up per call, far more than the arithmetic at the sizes Weka predicts in (100 rows per call);
 * this does the same mathematics. Rows go through in blocks of at most {@value #BLOCK}, so a large request does not
 * allocate activations for all its rows at once. Not thread-safe: callers synchronise.
 */
public final class Inference {
  /** The most rows per forward pass. */
  static final int BLOCK = 256;

  private final LeanBackprop lean;

  public Inference(MultiLayerNetwork net) {
    lean = new LeanBackprop(net, false);
  }

  /** The raw outputs (logits) for each row of {@code x}. */
  public double[][] logits(float[][] x) {
    double[][] out = new double[x.length][];
    for (int from = 0; from < x.length; from += BLOCK) {
      int rows = Math.min(BLOCK, x.length - from);
      int[] ids = new int[rows];
      for (int r = 0; r < rows; r++) {
        ids[r] = from + r;
      }
      double[][] z = HostCopy.rows(lean.forward(lean.gather(x, ids)));
      System.arraycopy(z, 0, out, from, rows);
    }
    return out;
  }
}
