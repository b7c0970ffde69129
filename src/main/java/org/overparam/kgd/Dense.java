// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;

/** Dense double-precision products through ND4J's BLAS (the O(n^2 r) steps of training). */
final class Dense {
  private Dense() {}

  /** a b. */
  static double[][] multiply(double[][] a, double[][] b) {
    return Dl4jRuntime.callOpenBlasThreads(Dl4jRuntime.configuredThreads(), () -> {
      INDArray x = Nd4j.create(a);
      INDArray y = Nd4j.create(b);
      return x.mmul(y).toDoubleMatrix();
    });
  }

  /** a^T b. */
  static double[][] multiplyTransposeA(double[][] a, double[][] b) {
    return Dl4jRuntime.callOpenBlasThreads(Dl4jRuntime.configuredThreads(), () -> {
      INDArray x = Nd4j.create(a);
      INDArray y = Nd4j.create(b);
      return x.transpose().mmul(y).toDoubleMatrix();
    });
  }

  /** a b^T. */
  static double[][] multiplyTransposeB(double[][] a, double[][] b) {
    return Dl4jRuntime.callOpenBlasThreads(Dl4jRuntime.configuredThreads(), () -> {
      INDArray x = Nd4j.create(a);
      INDArray y = Nd4j.create(b);
      return x.mmul(y.transpose()).toDoubleMatrix();
    });
  }

  /** m^T v for a row-major m (n x r) and v (n): the r projections. */
  static double[] transposeTimes(double[][] m, double[] v) {
    int r = m.length == 0 ? 0 : m[0].length;
    double[] out = new double[r];
    for (int i = 0; i < m.length; i++) {
      double vi = v[i];
      double[] row = m[i];
      for (int j = 0; j < r; j++) {
        out[j] += row[j] * vi;
      }
    }
    return out;
  }
}
