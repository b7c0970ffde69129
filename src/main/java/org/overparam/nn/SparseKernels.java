package org.overparam.nn;

import java.util.Arrays;

/**
 * The products of a sparse layer, in plain Java on float arrays: the one place where sparse
 * arithmetic is written by hand (ND4J 1.0.0-M2.1 has no sparse type, and a JNI call per non-zero
 * would cost more than the arithmetic).
 *
 * <p>Weights are in compressed sparse column form over the layer's [nIn, nOut] matrix: the active
 * weights of output column o are {@code value[k]} for k in [colStart[o], colStart[o + 1]), at
 * input rows {@code row[k]}, ascending. Activations and their gradients are transposed, one array
 * of the batch's values per unit ({@code float[unit][batch]}), so that the inner loops run over the
 * batch with the same index in every array. C2 vectorises those loops (AVX2/AVX-512); with one flat
 * array and two offsets it does not, since it cannot rule out overlap, and runs 3x slower.
 */
final class SparseKernels {
  private SparseKernels() {}

  /** out[o] = bias[o] + Σ_k value[k] · in[row[k]] over column o's active weights. */
  static void forward(int[] colStart, int[] row, float[] value, float[] bias, float[][] in, float[][] out, int batch) {
    for (int o = 0; o < out.length; o++) {
      float[] z = out[o];
      Arrays.fill(z, 0, batch, bias[o]);
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        float v = value[k];
        float[] x = in[row[k]];
        for (int b = 0; b < batch; b++) {
          z[b] += v * x[b];
        }
      }
    }
  }

  /** inGrad[i] = Σ over active (i, o) of value · delta[o]: the gradient with respect to the layer's input. */
  static void inputGradient(int[] colStart, int[] row, float[] value, float[][] delta, float[][] inGrad, int batch) {
    for (float[] g : inGrad) {
      Arrays.fill(g, 0, batch, 0f);
    }
    for (int o = 0; o < delta.length; o++) {
      float[] d = delta[o];
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        float v = value[k];
        float[] g = inGrad[row[k]];
        for (int b = 0; b < batch; b++) {
          g[b] += v * d[b];
        }
      }
    }
  }

  /**
   * grad[k] = in[row[k]] · delta[o] (a dot product over the batch) for every active weight only,
   * and biasGrad[o] = Σ_b delta[o][b]. Four weights of a column share each load of delta[o], and
   * two partial sums per weight hide the floating-point add latency: C2 does not vectorise float
   * reductions, so this is the slowest of the three products.
   */
  static void weightGradient(int[] colStart, int[] row, float[][] in, float[][] delta, float[] grad, float[] biasGrad,
      int batch) {
    int even = batch & ~1;
    for (int o = 0; o < delta.length; o++) {
      float[] d = delta[o];
      float bg = 0;
      for (int b = 0; b < batch; b++) {
        bg += d[b];
      }
      biasGrad[o] = bg;
      int k = colStart[o];
      int end = colStart[o + 1];
      for (; k + 4 <= end; k += 4) {
        float[] x0 = in[row[k]];
        float[] x1 = in[row[k + 1]];
        float[] x2 = in[row[k + 2]];
        float[] x3 = in[row[k + 3]];
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (int b = 0; b < even; b += 2) {
          float d0 = d[b];
          float d1 = d[b + 1];
          a0 += x0[b] * d0;
          a1 += x1[b] * d0;
          a2 += x2[b] * d0;
          a3 += x3[b] * d0;
          c0 += x0[b + 1] * d1;
          c1 += x1[b + 1] * d1;
          c2 += x2[b + 1] * d1;
          c3 += x3[b + 1] * d1;
        }
        if (even < batch) {
          float dl = d[even];
          a0 += x0[even] * dl;
          a1 += x1[even] * dl;
          a2 += x2[even] * dl;
          a3 += x3[even] * dl;
        }
        grad[k] = a0 + c0;
        grad[k + 1] = a1 + c1;
        grad[k + 2] = a2 + c2;
        grad[k + 3] = a3 + c3;
      }
      for (; k < end; k++) {
        float[] x = in[row[k]];
        float s = 0;
        for (int b = 0; b < batch; b++) {
          s += x[b] * d[b];
        }
        grad[k] = s;
      }
    }
  }
}
