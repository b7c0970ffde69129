// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/** Kernel of the MMD penalty, on sigmoid probabilities, with length scale {@code l}. */
public enum Kernel {
  /** exp(-(p - q)^2 / l^2) (note l^2, not 2 sigma^2, as in TF Model Remediation). */
  GAUSSIAN,
  /** exp(-|p - q + 1e-8| / l); the 1e-8 keeps the derivative defined at p = q. */
  LAPLACIAN;

  /** Offset TF Model Remediation adds inside the Laplacian norm. */
  static final double LAPLACIAN_EPS = 1e-8;

  /** k(p, q). */
  public double value(double p, double q, double length) {
    return switch (this) {
      case GAUSSIAN -> {
        double d = p - q;
        yield Math.exp(-d * d / (length * length));
      }
      case LAPLACIAN -> Math.exp(-Math.abs(p - q + LAPLACIAN_EPS) / length);
    };
  }

  /** dk(p, q)/dp, given {@code k = k(p, q)}. */
  public double derivative(double p, double q, double length, double k) {
    return switch (this) {
      case GAUSSIAN -> -2 * (p - q) / (length * length) * k;
      case LAPLACIAN -> -Math.signum(p - q + LAPLACIAN_EPS) / length * k;
    };
  }
}
