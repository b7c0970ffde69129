// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.util.Random;
import org.overparam.testing.Headers;
import weka.core.DenseInstance;
import weka.core.Instances;

/** Small synthetic classification tables for the SOP behaviour tests. */
final class SyntheticLabels {
  private SyntheticLabels() {}

  /**
   * {@code n} points in {@code d} dimensions from {@code classes} Gaussian blobs with unit spread,
   * centres {@code separation} apart along distinct axes; class i is instance i mod classes.
   */
  static Instances blobs(int n, int classes, int d, double separation, long seed) {
    Instances data = Headers.numericWithClass("blobs", d, classes, n);
    Random rng = new Random(seed);
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      double[] row = new double[d + 1];
      for (int j = 0; j < d; j++) {
        row[j] = rng.nextGaussian() + (j == c % d ? separation : 0);
      }
      row[d] = c;
      data.add(new DenseInstance(1.0, row));
    }
    return data;
  }
}
