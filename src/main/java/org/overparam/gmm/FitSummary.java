// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.List;
import org.overparam.common.TrainingHistory;

/**
 * What happened during a fit.
 *
 * @param logLikelihood mean log-likelihood per unit of weight for the returned parameters (natural log)
 * @param iterations M-steps performed by the winning run
 * @param converged whether the winning run stopped on the tolerance rather than on max-iterations
 * @param restartLogLikelihoods final mean log-likelihood of every run, in run order
 * @param winningRestart 0-based index of the run that was kept
 * @param likelihoodDecreases times the winning run's log-likelihood fell by more than 1e-10 relative
 *     (possible only through reg-covar or the nominal prior, which make the M-step inexact)
 * @param emptyComponents 0-based components whose mass fell to ~0 (kept frozen, tiny weight)
 * @param collapsedComponents 0-based components with a variance at the reg-covar floor
 * @param totalWeight sum of instance weights (the n of BIC/AIC)
 * @param bicSearch for -N -1: one entry per k tried, else empty
 * @param iterationHistory the mean log-likelihood per iteration of every restart of the returned k
 *     (iteration 0 is the start)
 */
public record FitSummary(double logLikelihood, int iterations, boolean converged, double[] restartLogLikelihoods,
    int winningRestart, int likelihoodDecreases, int[] emptyComponents, int[] collapsedComponents,
    double totalWeight, List<BicEntry> bicSearch, TrainingHistory iterationHistory) implements java.io.Serializable {

  /**
   * One k of the BIC search.
   *
   * @param excluded why this k could not be chosen (a degenerate mixture), or null
   */
  public record BicEntry(int k, double logLikelihood, double bic, String excluded) implements java.io.Serializable {}

  public FitSummary {
    restartLogLikelihoods = restartLogLikelihoods.clone();
    emptyComponents = emptyComponents.clone();
    collapsedComponents = collapsedComponents.clone();
    bicSearch = List.copyOf(bicSearch);
  }

  @Override
  public double[] restartLogLikelihoods() {
    return restartLogLikelihoods.clone();
  }

  @Override
  public int[] emptyComponents() {
    return emptyComponents.clone();
  }

  @Override
  public int[] collapsedComponents() {
    return collapsedComponents.clone();
  }

  FitSummary withBicSearch(List<BicEntry> search) {
    return new FitSummary(logLikelihood, iterations, converged, restartLogLikelihoods, winningRestart,
        likelihoodDecreases, emptyComponents, collapsedComponents, totalWeight, search, iterationHistory);
  }

  /**
   * The BIC search as a history over k (for -N -1; empty otherwise): BIC of the mixtures that could
   * be chosen and, apart, of the degenerate ones that could not, and the mean log-likelihood.
   */
  public TrainingHistory bicHistory() {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("BIC by number of components", "k");
    for (BicEntry e : bicSearch) {
      java.util.Map<String, Double> row = new java.util.LinkedHashMap<>();
      row.put("BIC/usable", e.excluded() == null ? e.bic() : Double.NaN);
      row.put("BIC/degenerate (not chosen)", e.excluded() == null ? Double.NaN : e.bic());
      row.put("mean log-likelihood", e.logLikelihood());
      r.add(e.k(), row);
    }
    return r.build();
  }
}
