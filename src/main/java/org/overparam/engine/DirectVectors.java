// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.BlasThreads;

/**
 * BLAS level 1 on whole vectors (the dense engine's optimiser step), straight through OpenBLAS like
 * {@link DirectGemm}, split into {@link BlasThreads#productThreads} ranges on the {@link KernelPool}: under the
 * networks' leases OpenBLAS runs on one thread, so its own split does not happen. Elsewhere, and for vectors that
 * are not contiguous, ND4J's level 1 (the same OpenBLAS routines).
 */
final class DirectVectors {
  /** Below this many elements per range a call is not split: a range then takes about as long as handing it over. */
  static final long MIN_ELEMENTS_PER_PART = 1L << 18;
  /**
   * Ranges start on multiples of this many elements, so that every element but the vector's last few takes the same
   * path through OpenBLAS's vector kernels whatever the split (their blocks are 8 to 32 elements wide).
   */
  static final int PART_ALIGN = 64;

  private DirectVectors() {}

  /** y += a x. */
  static void axpy(double a, INDArray x, INDArray y) {
    int n = (int) y.length();
    if (!direct(x, y) || x.length() != n) {
      Nd4j.getBlasWrapper().level1().axpy(n, a, x, y);
      return;
    }
    split(n, (from, size) -> {
      if (y.dataType() == DataType.DOUBLE) {
        openblas_nolapack.cblas_daxpy(size, a, doubles(x, from), 1, doubles(y, from), 1);
      } else {
        openblas_nolapack.cblas_saxpy(size, (float) a, floats(x, from), 1, floats(y, from), 1);
      }
    });
    Reference.reachabilityFence(x);
    Reference.reachabilityFence(y);
  }

  /** x *= a. */
  static void scal(INDArray x, double a) {
    int n = (int) x.length();
    if (!direct(x, x)) {
      Nd4j.getBlasWrapper().level1().scal(n, a, x);
      return;
    }
    split(n, (from, size) -> {
      if (x.dataType() == DataType.DOUBLE) {
        openblas_nolapack.cblas_dscal(size, a, doubles(x, from), 1);
      } else {
        openblas_nolapack.cblas_sscal(size, (float) a, floats(x, from), 1);
      }
    });
    Reference.reachabilityFence(x);
  }

  private static boolean direct(INDArray x, INDArray y) {
    return DirectGemm.direct() && x.dataType() == y.dataType()
        && (y.dataType() == DataType.FLOAT || y.dataType() == DataType.DOUBLE)
        && contiguous(x) && contiguous(y);
  }

  private static boolean contiguous(INDArray v) {
    return v.isVectorOrScalar() && v.elementWiseStride() == 1 && v.length() <= v.data().length();
  }

  @FunctionalInterface
  private interface Part {
    void run(long from, int size);
  }

  private static void split(int n, Part part) {
    int threads = BlasThreads.productThreads();
    int parts = (int) Math.max(1, Math.min(threads, n / MIN_ELEMENTS_PER_PART));
    if (parts < 2) {
      part.run(0, n);
      return;
    }
    int[] cut = new int[parts + 1];
    for (int p = 1; p < parts; p++) {
      cut[p] = (int) ((long) n * p / parts / PART_ALIGN * PART_ALIGN);
    }
    cut[parts] = n;
    KernelPool.shared(threads).tasks(parts, p -> part.run(cut[p], cut[p + 1] - cut[p]));
  }

  private static FloatPointer floats(INDArray v, long from) {
    return new FloatPointer(v.data().addressPointer()).position(from);
  }

  private static DoublePointer doubles(INDArray v, long from) {
    return new DoublePointer(v.data().addressPointer()).position(from);
  }
}
