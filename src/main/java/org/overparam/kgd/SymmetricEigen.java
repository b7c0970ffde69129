// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.bytedeco.openblas.global.openblas;
import org.overparam.common.Abandonable;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nd4j.OpenBlasCore;

/** Eigendecomposition of a symmetric matrix, truncated to its leading components. */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * @param values kept eigenvalues, descending, all > 0
   * @param vectors n x r, column j the unit eigenvector of values[j]
   */
  record Decomposition(double[] values, double[][] vectors) {
    int rank() {
      return values.length;
    }
  }

  /**
   * Keeps the components with eigenvalue above {@code eigTol} times the largest, at most
   * {@code rank} of them when rank > 0.
   */
  static Decomposition decompose(double[][] matrix, EigenSolver solver, int rank, double eigTol)
      throws InterruptedException {
    // O(n^3) in one library call that cannot poll for interrupts (52 s at n = 4,000).
    return Abandonable.call("eigendecomposition", () -> switch (solver) {
      case COMMONS_MATH -> commonsMath(matrix, rank, eigTol);
      case ND4J -> nd4j(matrix, rank, eigTol);
    });
  }

  private static Decomposition commonsMath(double[][] matrix, int rank, double eigTol) {
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
    RealMatrix v = eig.getV();
    return truncate(eig.getRealEigenvalues(), rank, eigTol, matrix.length, v::getEntry);
  }

  /**
   * LAPACK through the OpenBLAS that ND4J loads: divide and conquer ({@code dsyevd}) for the whole
   * spectrum, about 9 times faster than ND4J's {@code dsyev} at n = 4,000; the relatively robust
   * representations ({@code dsyevr}) for only the leading {@code rank} pairs.
   */
  private static Decomposition nd4j(double[][] matrix, int rank, double eigTol) {
    return Dl4jRuntime.callOpenBlasThreads(Dl4jRuntime.configuredThreads(), () -> {
      int n = matrix.length;
      double[] a = new double[n * n]; // row-major; symmetric, so the layout is a formality
      for (int i = 0; i < n; i++) {
        System.arraycopy(matrix[i], 0, a, i * n, n);
      }
      double[] values = new double[n];
      double[] vectors;
      int columns;
      int info;
      if (rank > 0 && rank < n) {
        columns = rank;
        vectors = new double[n * rank];
        int[] found = new int[1];
        info = openblas.LAPACKE_dsyevr(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'I', (byte) 'U', n, a, n, 0, 0,
            n - rank + 1, n, 0, found, values, vectors, rank, new int[2 * rank]);
        values = Arrays.copyOf(values, found[0]);
      } else {
        columns = n;
        vectors = a; // dsyevd overwrites the matrix with the eigenvectors, one per column
        info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, a, n, values);
      }
      if (info != 0) {
        throw new ArithmeticException("the LAPACK eigendecomposition failed (info " + info
            + "); choose -eigen-solver COMMONS_MATH");
      }
      double[] v = vectors;
      int cols = columns;
      Decomposition d = truncate(values, rank, eigTol, n, (i, column) -> v[i * cols + column]);
      checkResiduals(matrix, d);
      return d;
    });
  }

  /** Largest relative residual ‖A v − λ v‖ / λ_max accepted for a probed eigenpair (double precision). */
  static final double MAX_RESIDUAL = 1e-8;

  /**
   * Probes up to five kept eigenpairs (first, last and between) for ‖A v − λ v‖ / λ_max, at O(n²) each.
   * OpenBLAS 0.3.19 (ND4J's own) with {@code OPENBLAS_CORETYPE=SkylakeX} returned wrong eigenvectors for
   * n ≥ 150 on an AVX-512 AMD EPYC (residuals near 1); a wrong basis must fail, not fit garbage.
   *
   * @throws ArithmeticException naming the residual and what to change
   */
  static void checkResiduals(double[][] matrix, Decomposition d) {
    int n = matrix.length;
    int r = d.rank();
    double top = d.values()[0];
    int probes = Math.min(5, r);
    for (int p = 0; p < probes; p++) {
      int j = probes == 1 ? 0 : (int) ((long) p * (r - 1) / (probes - 1));
      double lambda = d.values()[j];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int q = 0; q < n; q++) {
          av += matrix[i][q] * d.vectors()[q][j];
        }
        double e = av - lambda * d.vectors()[i][j];
        sum += e * e;
      }
      double residual = Math.sqrt(sum) / top;
      if (!(residual <= MAX_RESIDUAL)) {
        throw new ArithmeticException(String.format("the eigendecomposition is inaccurate (relative residual %.2e "
            + "for component %d): the BLAS kernels in use gave wrong results (OpenBLAS kernels %s). Set "
            + "OPENBLAS_CORETYPE to other kernels (e.g. Haswell), or choose -eigen-solver COMMONS_MATH", residual,
            j + 1, OpenBlasCore.describe()));
      }
    }
  }

  /** Entry (i, column) of a solver's eigenvector matrix, eigenvectors as columns. */
  private interface VectorEntry {
    double at(int i, int column);
  }

  /** The kept components of eigenvalues {@code all} (any order), descending, with their eigenvectors. */
  private static Decomposition truncate(double[] all, int rank, double eigTol, int n, VectorEntry vector) {
    Integer[] order = descending(all);
    int r = keptCount(all, order, rank, eigTol);
    double[] values = new double[r];
    double[][] vectors = new double[n][r];
    for (int j = 0; j < r; j++) {
      values[j] = all[order[j]];
      for (int i = 0; i < n; i++) {
        vectors[i][j] = vector.at(i, order[j]);
      }
    }
    return new Decomposition(values, vectors);
  }

  private static Integer[] descending(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
    return order;
  }

  private static int keptCount(double[] values, Integer[] order, int rank, double eigTol) {
    double top = values[order[0]];
    if (!(top > 0)) {
      throw new IllegalArgumentException("the kernel matrix has no positive eigenvalue (largest "
          + top + "); check the kernel and its gamma");
    }
    int limit = rank > 0 ? Math.min(rank, order.length) : order.length;
    int r = 0;
    while (r < limit && values[order[r]] > eigTol * top && values[order[r]] > 0) {
      r++;
    }
    return r;
  }
}
