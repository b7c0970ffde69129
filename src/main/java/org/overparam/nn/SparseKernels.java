package org.overparam.nn;

/**
 * The products of a sparse layer, in plain Java on float arrays: the one place where sparse
 * arithmetic is written by hand (ND4J 1.0.0-M2.1 has no sparse type, and a JNI call per non-zero
 * would cost more than the arithmetic).
 *
 * <p>Weights are in compressed sparse column form over the layer's [nIn, nOut] matrix: the active
 * weights of output column o are {@code value[k]} for k in [colStart[o], colStart[o + 1]), at
 * input rows {@code row[k]}, ascending; a row-wise index over the same values serves the input
 * gradient. Activations and their gradients are transposed, one array
 * of the batch's values per unit ({@code float[unit][batch]}), so that the inner loops run over the
 * batch with the same index in every array. C2 vectorises those loops (AVX2/AVX-512); with one flat
 * array and two offsets it does not, since it cannot rule out overlap, and runs 3x slower.
 */
final class SparseKernels {
  private SparseKernels() {}

  /**
   * out[o] = bias[o] + Σ_k value[k] · in[row[k]] over column o's active weights. Four weights per
   * pass over out[o] load and store it a quarter as often (the loop is bound by memory operations).
   */
  static void forward(int[] colStart, int[] row, float[] value, float[] bias, float[][] in, float[][] out, int batch) {
    for (int o = 0; o < out.length; o++) {
      float[] z = out[o];
      java.util.Arrays.fill(z, 0, batch, bias[o]);
      accumulate(colStart[o], colStart[o + 1], row, null, value, in, z, batch);
    }
  }

  /**
   * inGrad[i] = Σ over active (i, o) of value · delta[o]: the gradient with respect to the layer's
   * input, row by row through the compressed sparse rows ({@code rowStart}, output {@code rowCol},
   * position in the column order {@code rowPerm}), so each inGrad[i] is written once.
   */
  static void inputGradient(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, float[][] delta,
      float[][] inGrad, int batch) {
    for (int i = 0; i < inGrad.length; i++) {
      float[] g = inGrad[i];
      java.util.Arrays.fill(g, 0, batch, 0f);
      accumulate(rowStart[i], rowStart[i + 1], rowCol, rowPerm, value, delta, g, batch);
    }
  }

  /** acc += Σ_{t in [from, to)} value[perm[t]] · src[index[t]] (perm null: value[t]), four at a time. */
  private static void accumulate(int from, int to, int[] index, int[] perm, float[] value, float[][] src, float[] acc,
      int batch) {
    int t = from;
    for (; t + 4 <= to; t += 4) {
      float v0 = value[perm == null ? t : perm[t]];
      float v1 = value[perm == null ? t + 1 : perm[t + 1]];
      float v2 = value[perm == null ? t + 2 : perm[t + 2]];
      float v3 = value[perm == null ? t + 3 : perm[t + 3]];
      float[] x0 = src[index[t]];
      float[] x1 = src[index[t + 1]];
      float[] x2 = src[index[t + 2]];
      float[] x3 = src[index[t + 3]];
      for (int b = 0; b < batch; b++) {
        acc[b] += v0 * x0[b] + v1 * x1[b] + v2 * x2[b] + v3 * x3[b];
      }
    }
    for (; t < to; t++) {
      float v = value[perm == null ? t : perm[t]];
      float[] x = src[index[t]];
      for (int b = 0; b < batch; b++) {
        acc[b] += v * x[b];
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
