// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.io.Serializable;

/**
 * The map x -> psi(x) whose inner product with a fitted weight vector gives a prediction: kernel
 * rows k(x, X) for the exact (Nystroem) basis, random features for the random-features basis.
 */
public interface FeatureMap extends Serializable {
  /** Length of psi(x). */
  int dimension();

  /** psi(x). */
  double[] features(double[] x);

  /** psi of every row. */
  default double[][] features(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = features(x[i]);
    }
    return out;
  }
}
