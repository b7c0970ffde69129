// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.SplittableRandom;

/**
 * Starting parameters: means from k-means++, random rows or the user; covariances from the whole
 * data (pooled covariance for FULL, per-attribute variances for DIAG and SPHERICAL, sigma0^2 for
 * IDENTITY) plus reg-covar; weights uniform or as given; category probabilities from the whole-data
 * frequencies smoothed by the nominal prior.
 */
final class Initialiser {
  private Initialiser() {}

  static MixtureParams initial(GmmConfig cfg, int k, MixtureData data, DataSummary s, SplittableRandom rng) {
    int d = data.d;
    MixtureParams p = new MixtureParams(cfg.covariance(), k, d, data.numCategories);
    double[] w = cfg.weights();
    for (int j = 0; j < k; j++) {
      p.weights[j] = w.length == k ? w[j] : 1.0 / k;
    }
    double[][] means = switch (cfg.initialisation()) {
      case USER -> userMeans(cfg, k, d);
      case RANDOM_DATA_POINTS -> rowsToMeans(data, s, randomRows(data, k, rng));
      case K_MEANS_PLUS_PLUS -> rowsToMeans(data, s, kMeansPlusPlus(data, k, rng));
    };
    for (int j = 0; j < k; j++) {
      System.arraycopy(means[j], 0, p.means, j * d, d);
    }
    double[] reg = cfg.regularisation(s.var);
    for (int j = 0; j < k; j++) {
      switch (cfg.covariance()) {
        case IDENTITY -> fill(p.var, j, d, cfg.fixedStd() * cfg.fixedStd());
        case DIAG -> {
          for (int a = 0; a < d; a++) {
            p.var[j * d + a] = s.var[a] + reg[a];
          }
        }
        case SPHERICAL -> {
          double m = 0;
          for (int a = 0; a < d; a++) {
            m += s.var[a] + reg[a];
          }
          fill(p.var, j, d, m / d);
        }
        case FULL, TIED -> {
          System.arraycopy(s.cov, 0, p.cov, j * d * d, d * d);
          for (int a = 0; a < d; a++) {
            p.cov[j * d * d + a * d + a] += reg[a];
          }
        }
        default -> throw new AssertionError(cfg.covariance());
      }
      if (cfg.initVariances() != null && cfg.covariance() != CovarianceType.IDENTITY) {
        userVariances(p, cfg.initVariances()[j], j, d);
      }
      for (int a = 0; a < p.numCategories.length; a++) {
        int off = j * p.totalCategories + p.catOffset[a];
        int nc = p.numCategories[a];
        for (int v = 0; v < nc; v++) {
          p.catProb[off + v] = (s.catCount[p.catOffset[a] + v] + cfg.nominalPrior())
              / (s.catTotal[a] + nc * cfg.nominalPrior());
        }
      }
    }
    return p;
  }

  /** Row of 1 or d starting variances for component j: the diagonal of its covariance. */
  private static void userVariances(MixtureParams p, double[] row, int j, int d) {
    if (row.length != 1 && row.length != d) {
      throw new IllegalArgumentException("-init-variances rows need 1 or " + d + " values, got " + row.length);
    }
    if (p.type == CovarianceType.SPHERICAL && row.length != 1) {
      throw new IllegalArgumentException("-init-variances rows need a single value for SPHERICAL covariances");
    }
    for (int a = 0; a < d; a++) {
      double v = row.length == 1 ? row[0] : row[a];
      if (p.var != null) {
        p.var[j * d + a] = v;
      } else {
        for (int b = 0; b < d; b++) {
          p.cov[j * d * d + a * d + b] = a == b ? v : 0;
        }
      }
    }
  }

  private static void fill(double[] var, int j, int d, double v) {
    for (int a = 0; a < d; a++) {
      var[j * d + a] = v;
    }
  }

  private static double[][] userMeans(GmmConfig cfg, int k, int d) {
    double[][] m = cfg.initMeans();
    if (m.length != k) {
      throw new IllegalArgumentException("-init-means has " + m.length + " rows, expected " + k);
    }
    for (double[] row : m) {
      if (row.length != d) {
        throw new IllegalArgumentException("-init-means rows have " + row.length + " values but the data has "
            + d + " numeric attributes");
      }
    }
    return m;
  }

  /** The chosen rows as means; a missing value becomes the attribute's mean. */
  private static double[][] rowsToMeans(MixtureData data, DataSummary s, int[] rows) {
    int d = data.d;
    double[][] m = new double[rows.length][d];
    for (int j = 0; j < rows.length; j++) {
      for (int a = 0; a < d; a++) {
        double v = data.x[rows[j] * d + a];
        m[j][a] = Double.isNaN(v) ? s.mean[a] : v;
      }
    }
    return m;
  }

  /** k distinct rows with positive weight, uniformly (partial Fisher-Yates). */
  static int[] randomRows(MixtureData data, int k, SplittableRandom rng) {
    int[] pos = positiveRows(data);
    for (int j = 0; j < k; j++) {
      int r = j + rng.nextInt(pos.length - j);
      int t = pos[j];
      pos[j] = pos[r];
      pos[r] = t;
    }
    return java.util.Arrays.copyOf(pos, k);
  }

  private static int[] positiveRows(MixtureData data) {
    int[] pos = new int[data.numPositiveRows()];
    int c = 0;
    for (int i = 0; i < data.n; i++) {
      if (data.w[i] > 0) {
        pos[c++] = i;
      }
    }
    return pos;
  }

  /**
   * k-means++ seeding: each next centre is a row drawn with probability proportional to its weight
   * times its squared distance (over observed attributes) to the nearest centre so far.
   */
  static int[] kMeansPlusPlus(MixtureData data, int k, SplittableRandom rng) {
    int n = data.n;
    int d = data.d;
    int[] centres = new int[k];
    double[] dist = new double[n];
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    centres[0] = draw(data.w, null, rng);
    for (int j = 1; j < k; j++) {
      int c = centres[j - 1];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int a = 0; a < d; a++) {
          double t = data.x[i * d + a] - data.x[c * d + a];
          if (t == t) {
            s += t * t;
          }
        }
        if (s < dist[i]) {
          dist[i] = s;
        }
      }
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        score[i] = data.w[i] * dist[i];
      }
      // all remaining rows coincide with a centre: fall back to a weighted draw among unused rows
      int next = draw(score, null, rng);
      if (next < 0) {
        boolean[] used = new boolean[n];
        for (int t = 0; t < j; t++) {
          used[centres[t]] = true;
        }
        next = draw(data.w, used, rng);
        if (next < 0) {
          next = centres[j - 1];
        }
      }
      centres[j] = next;
    }
    return centres;
  }

  /** Index drawn with probability proportional to score (skipping excluded rows); -1 if all are 0. */
  private static int draw(double[] score, boolean[] excluded, SplittableRandom rng) {
    double total = 0;
    for (int i = 0; i < score.length; i++) {
      if (excluded == null || !excluded[i]) {
        total += score[i];
      }
    }
    if (!(total > 0)) {
      return -1;
    }
    double u = rng.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < score.length; i++) {
      if ((excluded != null && excluded[i]) || score[i] <= 0) {
        continue;
      }
      last = i;
      u -= score[i];
      if (u < 0) {
        return i;
      }
    }
    return last;
  }
}
