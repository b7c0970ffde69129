// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Conditional Gaussian moments of a 2-D component, checked against the closed form. */
class MissingFullTest {
  @Test
  void conditionalMomentsOfTheMissingAttribute() {
    MixtureParams p = new MixtureParams(CovarianceType.FULL, 1, 2, new int[0]);
    p.weights[0] = 1;
    p.means[0] = 1.0;
    p.means[1] = -2.0;
    double s00 = 2.0;
    double s01 = 0.6;
    double s11 = 1.5;
    p.cov[0] = s00;
    p.cov[1] = s01;
    p.cov[2] = s01;
    p.cov[3] = s11;
    double[] x = {2.5, Double.NaN};
    double[] diff = new double[2];
    double[] cond = new double[4];
    double logDensity = MissingFull.conditional(p, 0, x, 0, diff, 0, cond);
    assertEquals(-0.5 * (Math.log(2 * Math.PI * s00) + 1.5 * 1.5 / s00), logDensity, 1e-14);
    assertEquals(1.5, diff[0], 0.0);
    assertEquals(s01 / s00 * 1.5, diff[1], 1e-14);
    assertEquals(s11 - s01 * s01 / s00, cond[3], 1e-14);
    assertEquals(0.0, cond[0], 0.0);
    // a complete row: the full density of the component
    double[] full = new double[1];
    new ComponentDensities(p).logDensities(new double[] {2.5, -1.0}, 0, false, new int[0], 0, full, new double[2],
        new double[2]);
    assertEquals(full[0], MissingFull.logMarginal(p, 0, new double[] {2.5, -1.0}, 0), 1e-13);
  }
}
