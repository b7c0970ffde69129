// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.io.Serializable;
import org.overparam.common.ProgressListener;

/**
 * The EM of {@link GaussianMixtureEm} over numeric data split into partitions that live elsewhere
 * (for example on Spark executors). The partitions compute E-step statistics and data moments; a
 * caller-supplied {@link Cluster} adds them up over all partitions; this class runs the same
 * initialisation, M-step and stopping rules as the single-machine EM.
 *
 * <p>The result equals the single-machine fit on the same rows from the same start up to the order
 * of floating-point additions. Numeric attributes only (NaN = missing); no BIC search (-N -1).
 *
 * <p>Data flow: {@link Partition#moments()} summed over partitions, then
 * {@link Partition#centredMoments(double[])} with {@link #means(double[])} of that sum, then
 * {@link #fit} with both sums, the rows that seed the starts, and the cluster's E-step reduction.
 */
public final class PartitionedEm {
  private PartitionedEm() {}

  /** Sums a function of every partition; implementations add the arrays element by element. */
  public interface Cluster {
    /** The sum over all partitions of {@link Partition#eStep(Parameters)}. */
    double[] eStep(Parameters p);
  }

  /** The parameters shipped to the partitions for one E-step. */
  public static final class Parameters implements Serializable {
    private static final long serialVersionUID = 1L;
    final MixtureParams p;

    Parameters(MixtureParams p) {
      this.p = p;
    }
  }

  /**
   * Rows held by one worker: numeric values row-major (NaN = missing) and instance weights. Build it
   * where the rows are; it keeps per-partition scratch (a column-major copy for the fast E-step)
   * between iterations and is not meant to be serialized.
   */
  public static final class Partition {
    private final MixtureData data;
    private BlockedPass pass;
    private CovarianceType passType;
    private int passK;

    /**
     * @param rowMajor n*d values, NaN for a missing value, otherwise finite
     * @param weights n finite weights &gt;= 0
     * @throws IllegalArgumentException naming the offending row and column
     */
    public Partition(int d, double[] rowMajor, double[] weights) {
      if (d < 1 || rowMajor.length != weights.length * d) {
        throw new IllegalArgumentException("a partition needs n*d values for n weights, got " + rowMajor.length
            + " values, " + weights.length + " weights, d = " + d);
      }
      for (int i = 0; i < rowMajor.length; i++) {
        if (Double.isInfinite(rowMajor[i])) {
          throw new IllegalArgumentException("row " + (i / d) + ", column " + (i % d) + " is " + rowMajor[i]
              + "; only finite values (or missing) can be clustered");
        }
      }
      for (int i = 0; i < weights.length; i++) {
        if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
          throw new IllegalArgumentException("row " + i + " has weight " + weights[i] + "; weights must be finite and >= 0");
        }
      }
      data = MixtureData.ofRowMajor(weights.length, d, rowMajor, weights);
    }

    public int numRows() {
      return data.n;
    }

    /** Values of row i (NaN = missing); a copy. */
    public double[] row(int i) {
      return data.numericRow(i);
    }

    public double weight(int i) {
      return data.w[i];
    }

    /** First pass: per attribute the weight of its observed values and their weighted sum; then the total weight. */
    public double[] moments() {
      int d = data.d;
      double[] m = new double[2 * d + 1];
      for (int i = 0; i < data.n; i++) {
        double w = data.w[i];
        for (int a = 0; a < d; a++) {
          double v = data.x[i * d + a];
          if (!Double.isNaN(v)) {
            m[a] += w;
            m[d + a] += w * v;
          }
        }
        m[2 * d] += w;
      }
      return m;
    }

    /**
     * Second pass, about the whole-data means: the lower triangle of sum w c c^T (c = x - mean, 0
     * where missing) as a d*d block, then per attribute the sum of w (x - mean)^2 over observed values.
     */
    public double[] centredMoments(double[] mean) {
      double[] m = new double[data.d * data.d + data.d];
      data.addCentredSums(mean, m, true);
      return m;
    }

    /** E-step statistics of these rows under p, packed for {@link #add(double[], double[])}. */
    public synchronized double[] eStep(Parameters params) {
      MixtureParams p = params.p;
      if (p.d != data.d) {
        throw new IllegalArgumentException("the model has " + p.d + " attributes, the partition " + data.d);
      }
      if (pass == null || passType != p.type || passK != p.k) {
        pass = new BlockedPass(data, p.type, p.k, 0, 1);
        passType = p.type;
        passK = p.k;
      }
      try {
        return pack(pass.run(new ComponentDensities(p)));
      } catch (InterruptedException e) { // a one-thread pass only checks, it never waits
        Thread.currentThread().interrupt();
        throw new IllegalStateException("E-step interrupted", e);
      }
    }
  }

  /** a += b element by element; returns a (the merge of two partitions' sums). */
  public static double[] add(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("cannot add statistics of lengths " + a.length + " and " + b.length);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** Whole-data means from the summed {@link Partition#moments()} (0 for an attribute never observed). */
  public static double[] means(double[] moments) {
    int d = (moments.length - 1) / 2;
    double[] mean = new double[d];
    for (int a = 0; a < d; a++) {
      mean[a] = moments[a] > 0 ? moments[d + a] / moments[a] : 0;
    }
    return mean;
  }

  /**
   * Fits the mixture.
   *
   * @param moments the sum of {@link Partition#moments()} over all partitions
   * @param centred the sum of {@link Partition#centredMoments(double[])} about {@link #means(double[])}
   * @param initRows rows the starts are drawn from (k-means++ or random rows): all rows, in a fixed
   *     order, for a start identical to the single-machine one; otherwise a sample
   * @param initWeights their weights
   * @param cluster the E-step summed over all partitions
   */
  public static GaussianMixture fit(GmmConfig config, double[] moments, double[] centred, double[][] initRows,
      double[] initWeights, Cluster cluster, ProgressListener listener) throws InterruptedException {
    int k = config.numComponents();
    if (k < 1) {
      throw new IllegalArgumentException("-N -1 (choosing k by BIC) is not supported on partitioned data; give -N");
    }
    double[] mean = means(moments);
    int d = mean.length;
    double totalWeight = moments[2 * d];
    if (!(totalWeight > 0) || !Double.isFinite(totalWeight)) {
      throw new IllegalArgumentException("the total instance weight must be finite and > 0, got " + totalWeight);
    }
    double[] cov = new double[d * d];
    double[] var = new double[d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double v = centred[a * d + b] / totalWeight;
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
      var[a] = moments[a] > 0 ? centred[d * d + a] / moments[a] : 1.0;
    }
    double[] x = new double[initRows.length * d];
    for (int i = 0; i < initRows.length; i++) {
      if (initRows[i].length != d) {
        throw new IllegalArgumentException("initialisation row " + i + " has " + initRows[i].length + " values, expected " + d);
      }
      System.arraycopy(initRows[i], 0, x, i * d, d);
    }
    MixtureData init = MixtureData.ofRowMajor(initRows.length, d, x, initWeights.clone());
    if (init.numPositiveRows() < k && config.initialisation() != Initialisation.USER) {
      throw new IllegalArgumentException("-N " + k + " clusters need at least as many initialisation rows with positive "
          + "weight, got " + init.numPositiveRows());
    }
    SufficientStats st = new SufficientStats(config.covariance(), k, d, 0);
    EStepPass pass = cd -> unpack(cluster.eStep(new Parameters(cd.p)), st);
    return new GaussianMixtureEm(config, listener).fitK(k, init, new DataSummary(mean, var, cov), totalWeight, pass);
  }

  private static double[] pack(SufficientStats s) {
    double[] out = new double[s.nk.length + s.s1.length + s.s2.length + s.cc.length + 1];
    int o = 0;
    for (double[] part : new double[][] {s.nk, s.s1, s.s2, s.cc}) {
      System.arraycopy(part, 0, out, o, part.length);
      o += part.length;
    }
    out[o] = s.logLik;
    return out;
  }

  private static SufficientStats unpack(double[] packed, SufficientStats s) {
    int o = 0;
    if (packed.length != s.nk.length + s.s1.length + s.s2.length + s.cc.length + 1) {
      throw new IllegalStateException("E-step statistics of length " + packed.length + " do not fit the model");
    }
    for (double[] part : new double[][] {s.nk, s.s1, s.s2, s.cc}) {
      System.arraycopy(packed, o, part, 0, part.length);
      o += part.length;
    }
    s.logLik = packed[o];
    return s;
  }
}
