// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

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
 *
 * <p>Where {@link NativeSparseKernels} loaded (Linux, x86-64 with AVX2 and FMA), the three entry points run its
 * native loops instead, for batches of {@link #NATIVE_MIN_BATCH} rows or more (a native call pins every row it
 * writes, and the operand is staged in a native block ({@link SharedOperand}), which a batch of a few rows, as the
 * stream learner's, does not repay); the {@code ...Java} methods are the portable kernels, and the reference the
 * native ones are tested against. The choice depends on the batch only, so every range of a product split among
 * threads runs the same code.
 */
final class SparseKernels {
  private SparseKernels() {}

  /** Whether the products run in native code (decided once, when the class loads). */
  static final boolean NATIVE = NativeSparseKernels.active();
  /** The smallest batch the native kernels take. */
  static final int NATIVE_MIN_BATCH = 8;

  /** Whether a product over a batch of this size runs in native code. */
  static boolean runsNative(int batch) {
    return NATIVE && batch >= NATIVE_MIN_BATCH;
  }

  /**
   * out[o] = bias[o] + Σ_k value[k] · in[row[k]] over column o's active weights. Four weights per
   * pass over out[o] load and store it a quarter as often (the loop is bound by memory operations).
   */
  static void forward(int[] colStart, int[] row, float[] value, float[] bias, SharedOperand in, float[][] out,
      int batch) {
    if (in.staged()) {
      NativeSparseKernels.forwardStaged(colStart, row, value, bias, in.block(), in.count(), out, batch);
    } else {
      forwardJava(colStart, row, value, bias, in.rows(), out, batch);
    }
  }

  static void forwardJava(int[] colStart, int[] row, float[] value, float[] bias, float[][] in, float[][] out,
      int batch) {
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
  static void inputGradient(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, SharedOperand delta,
      float[][] inGrad, int batch) {
    if (delta.staged()) {
      NativeSparseKernels.inputGradientStaged(rowStart, rowCol, rowPerm, value, delta.block(), delta.count(), inGrad,
          batch);
    } else {
      inputGradientJava(rowStart, rowCol, rowPerm, value, delta.rows(), inGrad, batch);
    }
  }

  static void inputGradientJava(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, float[][] delta,
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

  /** Whether the JIT turns Math.fma into one instruction (on a CPU without FMA it is a slow library call). */
  static final boolean HARDWARE_FMA = hardwareFma();

  private static boolean hardwareFma() {
    try {
      return Boolean.parseBoolean(java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * grad[k] = in[row[k]] · delta[o] (a dot product over the batch) for every active weight only,
   * and biasGrad[o] = Σ_b delta[o][b]. C2 does not vectorise float reductions, so this is the
   * slowest of the three products: eight weights of a column share each load of delta[o], as eight
   * independent sums, with fused multiply-adds where the CPU has them (1.4x faster than separate
   * multiplies and adds on the test machine). Behind a ReLU about half of delta[o] is zero (the unit
   * was off for those rows); where at least {@link #SKIP_ZEROS_BELOW} of it is zero, the sums run
   * over the nonzero rows only (1.6x faster at half zeros, slower with few).
   */
  static void weightGradient(int[] colStart, int[] row, SharedOperand in, float[][] delta, float[] grad,
      float[] biasGrad, int batch) {
    if (in.staged()) {
      NativeSparseKernels.weightGradientStaged(colStart, row, in.block(), in.count(), delta, grad, biasGrad, batch);
    } else {
      weightGradientJava(colStart, row, in.rows(), delta, grad, biasGrad, batch, HARDWARE_FMA);
    }
  }

  /** Use the compacted sums when fewer than this fraction of a column's deltas are nonzero. */
  static final double SKIP_ZEROS_BELOW = 0.6;

  static void weightGradientJava(int[] colStart, int[] row, float[][] in, float[][] delta, float[] grad,
      float[] biasGrad, int batch, boolean fma) {
    int[] at = new int[batch];
    float[] nonzero = new float[batch];
    for (int o = 0; o < delta.length; o++) {
      float[] d = delta[o];
      int k = colStart[o];
      int end = colStart[o + 1];
      float bg = 0;
      int c = batch;
      if (end - k >= 8) { // compaction costs a pass over the batch: worth it for a full block or more
        c = 0;
        for (int b = 0; b < batch; b++) { // branch-free compaction of the nonzero deltas
          float v = d[b];
          bg += v;
          at[c] = b;
          nonzero[c] = v;
          c += v != 0f ? 1 : 0;
        }
      } else {
        for (int b = 0; b < batch; b++) {
          bg += d[b];
        }
      }
      biasGrad[o] = bg;
      if (c < SKIP_ZEROS_BELOW * batch) {
        for (; k + 8 <= end; k += 8) {
          sparseDot8(in, row, k, at, nonzero, c, grad, fma);
        }
        for (; k < end; k++) {
          float[] x = in[row[k]];
          float sum = 0;
          for (int t = 0; t < c; t++) {
            sum += x[at[t]] * nonzero[t];
          }
          grad[k] = sum;
        }
        continue;
      }
      for (; k + 8 <= end; k += 8) {
        dot8(in, row, k, d, grad, batch, fma);
      }
      for (; k < end; k++) {
        float[] x = in[row[k]];
        float sum = 0;
        for (int b = 0; b < batch; b++) {
          sum += x[b] * d[b];
        }
        grad[k] = sum;
      }
    }
  }

  /** grad[k..k+7] = Σ_t in[row[k+i]][at[t]] · d[t]: eight dot products over the nonzero deltas only. */
  private static void sparseDot8(float[][] in, int[] row, int k, int[] at, float[] d, int c, float[] grad,
      boolean fma) {
    float[] x0 = in[row[k]];
    float[] x1 = in[row[k + 1]];
    float[] x2 = in[row[k + 2]];
    float[] x3 = in[row[k + 3]];
    float[] x4 = in[row[k + 4]];
    float[] x5 = in[row[k + 5]];
    float[] x6 = in[row[k + 6]];
    float[] x7 = in[row[k + 7]];
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (int t = 0; t < c; t++) {
      int b = at[t];
      float db = d[t];
      s0 = madd(x0[b], db, s0, fma);
      s1 = madd(x1[b], db, s1, fma);
      s2 = madd(x2[b], db, s2, fma);
      s3 = madd(x3[b], db, s3, fma);
      s4 = madd(x4[b], db, s4, fma);
      s5 = madd(x5[b], db, s5, fma);
      s6 = madd(x6[b], db, s6, fma);
      s7 = madd(x7[b], db, s7, fma);
    }
    grad[k] = s0;
    grad[k + 1] = s1;
    grad[k + 2] = s2;
    grad[k + 3] = s3;
    grad[k + 4] = s4;
    grad[k + 5] = s5;
    grad[k + 6] = s6;
    grad[k + 7] = s7;
  }

  /** grad[k..k+7] = in[row[k+i]] · d: eight dot products over the batch sharing each load of d. */
  private static void dot8(float[][] in, int[] row, int k, float[] d, float[] grad, int batch, boolean fma) {
    float[] x0 = in[row[k]];
    float[] x1 = in[row[k + 1]];
    float[] x2 = in[row[k + 2]];
    float[] x3 = in[row[k + 3]];
    float[] x4 = in[row[k + 4]];
    float[] x5 = in[row[k + 5]];
    float[] x6 = in[row[k + 6]];
    float[] x7 = in[row[k + 7]];
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (int b = 0; b < batch; b++) {
      float db = d[b];
      s0 = madd(x0[b], db, s0, fma);
      s1 = madd(x1[b], db, s1, fma);
      s2 = madd(x2[b], db, s2, fma);
      s3 = madd(x3[b], db, s3, fma);
      s4 = madd(x4[b], db, s4, fma);
      s5 = madd(x5[b], db, s5, fma);
      s6 = madd(x6[b], db, s6, fma);
      s7 = madd(x7[b], db, s7, fma);
    }
    grad[k] = s0;
    grad[k + 1] = s1;
    grad[k + 2] = s2;
    grad[k + 3] = s3;
    grad[k + 4] = s4;
    grad[k + 5] = s5;
    grad[k + 6] = s6;
    grad[k + 7] = s7;
  }

  /** c + a·b, fused (one rounding) when {@code fma}; the JIT unswitches loops on the constant flag. */
  private static float madd(float a, float b, float c, boolean fma) {
    return fma ? Math.fma(a, b, c) : c + a * b;
  }
}
