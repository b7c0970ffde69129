package org.overparam.gmm;

import java.util.List;

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
 */
public record FitSummary(double logLikelihood, int iterations, boolean converged, double[] restartLogLikelihoods,
    int winningRestart, int likelihoodDecreases, int[] emptyComponents, int[] collapsedComponents,
    double totalWeight, List<BicEntry> bicSearch) implements java.io.Serializable {

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
        likelihoodDecreases, emptyComponents, collapsedComponents, totalWeight, search);
  }
}
