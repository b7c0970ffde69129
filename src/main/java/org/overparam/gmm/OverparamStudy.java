// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;

/**
 * The experiment of Xu, Hsu and Maleki (NeurIPS 2018), runnable: draw a synthetic mixture, run EM
 * with the weights held at their true values (Model 1) and with the weights re-estimated (Model 2,
 * over-parameterized) from the same random starts, and count how often each recovers the truth.
 *
 * <p>General case (k components, identity covariance known, starts from k random data points):
 * Model 1 succeeds if max_j |mu_j - mu*_j| &lt; 0.5 in the order fixed by the weights (components of
 * equal weight may be swapped); Model 2 if some permutation has max |mu - mu*| + max |w - w*| &lt; 0.6.
 * Symmetric case (tanh form, {@link SymmetricTwoComponentEm}): success within delta = 0.1, a label
 * swap counting as success for Model 2 (and for Model 1 when w1* = 0.5). Every start and the data
 * come from streams of one seed.
 */
public final class OverparamStudy {
  static final double MODEL1_TOL = 0.5;
  static final double MODEL2_TOL = 0.6;
  static final double SYMMETRIC_DELTA = 0.1;
  static final double NEAR_BEST = 1e-4;

  private OverparamStudy() {}

  /** Outcome per mode (index 0: known weights, 1: over-parameterized). */
  public record Result(String setting, StudyOutcome knownWeights, StudyOutcome overparameterized) {}

  /** Per-run record before aggregation. */
  private record RunRecord(boolean success, int iterations, boolean converged, double logLik) {}

  /**
   * General k-component case.
   *
   * @param means k rows of d true means
   * @param weights true weights (sum 1)
   */
  public static Result general(double[][] means, double[] weights, int n, int starts, int maxIterations,
      double tolerance, long seed, int threads) throws InterruptedException {
    Checks.require(means.length >= 1 && means[0].length >= 1, "-means needs at least one mean of one value or more");
    int k = means.length;
    int d = means[0].length;
    for (double[] m : means) {
      Checks.require(m.length == d, "-means: every mean needs " + d + " values like the first (means are separated by "
          + "';', values by ','), got " + Arrays.toString(m));
    }
    Checks.require(weights.length == k, "-weights needs " + k + " values, one per mean, got " + weights.length);
    requireSampleFits(n, d);
    double[] x = sampleGeneral(means, weights, n, Seeds.stream(seed, "study/data"));
    MixtureData data = MixtureData.of(rows(x, n, d));
    RunRecord[][] rec = runParallel(starts, threads, s -> {
      int[] idx = Initialiser.randomRows(data, k, Seeds.stream(seed, "study/start/" + s));
      double[][] init = new double[k][];
      for (int j = 0; j < k; j++) {
        init[j] = Arrays.copyOfRange(x, idx[j] * d, (idx[j] + 1) * d);
      }
      GmmConfig.Builder b = GmmConfig.builder().numComponents(k).covariance(CovarianceType.IDENTITY)
          .initialisation(Initialisation.USER).initMeans(init).maxIterations(maxIterations).tolerance(tolerance);
      GaussianMixture m1 = new GaussianMixtureEm(b.mixingWeights(MixingWeights.FIXED).weights(weights).build())
          .fit(data);
      GaussianMixture m2 = new GaussianMixtureEm(b.mixingWeights(MixingWeights.ESTIMATED).weights(new double[0])
          .build()).fit(data);
      return new RunRecord[] {
          record(m1, knownWeightsError(m1, means, weights) < MODEL1_TOL),
          record(m2, bestPermutationError(m2, means, weights) < MODEL2_TOL)};
    });
    String setting = String.format(java.util.Locale.ROOT, "k=%d d=%d means=%s weights=%s n=%d starts=%d", k, d,
        Arrays.deepToString(means), Arrays.toString(weights), n, starts);
    return new Result(setting, aggregate("known weights", rec, 0), aggregate("over-parameterized", rec, 1));
  }

  /** Refuses a sample of n rows of d values (held about three times over) that Java's heap cannot take. */
  private static void requireSampleFits(int n, int d) {
    String sample = "a sample of " + n + " x " + d + " values";
    Checks.fitsInHeap(sample, 3 * 8.0 * n * d, ": lower -n or -dim");
    Checks.require((long) n * d <= Integer.MAX_VALUE - 8,
        sample + " is more than one array can hold: lower -n or -dim");
  }

  /** Symmetric two-component case: theta* = (separation, 0, ..., 0), weights (w1, 1 - w1). */
  public static Result symmetric(int d, double separation, double w1, int n, int starts, int maxIterations,
      double tolerance, long seed, int threads) throws InterruptedException {
    Checks.require(d >= 1, "-dim must be at least 1, got " + d);
    Checks.require(Double.isFinite(separation), "-theta must be finite, got " + separation);
    requireSampleFits(n, d);
    double[] theta = new double[d];
    theta[0] = separation;
    double[] x = sampleGeneral(new double[][] {theta, negate(theta)}, new double[] {w1, 1 - w1}, n,
        Seeds.stream(seed, "study/data"));
    RunRecord[][] rec = runParallel(starts, threads, s -> {
      SplittableRandom r = Seeds.stream(seed, "study/start/" + s);
      double[] t0 = new double[d];
      for (int a = 0; a < d; a++) {
        t0[a] = gaussian(r) * 2 * separation;
      }
      SymmetricTwoComponentEm.Result m1 = SymmetricTwoComponentEm.fit(x, n, d, t0, w1, false, maxIterations, tolerance);
      SymmetricTwoComponentEm.Result m2 = SymmetricTwoComponentEm.fit(x, n, d, t0, 0.5, true, maxIterations, tolerance);
      // with equal weights the fixed weights do not label the components: -theta* is the same mixture
      boolean ok1 = distance(m1.theta(), theta, 1) <= SYMMETRIC_DELTA
          || (w1 == 0.5 && distance(m1.theta(), theta, -1) <= SYMMETRIC_DELTA);
      boolean ok2 = Math.min(distance(m2.theta(), theta, 1) + Math.abs(m2.w1() - w1),
          distance(m2.theta(), theta, -1) + Math.abs(m2.w1() - (1 - w1))) <= SYMMETRIC_DELTA;
      return new RunRecord[] {
          new RunRecord(ok1, m1.iterations(), m1.converged(), m1.logLikelihood()),
          new RunRecord(ok2, m2.iterations(), m2.converged(), m2.logLikelihood())};
    });
    String setting = String.format(java.util.Locale.ROOT, "symmetric d=%d theta*=%s w1*=%s n=%d starts=%d", d,
        separation, w1, n, starts);
    return new Result(setting, aggregate("known weights", rec, 0), aggregate("over-parameterized", rec, 1));
  }

  private static RunRecord record(GaussianMixture g, boolean ok) {
    FitSummary s = g.summary();
    return new RunRecord(ok, s.iterations(), s.converged(), s.logLikelihood());
  }

  private static StudyOutcome aggregate(String mode, RunRecord[][] rec, int which) {
    int runs = rec.length;
    int succ = 0;
    int notConv = 0;
    double sumLl = 0;
    double best = Double.NEGATIVE_INFINITY;
    double[] iters = new double[runs];
    for (int s = 0; s < runs; s++) {
      RunRecord r = rec[s][which];
      succ += r.success() ? 1 : 0;
      notConv += r.converged() ? 0 : 1;
      sumLl += r.logLik();
      best = Math.max(best, r.logLik());
      iters[s] = r.iterations();
    }
    int near = 0;
    for (RunRecord[] r : rec) {
      near += r[which].logLik() >= best - NEAR_BEST ? 1 : 0;
    }
    Arrays.sort(iters);
    double median = runs % 2 == 1 ? iters[runs / 2] : 0.5 * (iters[runs / 2 - 1] + iters[runs / 2]);
    return new StudyOutcome(mode, succ, runs, median, notConv, sumLl / runs, near);
  }

  /** One start of a study: both modes. */
  @FunctionalInterface
  private interface Start {
    RunRecord[] run(int start) throws InterruptedException;
  }

  /** Runs the starts on a pool; results are stored by start index, so they do not depend on threads. */
  private static RunRecord[][] runParallel(int starts, int threads, Start body) throws InterruptedException {
    RunRecord[][] out = new RunRecord[starts][];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "OverparamStudy");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int s = 0; s < starts; s++) {
        final int idx = s;
        fs.add(pool.submit(() -> {
          out[idx] = body.run(idx);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  static double[] sampleGeneral(double[][] means, double[] weights, int n, SplittableRandom r) {
    int d = means[0].length;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int j = 0;
      while (j < weights.length - 1 && u >= weights[j]) {
        u -= weights[j];
        j++;
      }
      for (int a = 0; a < d; a++) {
        x[i * d + a] = means[j][a] + gaussian(r);
      }
    }
    return x;
  }

  /** Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17). */
  static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double[][] rows(double[] x, int n, int d) {
    double[][] r = new double[n][];
    for (int i = 0; i < n; i++) {
      r[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
    }
    return r;
  }

  private static double[] negate(double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = -v[i];
    }
    return o;
  }

  /** |a - sign * b|. */
  private static double distance(double[] a, double[] b, double sign) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - sign * b[i]) * (a[i] - sign * b[i]);
    }
    return Math.sqrt(s);
  }

  private static int[] identity(int k) {
    int[] p = new int[k];
    for (int j = 0; j < k; j++) {
      p[j] = j;
    }
    return p;
  }

  /** max_j |mu_perm[j] - mu*_j|. */
  private static double maxMeanError(GaussianMixture g, double[][] means, int[] perm) {
    double e = 0;
    for (int j = 0; j < means.length; j++) {
      e = Math.max(e, distance(g.mean(perm[j]), means[j], 1));
    }
    return e;
  }

  /**
   * Known weights: max_j |mu_j - mu*_j| in the order fixed by the weights, minimised only over
   * permutations that swap components of equal weight (those describe the same mixture).
   */
  static double knownWeightsError(GaussianMixture g, double[][] means, double[] weights) {
    double best = Double.POSITIVE_INFINITY;
    for (int[] perm : permutations(means.length)) {
      boolean keepsWeights = true;
      for (int j = 0; j < weights.length; j++) {
        keepsWeights &= weights[perm[j]] == weights[j];
      }
      if (keepsWeights) {
        best = Math.min(best, maxMeanError(g, means, perm));
      }
    }
    return best;
  }

  /** min over permutations of max |mu - mu*| + max |w - w*|. */
  static double bestPermutationError(GaussianMixture g, double[][] means, double[] weights) {
    double[] w = g.weights();
    double best = Double.POSITIVE_INFINITY;
    for (int[] perm : permutations(means.length)) {
      double we = 0;
      for (int j = 0; j < weights.length; j++) {
        we = Math.max(we, Math.abs(w[perm[j]] - weights[j]));
      }
      best = Math.min(best, maxMeanError(g, means, perm) + we);
    }
    return best;
  }

  static List<int[]> permutations(int k) {
    List<int[]> out = new ArrayList<>();
    permute(identity(k), 0, out);
    return out;
  }

  private static void permute(int[] a, int i, List<int[]> out) {
    if (i == a.length) {
      out.add(a.clone());
      return;
    }
    for (int j = i; j < a.length; j++) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
      permute(a, i + 1, out);
      a[j] = a[i];
      a[i] = t;
    }
  }
}
