// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.ProgressListener;
import org.overparam.common.Seeds;
import org.overparam.common.TrainingHistory;

/**
 * EM for a Gaussian mixture with known (FIXED) or re-estimated (ESTIMATED) weights.
 *
 * <p>Each run: from the initial parameters, repeat up to max-iterations times: E-step (log space,
 * log-sum-exp) giving the mean log-likelihood l; stop if |l - l_prev| &lt; tolerance; otherwise
 * M-step. If the run did not converge, one more E-step makes the reported l belong to the returned
 * parameters. Runs are repeated {@code numInit} times from independent random streams; the highest
 * final l wins (ties go to the earlier run). With k = -1, k = 1..maxComponents are fitted and the
 * lowest BIC wins.
 */
public final class GaussianMixtureEm {
  /** Relative size of a log-likelihood drop that is counted as a decrease. */
  static final double DECREASE_TOLERANCE = 1e-10;

  private final GmmConfig config;
  private final ProgressListener listener;

  public GaussianMixtureEm(GmmConfig config) {
    this(config, ProgressListener.NONE);
  }

  public GaussianMixtureEm(GmmConfig config, ProgressListener listener) {
    this.config = config;
    this.listener = listener == null ? ProgressListener.NONE : listener;
  }

  /**
   * Fits the mixture.
   *
   * @throws IllegalArgumentException for unusable data (no numeric attribute, fewer rows than components)
   * @throws IllegalStateException if a component degenerates with reg-covar 0
   * @throws InterruptedException if the thread is interrupted between iterations
   */
  public GaussianMixture fit(MixtureData data) throws InterruptedException {
    if (data.n == 0) {
      throw new IllegalArgumentException("no training instances");
    }
    if (data.d < 1) {
      throw new IllegalArgumentException("a Gaussian mixture needs at least one numeric attribute, got none");
    }
    int rows = data.numPositiveRows();
    if (!(data.totalWeight > 0) || !Double.isFinite(data.totalWeight)) {
      throw new IllegalArgumentException("the total instance weight must be finite and > 0, got " + data.totalWeight);
    }
    boolean matrices = !config.covariance().isDiagonal();
    if (matrices) {
      // d x d matrices per cluster: its parameters, inverse factor and statistics (one set per block of rows)
      int kMax = config.numComponents() > 0 ? config.numComponents() : config.maxComponents();
      int blocks = (data.n + BlockedPass.BLOCK_ROWS - 1) / BlockedPass.BLOCK_ROWS;
      Checks.fitsInHeap("-covariance " + config.covariance() + " with " + data.d + " numeric attributes and " + kMax
          + " clusters", 8.0 * data.d * data.d * (1 + kMax * (4.0 + blocks)), ": use -covariance DIAG or SPHERICAL, "
          + "or fewer attributes");
    }
    MixtureParams layout = new MixtureParams(config.covariance(), 1, data.d, data.numCategories);
    DataSummary summary = new DataSummary(data, layout.catOffset, layout.totalCategories, matrices);
    if (config.numComponents() > 0) {
      if (rows < config.numComponents()) {
        throw new IllegalArgumentException("-N " + config.numComponents() + " clusters need at least as many training "
            + "instances with positive weight, got " + rows);
      }
      return fitK(config.numComponents(), data, summary);
    }
    // A mixture with a collapsed or under-supported cluster can have the lowest BIC (its likelihood grows
    // without bound as a variance shrinks onto a few points); it must not be chosen.
    GaussianMixture best = null;
    GaussianMixture bestOfAll = null;
    List<FitSummary.BicEntry> search = new ArrayList<>();
    for (int k = 1; k <= Math.min(config.maxComponents(), rows); k++) {
      GaussianMixture g = fitK(k, data, summary);
      String degeneracy = g.degeneracy();
      search.add(new FitSummary.BicEntry(k, g.summary().logLikelihood(), g.bic(), degeneracy));
      if (degeneracy == null && (best == null || g.bic() < best.bic())) {
        best = g;
      }
      if (bestOfAll == null || g.bic() < bestOfAll.bic()) {
        bestOfAll = g;
      }
    }
    GaussianMixture chosen = best != null ? best : bestOfAll; // every k degenerate: the report says so
    return new GaussianMixture(chosen.params(), chosen.mixingWeights(), chosen.summary().withBicSearch(search));
  }

  private GaussianMixture fitK(int k, MixtureData data, DataSummary s) throws InterruptedException {
    try (BlockedPass pass = new BlockedPass(data, config.covariance(), k, totalCategories(data), config.numThreads())) {
      return fitK(k, data, s, data.totalWeight, pass);
    }
  }

  /**
   * The restarts for one k: starts drawn from {@code initData} (the training rows, or a sample of
   * them for a distributed pass), E-steps by {@code pass} over all rows of total weight
   * {@code totalWeight}, whose whole-data statistics are {@code s}.
   */
  GaussianMixture fitK(int k, MixtureData initData, DataSummary s, double totalWeight, EStepPass pass)
      throws InterruptedException {
    Run best = null;
    double[] finals = new double[config.numInit()];
    double[][] traces = new double[config.numInit()][];
    int winner = -1;
    for (int r = 0; r < config.numInit(); r++) {
      SplittableRandom rng = Seeds.stream(config.seed(), "gmm-init/k=" + k + "/run=" + r);
      MixtureParams start = Initialiser.initial(config, k, initData, s, rng);
      Run run = run(start, pass, totalWeight, config.regularisation(s.var), r);
      finals[r] = run.logLik;
      traces[r] = run.trace;
      if (best == null || run.logLik > best.logLik) {
        best = run;
        winner = r;
      }
    }
    FitSummary fs = new FitSummary(best.logLik, best.iterations, best.converged, finals, winner, best.decreases,
        indices(best.empty), collapsed(best.params, s), totalWeight, List.of(), iterationHistory(k, traces, winner));
    return new GaussianMixture(best.params, config.mixingWeights(), fs);
  }

  /** One column per restart ("start r", the kept one marked), one row per iteration. */
  private static TrainingHistory iterationHistory(int k, double[][] traces, int winner) {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("EM iterations (k = " + k + ")", "iteration");
    String[] names = new String[traces.length];
    for (int run = 0; run < traces.length; run++) {
      names[run] = "mean log-likelihood/start " + (run + 1) + (run == winner ? " (kept)" : "");
    }
    int longest = java.util.Arrays.stream(traces).mapToInt(t -> t.length).max().orElse(0);
    for (int it = 0; it < longest; it++) {
      Map<String, Double> row = new LinkedHashMap<>();
      for (int run = 0; run < traces.length; run++) {
        row.put(names[run], it < traces[run].length ? traces[run][it] : Double.NaN);
      }
      r.add(it, row);
    }
    return r.build();
  }

  private static int totalCategories(MixtureData data) {
    int t = 0;
    for (int c : data.numCategories) {
      t += c;
    }
    return t;
  }

  /** One EM run from the given start. */
  private Run run(MixtureParams start, EStepPass pass, double totalWeight, double[] reg, int restart)
      throws InterruptedException {
    MixtureParams p = start;
    ComponentDensities cd = new ComponentDensities(p);
    boolean[] empty = new boolean[p.k];
    double prev = Double.NEGATIVE_INFINITY;
    boolean converged = false;
    int iterations = 0;
    int decreases = 0;
    double ll = Double.NaN;
    List<Double> trace = new ArrayList<>();
    for (int it = 0; it < config.maxIterations(); it++) {
      SufficientStats st = pass.run(cd);
      ll = logLikelihood(st, totalWeight, iterations);
      trace.add(ll);
      if (ll < prev - DECREASE_TOLERANCE * Math.abs(prev)) {
        decreases++;
      }
      if (Math.abs(ll - prev) < config.tolerance()) {
        converged = true;
        break;
      }
      p = MStep.apply(p, st, config.mixingWeights(), reg, config.nominalPrior(), totalWeight, empty);
      cd = new ComponentDensities(p);
      iterations++;
      prev = ll;
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("log-likelihood", ll);
      metrics.put("start", (double) (restart + 1));
      listener.onEpoch(iterations, metrics);
      Checks.checkInterrupted();
    }
    if (!converged) {
      ll = logLikelihood(pass.run(cd), totalWeight, iterations);
      trace.add(ll);
      if (ll < prev - DECREASE_TOLERANCE * Math.abs(prev)) {
        decreases++;
      }
    }
    return new Run(p, ll, iterations, converged, decreases, empty,
        trace.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double logLikelihood(SufficientStats st, double totalWeight, int iteration) {
    double ll = st.logLik / totalWeight;
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException("the log-likelihood became " + ll + " after " + iteration
          + " iterations; the data may hold extreme values. Rescale the data or use a larger -reg-covar");
    }
    return ll;
  }

  private static int[] indices(boolean[] flags) {
    return java.util.stream.IntStream.range(0, flags.length).filter(j -> flags[j]).toArray();
  }

  /** Components with some variance at the reg-covar floor (relative to the data's own variance). */
  private int[] collapsed(MixtureParams p, DataSummary s) {
    if (p.type == CovarianceType.IDENTITY) {
      return new int[0];
    }
    double[] reg = config.regularisation(s.var);
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < p.k; j++) {
      for (int a = 0; a < p.d; a++) {
        // (an attribute constant in the whole data sits at the floor in every component: no collapse)
        if (s.var[a] > 0 && p.variance(j, a) <= reg[a] + 1e-10 * s.var[a]) {
          out.add(j);
          break;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private record Run(MixtureParams params, double logLik, int iterations, boolean converged, int decreases,
      boolean[] empty, double[] trace) {}
}
