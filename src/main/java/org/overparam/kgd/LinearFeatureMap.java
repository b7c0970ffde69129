// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

/** psi(x) = x: the exact feature map of the linear kernel (used in the random-features mode). */
final class LinearFeatureMap implements FeatureMap {
  private static final long serialVersionUID = 1L;

  private final int d;

  LinearFeatureMap(int d) {
    this.d = d;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public double[] features(double[] x) {
    return x.clone();
  }
}
