// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.Locale;

/**
 * Result of one mode (known weights or over-parameterized) over all random starts of one study setting.
 *
 * @param mode "known weights" or "over-parameterized"
 * @param successes runs that recovered the true mixture (up to label permutation where allowed)
 * @param runs number of random starts
 * @param medianIterations median EM iterations
 * @param notConverged runs that hit max-iterations
 * @param meanLogLikelihood mean over runs of the final mean log-likelihood per instance
 * @param nearBest runs whose final log-likelihood is within 1e-4 of this mode's best
 */
public record StudyOutcome(String mode, int successes, int runs, double medianIterations, int notConverged,
    double meanLogLikelihood, int nearBest) {

  /** Success fraction. */
  public double rate() {
    return (double) successes / runs;
  }

  /** Wilson 95% score interval of the success rate. */
  public double[] wilson95() {
    double z = 1.959963984540054;
    double p = rate();
    double n = runs;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** One table row: mode, rate with interval, iterations, non-convergence, log-likelihood. */
  public String formatRow() {
    double[] ci = wilson95();
    return String.format(Locale.ROOT, "%-19s %6.3f  [%5.3f, %5.3f]  %8.0f  %6.3f  %12.6f  %6.3f", mode, rate(), ci[0],
        ci[1], medianIterations, (double) notConverged / runs, meanLogLikelihood, (double) nearBest / runs);
  }

  /** Header matching {@link #formatRow()}. */
  public static String header() {
    return String.format(Locale.ROOT, "%-19s %6s  %-14s  %8s  %6s  %12s  %6s", "mode", "succ", "95% CI", "med.it",
        "no-cnv", "mean loglik", "~best");
  }
}
