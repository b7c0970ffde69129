// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** psi(x) = k(x, X) over the stored training rows X: the Nystroem extension's feature map. */
final class KernelFeatureMap implements FeatureMap {
  private static final long serialVersionUID = 1L;

  private final Kernel kernel;
  private final double[][] rows;

  KernelFeatureMap(Kernel kernel, double[][] rows) {
    this.kernel = kernel;
    this.rows = rows;
  }

  @Override
  public int dimension() {
    return rows.length;
  }

  @Override
  public double[] features(double[] x) {
    return kernel.row(x, rows);
  }
}
