// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.io.Serializable;
import org.overparam.common.Checks;

/**
 * A concrete kernel function k(x, y) with its parameters resolved (gamma already made explicit).
 *
 * @param type the kernel family
 * @param gamma scale parameter (> 0; ignored for {@link KernelType#LINEAR})
 * @param degree polynomial degree (>= 1; only for {@link KernelType#POLYNOMIAL})
 */
public record Kernel(KernelType type, double gamma, int degree) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Kernel {
    Checks.require(type != null, "kernel must not be null");
    if (type.usesGamma()) {
      Checks.positive("kernel-gamma", gamma);
    }
    Checks.positive("kernel-degree", degree);
  }

  /** k(x, y). */
  public double value(double[] x, double[] y) {
    return switch (type) {
      case RBF -> Math.exp(-gamma * squaredDistance(x, y));
      case LAPLACE -> Math.exp(-gamma * l1Distance(x, y));
      case POLYNOMIAL -> Math.pow(gamma * dot(x, y) + 1.0, degree);
      case LINEAR -> dot(x, y);
    };
  }

  /** The symmetric Gram matrix K_ik = k(x_i, x_k). */
  public double[][] gram(double[][] x) {
    int n = x.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = value(x[i], x[j]);
        k[i][j] = v;
        k[j][i] = v;
      }
    }
    return k;
  }

  /** The cross matrix C_ik = k(a_i, b_k). */
  public double[][] cross(double[][] a, double[][] b) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = row(a[i], b);
    }
    return c;
  }

  /** The row k(x, b_k) over all k. */
  public double[] row(double[] x, double[][] b) {
    double[] r = new double[b.length];
    for (int k = 0; k < b.length; k++) {
      r[k] = value(x, b[k]);
    }
    return r;
  }

  @Override
  public String toString() {
    return switch (type) {
      case RBF, LAPLACE -> type + " (gamma = " + sixDigits(gamma) + ")";
      case POLYNOMIAL -> "POLYNOMIAL (gamma = " + sixDigits(gamma) + ", degree = " + degree + ")";
      case LINEAR -> "LINEAR";
    };
  }

  /** Six significant digits, trailing zeros dropped: 1/6 as 0.166667, not 0.16666666666666666; 0.5 as 0.5. */
  static String sixDigits(double v) {
    return Double.toString(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v)));
  }

  static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  private static double squaredDistance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return s;
  }

  private static double l1Distance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.abs(x[i] - y[i]);
    }
    return s;
  }
}
