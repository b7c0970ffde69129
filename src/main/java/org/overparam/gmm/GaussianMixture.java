// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import org.overparam.common.LogSumExp;
import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable fitted mixture: weights, Gaussian components over the numeric attributes and
 * categorical components over the nominal ones, plus the {@link FitSummary}.
 *
 * <p>Missing values are marginalised out: a row's density is that of its observed attributes (for
 * FULL covariances the marginal Gaussian of the observed block). Missing nominal values are
 * marginalised out too.
 */
public final class GaussianMixture implements Serializable {
  private static final long serialVersionUID = 1L;

  private final MixtureParams params;
  private final MixingWeights mixingWeights;
  private final FitSummary summary;
  private transient ComponentDensities densities;

  GaussianMixture(MixtureParams params, MixingWeights mixingWeights, FitSummary summary) {
    this.params = params.copy();
    this.mixingWeights = mixingWeights;
    this.summary = summary;
    this.densities = new ComponentDensities(this.params);
  }

  MixtureParams params() {
    return params.copy();
  }

  private ComponentDensities densities() {
    ComponentDensities cd = densities;
    if (cd == null) {
      cd = new ComponentDensities(params);
      densities = cd;
    }
    return cd;
  }

  public int numComponents() {
    return params.k;
  }

  public int numNumeric() {
    return params.d;
  }

  public int numNominal() {
    return params.numCategories.length;
  }

  public CovarianceType covarianceType() {
    return params.type;
  }

  public MixingWeights mixingWeights() {
    return mixingWeights;
  }

  public FitSummary summary() {
    return summary;
  }

  public double[] weights() {
    return params.weights.clone();
  }

  public double[] mean(int j) {
    return Arrays.copyOfRange(params.means, j * params.d, (j + 1) * params.d);
  }

  /** Per-attribute variances of component j (the diagonal of its covariance). */
  public double[] variances(int j) {
    double[] v = new double[params.d];
    for (int a = 0; a < params.d; a++) {
      v[a] = params.variance(j, a);
    }
    return v;
  }

  /** Component j's covariance matrix (diagonal for the diagonal family). */
  public double[][] covariance(int j) {
    int d = params.d;
    double[][] c = new double[d][d];
    for (int a = 0; a < d; a++) {
      if (params.cov != null) {
        System.arraycopy(params.cov, j * d * d + a * d, c[a], 0, d);
      } else {
        c[a][a] = params.var[j * d + a];
      }
    }
    return c;
  }

  /** Category probabilities of nominal attribute a in component j. */
  public double[] categoryProbabilities(int j, int a) {
    int off = j * params.totalCategories + params.catOffset[a];
    return Arrays.copyOfRange(params.catProb, off, off + params.numCategories[a]);
  }

  /** Number of free parameters: means, covariances, category probabilities, and k-1 weights if estimated. */
  public int numFreeParameters() {
    int k = params.k;
    int d = params.d;
    int p = k * d;
    p += switch (params.type) {
      case IDENTITY -> 0;
      case SPHERICAL -> k;
      case DIAG -> k * d;
      case FULL -> k * d * (d + 1) / 2;
      case TIED -> d * (d + 1) / 2;
    };
    for (int c : params.numCategories) {
      p += k * (c - 1);
    }
    if (mixingWeights == MixingWeights.ESTIMATED) {
      p += k - 1;
    }
    return p;
  }

  /**
   * A cluster with a variance at the -reg-covar floor is a collapse onto a few points when it holds less than this
   * share of the training weight. A larger one is a group of instances that share an attribute's value (an
   * indicator attribute, a value that many rows repeat): its spike in the likelihood is the data's, not a few
   * points'.
   */
  static final double COLLAPSE_SHARE = 0.05;

  /**
   * Why this mixture cannot be trusted as a choice of k, or null (clusters numbered from 0, as Weka's): a small
   * component with a variance at the reg-covar floor (collapsed onto a few points; see {@link #COLLAPSE_SHARE}), or
   * one that carries less training weight than it has parameters of its own (means, covariance, category
   * probabilities).
   */
  public String degeneracy() {
    int own = ownParameters();
    for (int j : summary.collapsedComponents()) {
      double support = params.weights[j] * summary.totalWeight();
      if (support < COLLAPSE_SHARE * summary.totalWeight()) {
        return String.format(java.util.Locale.ROOT, "cluster %d collapsed onto %.1f instances (a variance at the "
            + "-reg-covar floor)", j, support);
      }
    }
    for (int j = 0; j < params.k; j++) {
      double support = params.weights[j] * summary.totalWeight();
      if (support < own) {
        return String.format(java.util.Locale.ROOT, "cluster %d holds %.1f instances for its %d parameters", j,
            support, own);
      }
    }
    return null;
  }

  /** The parameters of one cluster alone: its means, covariance and category probabilities. */
  private int ownParameters() {
    int d = params.d;
    int own = d + switch (params.type) {
      case IDENTITY, TIED -> 0;
      case SPHERICAL -> 1;
      case DIAG -> d;
      case FULL -> d * (d + 1) / 2;
    };
    for (int c : params.numCategories) {
      own += c - 1;
    }
    return own;
  }

  /** BIC = -2 W l + p ln W, with W the total training weight (the number of rows for unit weights). */
  public double bic() {
    double w = summary.totalWeight();
    return -2 * w * summary.logLikelihood() + numFreeParameters() * Math.log(w);
  }

  /** AIC = -2 W l + 2 p. */
  public double aic() {
    return -2 * summary.totalWeight() * summary.logLikelihood() + 2.0 * numFreeParameters();
  }

  /**
   * log p(x | component j) for every j, without the weights. numeric: NaN = missing (marginalised);
   * nominal: -1 = missing.
   *
   * @throws IllegalArgumentException for infinite values or wrong lengths
   */
  public double[] logComponentDensities(double[] numeric, int[] nominal) {
    int d = params.d;
    int m = params.numCategories.length;
    if (numeric.length != d || nominal.length != m) {
      throw new IllegalArgumentException("expected " + d + " numeric and " + m + " nominal values, got "
          + numeric.length + " and " + nominal.length);
    }
    double[] x = numeric.clone();
    boolean missing = false;
    for (int a = 0; a < d; a++) {
      if (Double.isInfinite(x[a])) {
        throw new IllegalArgumentException("numeric attribute " + (a + 1) + " is " + x[a]
            + "; infinite values are not allowed");
      }
      if (Double.isNaN(x[a])) {
        missing = true;
      }
    }
    for (int a = 0; a < m; a++) {
      if (nominal[a] >= params.numCategories[a]) {
        throw new IllegalArgumentException("nominal attribute " + (a + 1) + " has code " + nominal[a]);
      }
    }
    double[] out = new double[params.k];
    densities().logDensities(x, 0, missing, nominal, 0, out, new double[params.k * d], new double[d]);
    return out;
  }

  /** log p(x) = logsumexp_j (log w_j + log p(x | j)). */
  public double logDensity(double[] numeric, int[] nominal) {
    double[] lp = logComponentDensities(numeric, nominal);
    for (int j = 0; j < lp.length; j++) {
      lp[j] += densities().logWeights[j];
    }
    return LogSumExp.of(lp);
  }

  /** Mean log-likelihood per unit of weight of data under this model (a fresh E-step). */
  public double meanLogLikelihood(MixtureData data) {
    SufficientStats st = new SufficientStats(params.type, params.k, params.d, params.totalCategories);
    for (int b = 0; b * BlockedPass.BLOCK_ROWS < data.n; b++) {
      SufficientStats blk = new SufficientStats(params.type, params.k, params.d, params.totalCategories);
      blk.accumulate(densities(), data, b * BlockedPass.BLOCK_ROWS, Math.min(data.n, (b + 1) * BlockedPass.BLOCK_ROWS));
      st.add(blk);
    }
    return st.logLik / data.totalWeight;
  }
}
