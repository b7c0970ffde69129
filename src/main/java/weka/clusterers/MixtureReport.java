// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.clusterers;

import java.util.Locale;
import org.overparam.gmm.CovarianceType;
import org.overparam.gmm.FitSummary;
import org.overparam.gmm.GaussianMixture;
import org.overparam.gmm.MixingWeights;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/** The text of {@link OverparameterizedEM#toString()}: options, components, fit statistics. */
final class MixtureReport {
  /** Covariance matrices are printed in full up to this many numeric attributes. */
  static final int MAX_MATRIX_DIM = 10;

  private final GaussianMixture g;
  private final Instances header;
  private final int[] numeric;
  private final int[] nominal;

  MixtureReport(GaussianMixture g, Instances header, int[] numeric, int[] nominal) {
    this.g = g;
    this.header = header;
    this.numeric = numeric;
    this.nominal = nominal;
  }

  String format(String[] options) {
    StringBuilder sb = new StringBuilder();
    FitSummary s = g.summary();
    sb.append("OverparameterizedEM\n===================\n\n");
    sb.append("Options: ").append(Utils.joinOptions(options)).append("\n");
    sb.append(g.mixingWeights() == MixingWeights.ESTIMATED
        ? "Mode: over-parameterized (mixing weights re-estimated)\n"
        : "Mode: known weights (mixing weights held fixed)\n");
    sb.append("Covariance: ").append(g.covarianceType()).append("\n");
    sb.append("Clusters: ").append(g.numComponents()).append("\n\n");
    double[] w = g.weights();
    for (int j = 0; j < g.numComponents(); j++) {
      sb.append(String.format(Locale.ROOT, "Cluster %d: prior %.6f%n", j, w[j]));
      component(sb, j);
      sb.append("\n");
    }
    sb.append(String.format(Locale.ROOT, "Log-likelihood per instance: %.8f%n", s.logLikelihood()));
    sb.append(String.format(Locale.ROOT, "BIC: %.4f   AIC: %.4f   (free parameters %d, total weight %s)%n",
        g.bic(), g.aic(), g.numFreeParameters(), Utils.doubleToString(s.totalWeight(), 6)));
    sb.append("Iterations: ").append(s.iterations()).append("   converged: ").append(s.converged() ? "yes" : "no")
        .append("\n");
    double[] r = s.restartLogLikelihoods();
    sb.append("Restarts: ").append(r.length).append(", winner: run ").append(s.winningRestart() + 1)
        .append("; final log-likelihoods:");
    for (double v : r) {
      sb.append(String.format(Locale.ROOT, " %.8f", v));
    }
    sb.append("\n");
    if (s.likelihoodDecreases() > 0) {
      sb.append("Log-likelihood decreases (from reg-covar / nominal prior): ").append(s.likelihoodDecreases())
          .append("\n");
    }
    if (s.emptyComponents().length > 0) {
      sb.append("Empty clusters (kept frozen, weight ~0): ").append(java.util.Arrays.toString(s.emptyComponents()))
          .append("\n");
    }
    if (s.collapsedComponents().length > 0) {
      sb.append("Collapsed clusters (a variance at the -reg-covar floor): ")
          .append(java.util.Arrays.toString(s.collapsedComponents())).append("\n");
    }
    String degeneracy = g.degeneracy();
    if (s.bicSearch().isEmpty() && degeneracy != null) {
      sb.append("Warning: ").append(degeneracy).append(": the data cannot determine this mixture; use fewer clusters")
          .append(simpler(g.covarianceType())).append("\n");
    }
    if (!s.bicSearch().isEmpty()) {
      sb.append("\nNumber of clusters chosen by BIC:\n");
      for (FitSummary.BicEntry e : s.bicSearch()) {
        sb.append(String.format(Locale.ROOT, "  k=%2d  log-likelihood %.8f  BIC %.4f%s%s%n", e.k(), e.logLikelihood(),
            e.bic(), e.k() == g.numComponents() ? "  <- chosen" : "",
            e.excluded() == null ? "" : "  (not eligible: " + e.excluded() + ")"));
      }
      searchWarning(sb, s.bicSearch(), degeneracy);
    }
    return sb.toString();
  }

  /** What a simpler covariance than {@code type} would be, as advice (none for the simplest). */
  private static String simpler(CovarianceType type) {
    return switch (type) {
      case FULL -> " or a simpler -covariance (TIED, DIAG, SPHERICAL)";
      case TIED, DIAG -> " or a simpler -covariance (SPHERICAL, IDENTITY)";
      case SPHERICAL -> " or -covariance IDENTITY";
      case IDENTITY -> " or fewer attributes";
    };
  }

  /** The BIC search's edge cases, where the chosen k is not an answer the table supports by itself. */
  private void searchWarning(StringBuilder sb, java.util.List<FitSummary.BicEntry> search, String degeneracy) {
    int chosen = g.numComponents();
    int last = search.get(search.size() - 1).k();
    boolean othersExcluded = search.stream().allMatch(e -> e.k() == chosen || e.excluded() != null);
    if (degeneracy != null) {
      sb.append("Warning: every k tried was excluded; the lowest BIC is shown. Set -N to fit a given number of "
          + "clusters\n");
    } else if (chosen == 1 && search.size() > 1 && othersExcluded) {
      sb.append("Warning: every k from 2 to ").append(last).append(" was excluded (see above), so k = 1 is chosen by "
          + "default, not by BIC. Set -N to fit a given number of clusters\n");
    } else if (chosen == last && search.size() > 1) {
      sb.append("Note: BIC is lowest at the largest k tried (").append(last).append("); raise -max-clusters to look "
          + "further\n");
    }
  }

  /** Six decimals, or six significant digits where decimals would show nothing (tiny or huge values). */
  private static String number(double v) {
    double m = Math.abs(v);
    return String.format(Locale.ROOT, m == 0 || m >= 1e-3 && m < 1e9 ? "%14.6f" : "%14.6g", v);
  }

  private void component(StringBuilder sb, int j) {
    double[] mean = g.mean(j);
    double[] var = g.variances(j);
    boolean matrix = (g.covarianceType() == CovarianceType.FULL || g.covarianceType() == CovarianceType.TIED)
        && numeric.length <= MAX_MATRIX_DIM;
    for (int a = 0; a < numeric.length; a++) {
      sb.append(String.format(Locale.ROOT, "  %-20s mean %s   variance %s%n",
          header.attribute(numeric[a]).name(), number(mean[a]), number(var[a])));
    }
    if (matrix) {
      sb.append("  covariance matrix:\n");
      double[][] c = g.covariance(j);
      for (double[] row : c) {
        sb.append("   ");
        for (double v : row) {
          sb.append(String.format(Locale.ROOT, " %13.6g", v));
        }
        sb.append("\n");
      }
    }
    for (int a = 0; a < nominal.length; a++) {
      Attribute att = header.attribute(nominal[a]);
      double[] p = g.categoryProbabilities(j, a);
      sb.append(String.format(Locale.ROOT, "  %-20s", att.name()));
      for (int v = 0; v < p.length; v++) {
        sb.append(String.format(Locale.ROOT, " %s=%.4f", att.value(v), p[v]));
      }
      sb.append("\n");
    }
  }
}
