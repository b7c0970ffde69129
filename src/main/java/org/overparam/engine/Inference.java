// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
  private final int outputs;

  public Inference(MultiLayerNetwork net) {
    lean = new LeanBackprop(net, false);
    outputs = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
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
      INDArray z = lean.forward(lean.gather(x, ids));
      if (z.dataType() == DataType.FLOAT) {
        float[] flat = new float[rows * outputs];
        HostCopy.read(z, flat); // row-major [rows, outputs]
        for (int r = 0; r < rows; r++) {
          double[] row = new double[outputs];
          for (int c = 0; c < outputs; c++) {
            row[c] = flat[r * outputs + c];
          }
          out[from + r] = row;
        }
      } else {
        double[] flat = z.data().asDouble();
        for (int r = 0; r < rows; r++) {
          double[] row = new double[outputs];
          System.arraycopy(flat, r * outputs, row, 0, outputs);
          out[from + r] = row;
        }
      }
    }
    return out;
  }
}
