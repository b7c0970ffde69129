// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * exp(x) for x &lt;= 0, as used by the E-step (x = log rho_ij - max_j log rho_ij).
 *
 * <p>Below {@link #CUTOFF} the result is returned as 0: exp(-37) &lt; 2^-53, so adding it to a sum
 * that is at least 1 cannot change the sum, and the responsibility it would give is below 1e-16.
 * Above the cutoff: Cody-Waite reduction x = k ln 2 + r with |r| &lt;= ln(2)/2 and a degree-13
 * Taylor polynomial (truncation error &lt; 1e-17), relative error a few ulp, about three times
 * faster than {@link Math#exp} because independent calls overlap in the pipeline.
 */
final class FastExp {
  static final double CUTOFF = -37.0;
  private static final double INV_LN2 = 1.4426950408889634;
  private static final double LN2_HI = 0.6931471803691238; // 32 significant bits, so k * LN2_HI is exact
  private static final double LN2_LO = 1.9082149292705877e-10;
  private static final double[] POW2 = new double[64];

  static {
    for (int i = 0; i < POW2.length; i++) {
      POW2[i] = Math.scalb(1.0, -i);
    }
  }

  private FastExp() {}

  static double expNonPositive(double x) {
    if (!(x >= CUTOFF)) {
      return 0.0;
    }
    double kf = Math.rint(x * INV_LN2);
    double r = (x - kf * LN2_HI) - kf * LN2_LO;
    // Estrin's scheme keeps the dependency chains short
    double r2 = r * r;
    double r4 = r2 * r2;
    double r8 = r4 * r4;
    double p01 = 1.0 + r;
    double p23 = 1.0 / 2 + r * (1.0 / 6);
    double p45 = 1.0 / 24 + r * (1.0 / 120);
    double p67 = 1.0 / 720 + r * (1.0 / 5040);
    double p89 = 1.0 / 40320 + r * (1.0 / 362880);
    double p1011 = 1.0 / 3628800 + r * (1.0 / 39916800);
    double p1213 = 1.0 / 479001600 + r * (1.0 / 6227020800.0);
    double q0 = p01 + r2 * p23;
    double q1 = p45 + r2 * p67;
    double q2 = p89 + r2 * p1011;
    double lo = q0 + r4 * q1;
    double hi = q2 + r4 * p1213;
    return (lo + r8 * hi) * POW2[(int) -kf];
  }
  /**
   * x[p] = {@link #expNonPositive}(x[p]) for p &lt; n, bit for bit, for arguments already known to be
   * &gt;= {@link #CUTOFF} (the caller lists them). The reduction and the polynomial run as three
   * short element-wise loops, which C2 vectorises (one loop with the whole polynomial is too large
   * for it to unroll, and stays scalar); only the scaling by 2^k, a table look-up, is scalar.
   * r and k are scratch arrays of at least n elements.
   */
  static void expListed(double[] x, int n, double[] r, double[] k) {
    for (int p = 0; p < n; p++) {
      double kf = Math.rint(x[p] * INV_LN2);
      k[p] = kf;
      r[p] = (x[p] - kf * LN2_HI) - kf * LN2_LO;
    }
    // the terms of degree 0 to 7 into x, then those of degree 8 to 13 added as in expNonPositive
    for (int p = 0; p < n; p++) {
      double v = r[p];
      double r2 = v * v;
      double r4 = r2 * r2;
      double q0 = (1.0 + v) + r2 * (1.0 / 2 + v * (1.0 / 6));
      double q1 = (1.0 / 24 + v * (1.0 / 120)) + r2 * (1.0 / 720 + v * (1.0 / 5040));
      x[p] = q0 + r4 * q1;
    }
    for (int p = 0; p < n; p++) {
      double v = r[p];
      double r2 = v * v;
      double r4 = r2 * r2;
      double r8 = r4 * r4;
      double q2 = (1.0 / 40320 + v * (1.0 / 362880)) + r2 * (1.0 / 3628800 + v * (1.0 / 39916800));
      double hi = q2 + r4 * (1.0 / 479001600 + v * (1.0 / 6227020800.0));
      x[p] = x[p] + r8 * hi;
    }
    for (int p = 0; p < n; p++) {
      x[p] *= POW2[(int) -k[p]];
    }
  }
}
