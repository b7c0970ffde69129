// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * The M-step: new parameters from the sufficient statistics of an E-step.
 *
 * <p>N_j gets 10 ulp(1) extra mass as in scikit-learn, so an empty component never divides by zero.
 * A component whose mass falls to at most {@link #EMPTY_FRACTION} of the total weight is
 * <em>empty</em>: it keeps its previous mean, variances and category probabilities (instead of
 * collapsing onto the origin) and only its weight is re-estimated; the trainer reports it.
 */
final class MStep {
  static final double EXTRA_MASS = 10 * Math.ulp(1.0);
  static final double EMPTY_FRACTION = 1e-12;

  private MStep() {}

  /**
   * @param empty receives true for every empty component
   */
  static MixtureParams apply(MixtureParams old, SufficientStats st, MixingWeights mode, double[] reg,
      double nominalPrior, double totalWeight, boolean[] empty) {
    int k = old.k;
    int d = old.d;
    MixtureParams p = old.copy();
    double sumN = 0;
    for (int j = 0; j < k; j++) {
      sumN += st.nk[j] + EXTRA_MASS;
    }
    for (int j = 0; j < k; j++) {
      double nj = st.nk[j] + EXTRA_MASS;
      if (mode == MixingWeights.ESTIMATED) {
        p.weights[j] = nj / sumN;
      }
      empty[j] = st.nk[j] <= EMPTY_FRACTION * totalWeight;
      if (empty[j]) {
        continue;
      }
      int jo = j * d;
      double inv = 1.0 / nj;
      for (int a = 0; a < d; a++) {
        p.means[jo + a] = old.means[jo + a] + st.s1[jo + a] * inv;
      }
      switch (old.type) {
        case IDENTITY -> { }
        case DIAG -> {
          for (int a = 0; a < d; a++) {
            p.var[jo + a] = centredVariance(st, jo + a, jo + a, inv) + reg[a];
          }
        }
        case SPHERICAL -> {
          double s = 0;
          for (int a = 0; a < d; a++) {
            s += centredVariance(st, jo + a, jo + a, inv) + reg[a];
          }
          double v = s / d;
          for (int a = 0; a < d; a++) {
            p.var[jo + a] = v;
          }
        }
        case FULL, TIED -> {
          boolean full = old.type == CovarianceType.FULL; // TIED adds it once, to the pooled matrix
          int base = j * d * d;
          for (int a = 0; a < d; a++) {
            double ma = st.s1[jo + a] * inv;
            for (int b = 0; b < a; b++) {
              double c = st.s2[base + a * d + b] * inv - ma * (st.s1[jo + b] * inv);
              p.cov[base + a * d + b] = c;
              p.cov[base + b * d + a] = c;
            }
            p.cov[base + a * d + a] = Math.max(st.s2[base + a * d + a] * inv - ma * ma, 0) + (full ? reg[a] : 0);
          }
        }
        default -> throw new AssertionError(old.type);
      }
      categories(p, st, j, nominalPrior);
    }
    if (old.type == CovarianceType.TIED) {
      pool(p, st, empty, reg);
    }
    return p;
  }

  /**
   * TIED: the shared covariance sum_j N_j Sigma_j / sum_j N_j over the non-empty components (their
   * own scatter about their new means), plus reg-covar, copied to every component.
   */
  private static void pool(MixtureParams p, SufficientStats st, boolean[] empty, double[] reg) {
    int d = p.d;
    double[] pooled = new double[d * d];
    double total = 0;
    for (int j = 0; j < p.k; j++) {
      if (empty[j]) {
        continue;
      }
      double nj = st.nk[j] + EXTRA_MASS;
      total += nj;
      for (int i = 0; i < d * d; i++) {
        pooled[i] += nj * p.cov[j * d * d + i];
      }
    }
    if (total == 0) {
      return; // every component empty: keep the previous covariance
    }
    for (int i = 0; i < d * d; i++) {
      pooled[i] /= total;
    }
    for (int a = 0; a < d; a++) {
      pooled[a * d + a] += reg[a];
    }
    for (int j = 0; j < p.k; j++) {
      System.arraycopy(pooled, 0, p.cov, j * d * d, d * d);
    }
  }

  /**
   * Variance about the new mean from moments about the old one: s2/N - (s1/N)^2, clamped at 0
   * because rounding can push a collapsed component's value slightly below.
   */
  private static double centredVariance(SufficientStats st, int i1, int i2, double inv) {
    double m = st.s1[i1] * inv;
    return Math.max(st.s2[i2] * inv - m * m, 0);
  }

  private static void categories(MixtureParams p, SufficientStats st, int j, double prior) {
    int t = p.totalCategories;
    for (int a = 0; a < p.numCategories.length; a++) {
      int off = j * t + p.catOffset[a];
      double sum = 0;
      for (int v = 0; v < p.numCategories[a]; v++) {
        sum += st.cc[off + v] + prior;
      }
      for (int v = 0; v < p.numCategories[a]; v++) {
        p.catProb[off + v] = (st.cc[off + v] + prior) / sum;
      }
    }
  }
}
