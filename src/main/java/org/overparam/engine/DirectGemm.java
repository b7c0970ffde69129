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
import org.overparam.nd4j.BlasThreads;
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

  /** Below this many multiply-adds per part a product is not split: handing a part over costs microseconds. */
  static final long MIN_MACS_PER_PART = 1L << 21;
  /** Parts start on multiples of this many rows or columns, the width of OpenBLAS's x86 tiles or a multiple. */
  static final int PART_ALIGN = 16;

  /**
   * Into how many parts a column-major m x n product with k summed is split: {@link BlasThreads#productThreads},
   * fewer where a part would hold under {@link #MIN_MACS_PER_PART} multiply-adds or {@link #PART_ALIGN} rows.
   */
  static int parts(int m, int n, int k, int threads) {
    long parts = Math.min(threads, (long) m * n * k / MIN_MACS_PER_PART);
    return (int) Math.max(1, Math.min(parts, Math.max(m, n) / PART_ALIGN));
  }

  /**
   * The product, split when {@link #parts} says so along the larger of C's two dimensions (rows on a tie go to
   * columns): each part is a whole product of its own (every sum over k whole), a one-thread OpenBLAS call on the
   * package's {@link KernelPool}. The parts depend on the shape and the lease's count only, so the bits do too.
   * On a 2-core AMD EPYC (W2's shapes at batch 128) the split gave the forward products 1.57-1.85x over one thread
   * and the weight gradients 1.19-1.64x, where OpenBLAS's own two threads gave 1.63-1.73x and 1.07-1.38x.
   */
  private static void call(boolean tA, boolean tB, int m, int n, int k, double alpha, Mat a, Mat b, double beta,
      Mat c) {
    int threads = BlasThreads.productThreads();
    int parts = parts(m, n, k, threads);
    if (parts < 2) {
      blas(tA, tB, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
      return;
    }
    boolean byRows = m > n;
    int[] cut = new int[parts + 1];
    int extent = byRows ? m : n;
    for (int p = 1; p < parts; p++) {
      cut[p] = (int) Math.round((double) extent * p / parts / PART_ALIGN) * PART_ALIGN;
    }
    cut[parts] = extent;
    KernelPool.shared(threads).tasks(parts, p -> {
      int from = cut[p];
      int size = cut[p + 1] - from;
      if (byRows) { // op(A)'s rows: A's columns when transposed
        blas(tA, tB, size, n, k, alpha, a, tA ? (long) from * a.ld() : from, b, 0, beta, c, from);
      } else { // op(B)'s columns: B's rows when transposed
        blas(tA, tB, m, size, k, alpha, a, 0, b, tB ? from : (long) from * b.ld(), beta, c, (long) from * c.ld());
      }
    });
  }

  /** One OpenBLAS call; the offsets count elements from each matrix's first. */
  private static void blas(boolean tA, boolean tB, int m, int n, int k, double alpha, Mat a, long aOffset, Mat b,
      long bOffset, double beta, Mat c, long cOffset) {
    int opA = tA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int opB = tB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    if (c.data() instanceof DoublePointer cd) {
      openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, alpha,
          at(a.data(), aOffset), a.ld(), at(b.data(), bOffset), b.ld(), beta, at(cd, cOffset), c.ld());
    } else {
      openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, opA, opB, m, n, k, (float) alpha,
          at((FloatPointer) a.data(), aOffset), a.ld(), at((FloatPointer) b.data(), bOffset), b.ld(), (float) beta,
          at((FloatPointer) c.data(), cOffset), c.ld());
    }
  }

  private static DoublePointer at(Pointer p, long offset) {
    return offset == 0 ? (DoublePointer) p : new DoublePointer(p).position(offset);
  }

  private static FloatPointer at(FloatPointer p, long offset) {
    return offset == 0 ? p : new FloatPointer(p).position(offset);
  }
}
