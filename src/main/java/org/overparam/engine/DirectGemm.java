// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * C = α·op(A)·op(B) + β·C straight through OpenBLAS's {@code cblas_?gemm} on the arrays' own
 * buffers. ND4J's {@code Nd4j.gemm} runs the same OpenBLAS routine but wraps every call in a custom
 * op (graph context, shape checks, JavaCPP pointer accounting), which at the sizes Weka users train
 * costs as much as the arithmetic. The CPU backend only; on any other backend this falls back to
 * {@code Nd4j.gemm}.
 */
final class DirectGemm {
  private static final boolean CPU = detectCpu();

  private DirectGemm() {}

  private static boolean detectCpu() {
    try {
      if (!Dl4jRuntime.cpuBackend()) {
        return false;
      }
      org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Whether calls go straight to OpenBLAS (else through ND4J). */
  static boolean direct() {
    return CPU && Routes.cpuShortcuts();
  }

  /** A 2-D array as BLAS sees it: its buffer address, and whether it is stored column by column. */
  private record Mat(Pointer data, boolean colMajor, int rows, int cols, int ld) {
    static Mat of(INDArray a) {
      int rows = (int) a.size(0);
      int cols = (int) a.size(1);
      boolean colMajor = a.stride(0) == 1 && (cols == 1 || a.stride(1) >= rows) || rows == 1 && a.stride(1) != 1;
      int ld = colMajor ? Math.max(1, Math.max(a.stride(1), rows)) : Math.max(1, Math.max(a.stride(0), cols));
      requireWithinBuffer(a, colMajor, rows, cols, ld);
      Pointer base = a.data().addressPointer(); // a view's buffer already starts at the view's offset
      Pointer p = a.dataType() == DataType.DOUBLE ? new DoublePointer(base) : new FloatPointer(base);
      return new Mat(p, colMajor, rows, cols, ld);
    }
  }

  /**
   * BLAS reads (and for C writes) element (i, j) at i + j·ld (column-major) or i·ld + j (row-major)
   * from the buffer's start: that needs unit steps along the minor dimension and every position
   * inside the buffer, else a raw access would land outside the array or past its native memory.
   */
  private static void requireWithinBuffer(INDArray a, boolean colMajor, int rows, int cols, int ld) {
    int inner = colMajor ? rows : cols;
    int outer = colMajor ? cols : rows;
    long minorStride = colMajor ? a.stride(0) : a.stride(1);
    long extent = outer == 0 || inner == 0 ? 0 : (long) ld * (outer - 1) + inner;
    if (inner > 1 && minorStride != 1 || extent > a.data().length()) {
      throw new IllegalArgumentException("gemm needs a dense matrix with unit minor stride inside its buffer, got "
          + a.shapeInfoToString() + " on a buffer of " + a.data().length());
    }
  }

  static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    if (!direct() || a.dataType() != c.dataType() || b.dataType() != c.dataType()
        || (c.dataType() != DataType.FLOAT && c.dataType() != DataType.DOUBLE)) {
      Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
      return;
    }
    Mat ma = Mat.of(a);
    Mat mb = Mat.of(b);
    Mat mc = Mat.of(c);
    int m = mc.rows();
    int n = mc.cols();
    int k = transA ? ma.rows() : ma.cols();
    // BLAS trusts the sizes it is given: a mismatch would read or write past a native buffer.
    if ((transA ? ma.cols() : ma.rows()) != m || (transB ? mb.rows() : mb.cols()) != n
        || (transB ? mb.cols() : mb.rows()) != k) {
      throw new IllegalArgumentException("gemm shapes do not agree: A " + a.shapeInfoToString() + ", B "
          + b.shapeInfoToString() + ", C " + c.shapeInfoToString());
    }
    if (mc.colMajor()) {
      // column-major C = op(A) op(B): a row-major operand is its own transpose in column-major terms
      call(transA ^ !ma.colMajor(), transB ^ !mb.colMajor(), m, n, k, alpha, ma, mb, beta, mc);
    } else {
      // row-major C is column-major Cᵀ = op(B)ᵀ op(A)ᵀ
      call(transB ^ mb.colMajor(), transA ^ ma.colMajor(), n, m, k, alpha, mb, ma, beta, mc);
    }
    // The raw pointers do not keep the arrays alive: their native memory must outlive the call.
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
    Reference.reachabilityFence(c);
  }

  private static void call(boolean tA, boolean tB, int m, int n, int k, double alpha, Mat a, Mat b, double beta,
      Mat c) {
    int opA = tA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int opB = tB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    if (c.data() instanceof DoublePointer cd) {
      openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, alpha, (DoublePointer) a.data(),
          a.ld(), (DoublePointer) b.data(), b.ld(), beta, cd, c.ld());
    } else {
      openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, (float) alpha,
          (FloatPointer) a.data(), a.ld(), (FloatPointer) b.data(), b.ld(), (float) beta, (FloatPointer) c.data(), c.ld());
    }
  }
}
