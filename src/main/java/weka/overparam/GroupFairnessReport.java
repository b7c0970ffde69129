// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;

/** Plain-text tables of group error rates and fairness-constrained thresholds. */
public final class GroupFairnessReport {
  private GroupFairnessReport() {}

  /** A table with rows error, FPR, FNR and positive rate for S, R and all rows, plus the gap. */
  public static String ratesTable(GroupMetrics m, String sensitiveName) {
    StringBuilder sb = new StringBuilder();
    String s = "S (" + sensitiveName + ")";
    sb.append(String.format("  %-14s %10s %22s %10s %8s%n", "", "all", s, "R (rest)", "|gap|"));
    row(sb, "error", m.overall().error(), m.sensitive().error(), m.reference().error());
    row(sb, "FPR", m.overall().fpr(), m.sensitive().fpr(), m.reference().fpr());
    row(sb, "FNR", m.overall().fnr(), m.sensitive().fnr(), m.reference().fnr());
    row(sb, "positive rate", m.overall().positiveRate(), m.sensitive().positiveRate(),
        m.reference().positiveRate());
    sb.append(String.format("  %-14s %10s %22s %10s%n", "weight", num(m.overall().weight()),
        num(m.sensitive().weight()), num(m.reference().weight())));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, double all, double s, double r) {
    sb.append(String.format("  %-14s %10s %22s %10s %8s%n", name, num(all), num(s), num(r), num(Math.abs(s - r))));
  }

  /** A number with 4 decimals, or "n/a" for NaN. */
  public static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
  }

  /** One line describing a constrained choice (thresholds also as probabilities). */
  public static String choice(ThresholdSearch.Choice c, MinDiffLabel label, double tolerance) {
    if (!c.feasible()) {
      return "no threshold pair keeps the " + label.rateName() + " gap <= " + tolerance;
    }
    return String.format("error %s with thresholds tau_S = %.4f, tau_R = %.4f (probabilities %.4f, %.4f); "
        + "%s gap %s", num(c.error()), c.tauS(), c.tauR(), sigmoid(c.tauS()), sigmoid(c.tauR()),
        label.rateName(), num(c.gap()));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
