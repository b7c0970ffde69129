// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.SplittableRandom;

/**
 * Random Fourier features phi(x) = sqrt(2/M) cos(W x + b) (Rahimi and Recht 2007): rows of W from
 * the kernel's spectral density (normal with variance 2 gamma for RBF, Cauchy with scale gamma for
 * Laplace), b uniform on [0, 2 pi). Then E[phi(x).phi(y)] = k(x, y).
 */
final class RandomFourierMap implements FeatureMap {
  private static final long serialVersionUID = 1L;

  private final double[][] w;
  private final double[] offset;
  private final double scale;

  private RandomFourierMap(double[][] w, double[] offset) {
    this.w = w;
    this.offset = offset;
    this.scale = Math.sqrt(2.0 / w.length);
  }

  static RandomFourierMap sample(Kernel kernel, int d, int m, SplittableRandom rng) {
    double[][] w = new double[m][d];
    double[] offset = new double[m];
    double sd = Math.sqrt(2 * kernel.gamma());
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < d; i++) {
        w[k][i] = switch (kernel.type()) {
          case RBF -> sd * rng.nextGaussian();
          case LAPLACE -> kernel.gamma() * Math.tan(Math.PI * (rng.nextDouble() - 0.5));
          default -> throw new IllegalArgumentException("random Fourier features need RBF or LAPLACE, got "
              + kernel.type());
        };
      }
      offset[k] = 2 * Math.PI * rng.nextDouble();
    }
    return new RandomFourierMap(w, offset);
  }

  @Override
  public int dimension() {
    return w.length;
  }

  @Override
  public double[] features(double[] x) {
    double[] phi = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      phi[k] = scale * Math.cos(Kernel.dot(w[k], x) + offset[k]);
    }
    return phi;
  }
}
