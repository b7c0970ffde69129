// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * Weighted whole-data statistics used for initialisation, for filling missing values under full
 * covariances, and for spotting collapsed components: per-attribute means and variances over the
 * observed values, the pooled covariance matrix (over complete rows), and category frequencies.
 */
final class DataSummary {
  final double[] mean;
  final double[] var;
  /** d*d pooled covariance over complete rows (missing values filled by the mean); null when not asked for. */
  final double[] cov;
  /** Category counts (weighted) per nominal attribute, laid out as in {@link MixtureParams}. */
  final double[] catCount;
  final double[] catTotal;

  /** Numeric-only statistics computed elsewhere (e.g. reduced over partitions). */
  DataSummary(double[] mean, double[] var, double[] cov) {
    this.mean = mean;
    this.var = var;
    this.cov = cov;
    this.catCount = new double[0];
    this.catTotal = new double[0];
  }

  /**
   * @param withCovariance whether to compute the pooled covariance (only FULL and TIED start from it: for the
   *     diagonal family its d x d matrix would be the largest object of a fit on wide data)
   */
  DataSummary(MixtureData data, int[] catOffset, int totalCategories, boolean withCovariance) {
    int d = data.d;
    mean = new double[d];
    var = new double[d];
    double[] wsum = new double[d];
    for (int i = 0; i < data.n; i++) {
      for (int a = 0; a < d; a++) {
        double v = data.x[i * d + a];
        if (!Double.isNaN(v)) {
          mean[a] += data.w[i] * v;
          wsum[a] += data.w[i];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      // an attribute with no observed value gets mean 0; it then carries no information
      mean[a] = wsum[a] > 0 ? mean[a] / wsum[a] : 0;
    }
    cov = withCovariance ? pooledCovariance(data, mean) : null;
    for (int a = 0; a < d; a++) {
      // the per-attribute variance uses the observed values only
      double s = 0;
      for (int i = 0; i < data.n; i++) {
        double v = data.x[i * d + a];
        if (!Double.isNaN(v)) {
          s += data.w[i] * (v - mean[a]) * (v - mean[a]);
        }
      }
      var[a] = wsum[a] > 0 ? s / wsum[a] : 1.0;
    }
    catCount = new double[totalCategories];
    catTotal = new double[data.m];
    for (int i = 0; i < data.n; i++) {
      for (int a = 0; a < data.m; a++) {
        int code = data.cat[i * data.m + a];
        if (code >= 0) {
          catCount[catOffset[a] + code] += data.w[i];
          catTotal[a] += data.w[i];
        }
      }
    }
  }

  /** The d*d weighted covariance over all rows, a missing value counting as the attribute's mean. */
  private static double[] pooledCovariance(MixtureData data, double[] mean) {
    int d = data.d;
    double[] cov = new double[d * d];
    data.addCentredSums(mean, cov, false);
    double tw = data.totalWeight;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double v = tw > 0 ? cov[a * d + b] / tw : 0;
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    return cov;
  }
}
