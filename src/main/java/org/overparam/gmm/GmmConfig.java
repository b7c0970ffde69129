// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.Arrays;

/**
 * Validated, immutable settings of one EM fit. Messages name the command-line option of the Weka
 * adapter, so API, CLI and GUI users see the same explanation.
 *
 * @param numComponents k, or -1 to choose k in 1..maxComponents by BIC
 * @param maxComponents upper bound of the BIC search
 * @param mixingWeights ESTIMATED (Model 2) or FIXED (Model 1)
 * @param weights known weights (FIXED) or starting weights (ESTIMATED); empty = uniform
 * @param covariance covariance shape
 * @param fixedStd sigma0 of {@link CovarianceType#IDENTITY}
 * @param regCovar added to every variance (the diagonal) on every M-step: in squared data units, or with
 *     {@code regCovarRelative} as a fraction of each attribute's variance over the data
 * @param regCovarRelative whether regCovar is relative to each attribute's variance (scale-free)
 * @param nominalPrior pseudo-count added to every category count of a nominal attribute
 * @param initialisation how the means start
 * @param initMeans user means, k rows of d values (only for {@link Initialisation#USER})
 * @param initVariances optional starting variances, k rows of 1 or d values (diagonal of the
 *     starting covariance); null = from the data
 * @param numInit number of EM runs from different starts; the best final log-likelihood wins
 * @param maxIterations M-steps per run at most
 * @param tolerance convergence threshold on the change of the mean log-likelihood per instance
 * @param numThreads threads for the E-step and the sufficient statistics (results do not depend on it)
 * @param seed the one seed of all random streams
 */
public record GmmConfig(int numComponents, int maxComponents, MixingWeights mixingWeights, double[] weights,
    CovarianceType covariance, double fixedStd, double regCovar, boolean regCovarRelative, double nominalPrior,
    Initialisation initialisation, double[][] initMeans, double[][] initVariances, int numInit, int maxIterations,
    double tolerance,
    int numThreads, long seed) {

  /** Tolerance on the sum of the given weights. */
  public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

  public GmmConfig {
    if (numComponents != -1 && numComponents < 1) {
      throw new IllegalArgumentException("-N must be >= 1, or -1 to choose by BIC, got " + numComponents);
    }
    if (maxComponents < 1) {
      throw new IllegalArgumentException("-max-clusters must be >= 1, got " + maxComponents);
    }
    if (mixingWeights == null || covariance == null || initialisation == null) {
      throw new IllegalArgumentException("-mixing-weights, -covariance and -init must be set");
    }
    weights = weights == null ? new double[0] : weights.clone();
    if (weights.length > 0) {
      checkWeights(weights, numComponents);
    }
    if (!(fixedStd > 0) || !Double.isFinite(fixedStd)) {
      throw new IllegalArgumentException("-fixed-std must be a finite number > 0, got " + fixedStd);
    }
    if (!(regCovar >= 0) || !Double.isFinite(regCovar)) {
      throw new IllegalArgumentException("-reg-covar must be a finite number >= 0, got " + regCovar);
    }
    if (regCovarRelative && !(regCovar < 1)) {
      throw new IllegalArgumentException("-reg-covar is a fraction of each attribute's variance and must be < 1 "
          + "(every cluster would be wider than the data), got " + regCovar);
    }
    if (!(nominalPrior > 0) || !Double.isFinite(nominalPrior)) {
      throw new IllegalArgumentException("-nominal-prior must be a finite number > 0, got " + nominalPrior);
    }
    if (initialisation == Initialisation.USER) {
      if (initMeans == null || initMeans.length == 0) {
        throw new IllegalArgumentException("-init USER needs -init-means (k rows of d values)");
      }
      if (numComponents != -1 && initMeans.length != numComponents) {
        throw new IllegalArgumentException("-init-means has " + initMeans.length + " rows but -N is " + numComponents);
      }
      if (numComponents == -1) {
        throw new IllegalArgumentException("-init USER cannot be combined with -N -1 (BIC selection)");
      }
    }
    initMeans = initMeans == null ? null : deepCopy(initMeans);
    initVariances = initVariances == null ? null : deepCopy(initVariances);
    if (initVariances != null) {
      if (numComponents == -1 || initVariances.length != numComponents) {
        throw new IllegalArgumentException("-init-variances needs one row per cluster (-N " + numComponents + "), got "
            + initVariances.length);
      }
      for (double[] row : initVariances) {
        for (double v : row) {
          if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("-init-variances must be finite and > 0, got " + v);
          }
        }
      }
    }
    if (initMeans != null) {
      for (double[] row : initMeans) {
        if (row.length != initMeans[0].length) {
          throw new IllegalArgumentException("-init-means rows must all have the same length");
        }
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("-init-means contains a non-finite value: " + v);
          }
        }
      }
    }
    if (numInit < 1) {
      throw new IllegalArgumentException("-restarts must be >= 1, got " + numInit);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("-max-iterations must be >= 0, got " + maxIterations);
    }
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("-tolerance must be a finite number >= 0, got " + tolerance);
    }
    if (numThreads < 1) {
      throw new IllegalArgumentException("-num-threads must be >= 1, got " + numThreads);
    }
    if (numComponents == -1 && weights.length > 0) {
      throw new IllegalArgumentException("-N -1 (BIC selection) needs empty -weights (uniform weights for every k)");
    }
  }

  private static void checkWeights(double[] w, int k) {
    if (k != -1 && w.length != k) {
      throw new IllegalArgumentException("-weights must have one value per cluster (-N " + k + "), got " + w.length);
    }
    double sum = 0;
    for (double v : w) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("-weights must be finite and > 0, got " + v);
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new IllegalArgumentException("-weights must sum to 1 (within " + WEIGHT_SUM_TOLERANCE + "), got " + sum);
    }
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public double[][] initMeans() {
    return initMeans == null ? null : deepCopy(initMeans);
  }

  @Override
  public double[][] initVariances() {
    return initVariances == null ? null : deepCopy(initVariances);
  }

  /**
   * What the M-step adds to each attribute's variance: reg-covar, or with {@code regCovarRelative}
   * reg-covar times the attribute's variance over the data (reg-covar itself for a constant one).
   */
  public double[] regularisation(double[] dataVariance) {
    double[] reg = new double[dataVariance.length];
    for (int a = 0; a < reg.length; a++) {
      reg[a] = regCovarRelative && dataVariance[a] > 0 ? regCovar * dataVariance[a] : regCovar;
    }
    return reg;
  }

  /** The same settings with another k (used by the BIC search); given weights must then be empty. */
  public GmmConfig withNumComponents(int k) {
    return new GmmConfig(k, maxComponents, mixingWeights, weights, covariance, fixedStd, regCovar, regCovarRelative, nominalPrior,
        initialisation, initMeans, initVariances, numInit, maxIterations, tolerance, numThreads, seed);
  }

  /** The same settings with another thread count. */
  public GmmConfig withNumThreads(int threads) {
    return new GmmConfig(numComponents, maxComponents, mixingWeights, weights, covariance, fixedStd, regCovar,
        regCovarRelative, nominalPrior, initialisation, initMeans, initVariances, numInit, maxIterations, tolerance, threads, seed);
  }

  @Override
  public String toString() {
    return "GmmConfig[k=" + numComponents + ", mixingWeights=" + mixingWeights + ", weights=" + Arrays.toString(weights)
        + ", covariance=" + covariance + ", regCovar=" + regCovar + (regCovarRelative ? " (relative)" : "") + ", init=" + initialisation + ", numInit=" + numInit
        + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", threads=" + numThreads + ", seed=" + seed
        + "]";
  }

  /** A builder starting from the defaults of the Weka adapter. */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int numComponents = 2;
    private int maxComponents = 10;
    private MixingWeights mixingWeights = MixingWeights.ESTIMATED;
    private double[] weights = new double[0];
    private CovarianceType covariance = CovarianceType.DIAG;
    private double fixedStd = 1.0;
    private double regCovar = 1e-6;
    private boolean regCovarRelative;
    private double nominalPrior = 1.0;
    private Initialisation initialisation = Initialisation.K_MEANS_PLUS_PLUS;
    private double[][] initMeans;
    private double[][] initVariances;
    private int numInit = 1;
    private int maxIterations = 100;
    private double tolerance = 1e-6;
    private int numThreads = 1;
    private long seed = 1;

    public Builder numComponents(int v) { numComponents = v; return this; }
    public Builder maxComponents(int v) { maxComponents = v; return this; }
    public Builder mixingWeights(MixingWeights v) { mixingWeights = v; return this; }
    public Builder weights(double... v) { weights = v; return this; }
    public Builder covariance(CovarianceType v) { covariance = v; return this; }
    public Builder fixedStd(double v) { fixedStd = v; return this; }
    public Builder regCovar(double v) { regCovar = v; return this; }
    public Builder regCovarRelative(boolean v) { regCovarRelative = v; return this; }
    public Builder nominalPrior(double v) { nominalPrior = v; return this; }
    public Builder initialisation(Initialisation v) { initialisation = v; return this; }
    public Builder initMeans(double[][] v) { initMeans = v; return this; }
    public Builder initVariances(double[][] v) { initVariances = v; return this; }
    public Builder numInit(int v) { numInit = v; return this; }
    public Builder maxIterations(int v) { maxIterations = v; return this; }
    public Builder tolerance(double v) { tolerance = v; return this; }
    public Builder numThreads(int v) { numThreads = v; return this; }
    public Builder seed(long v) { seed = v; return this; }

    public GmmConfig build() {
      return new GmmConfig(numComponents, maxComponents, mixingWeights, weights, covariance, fixedStd, regCovar,
          regCovarRelative, nominalPrior, initialisation, initMeans, initVariances, numInit, maxIterations, tolerance, numThreads, seed);
    }
  }
}
