// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.List;
import java.util.Locale;

/** The text of {@code toString()}: configuration, fit facts and the leading components. */
public final class KgdReport {
  private KgdReport() {}

  /**
   * @param summary the fit
   * @param options the option line of the learner
   * @param target the name of the predicted variable
   */
  public static String format(FitSummary summary, String options, String target) {
    StringBuilder s = new StringBuilder();
    s.append("OverparameterizedKernelGD").append(summary.baseline() ? " (baseline: vanilla kernel GD)" : "")
        .append("\n\nOptions: ").append(options).append("\n\n");
    line(s, "Target", target);
    line(s, "Basis", summary.basis());
    line(s, "Kernel", summary.kernel().toString());
    line(s, "Rows n / components r", summary.n() + " / " + summary.rank());
    line(s, "Noise sigma / eps", fmt("%.5g (target units) / %.5g (standardised)", summary.sigma(),
        summary.epsilon()));
    if (summary.baseline()) {
      line(s, "Eigenvalue factors", "frozen at sqrt(lambda_j)");
    } else {
      line(s, "Depth D / b0", fmt("%d / %.5g", summary.depth(), summary.b0()));
    }
    line(s, "Dynamics", summary.dynamics());
    line(s, "Stopping time t", fmt("%.6g", summary.time()));
    line(s, "Chosen by", summary.howChosen());
    FitSummary.ValidationCurve curve = summary.validation();
    if (curve != null) {
      double best = curve.bestTime();
      line(s, "Validation rows", curve.validationRows() + " (model on " + curve.trainingRows() + ")");
      line(s, "Validation MSE at t*", fmt("%.6g (t* = %.5g)", curve.mse()[curve.best()], best));
      line(s, "Validation MSE near t*/2", neighbour(curve, best / 2, "t*/2"));
      line(s, "Validation MSE near 2t*", neighbour(curve, 2 * best, "2t*"));
    }
    line(s, "Training MSE", fmt("%.6g", summary.trainMse()));
    for (String warning : summary.warnings()) {
      line(s, "Warning", warning);
    }
    for (String note : summary.notes() == null ? List.<String>of() : summary.notes()) {
      line(s, "Note", note);
    }
    s.append("\nTop components by |theta_j| (standardised target; eigen term (a_j b_j^D)^2: initial -> learned)\n");
    s.append(fmt("%6s %12s %12s %12s %12s %12s %8s%n", "j", "lambda_j", "z_j", "theta_j", "initial", "learned",
        "ratio"));
    for (FitSummary.Component c : summary.components()) {
      s.append(fmt("%6d %12.4e %12.4e %12.4e %12.4e %12.4e %8.3g%n", c.index(), c.lambda(), c.z(), c.theta(),
          c.initialTerm(), c.learnedTerm(), c.learnedTerm() / c.initialTerm()));
    }
    return s.toString();
  }

  /** The validation MSE at the grid time nearest t, or why there is none (t outside the grid: t* is at its edge). */
  private static String neighbour(FitSummary.ValidationCurve curve, double t, String name) {
    int i = curve.nearest(t);
    if (i == curve.best()) {
      double[] times = curve.times();
      if (t > times[times.length - 1]) {
        return fmt("none: %s = %.5g lies beyond the grid's end (t = %.5g)", name, t, times[times.length - 1]);
      }
      if (t < times[0]) {
        return fmt("none: %s = %.5g lies before the grid's start (t = %.5g)", name, t, times[0]);
      }
      return fmt("none: no checkpoint lies nearer to %s = %.5g than t* itself", name, t);
    }
    return fmt("%.6g (t = %.5g)", curve.mse()[i], curve.times()[i]);
  }

  private static void line(StringBuilder s, String key, String value) {
    s.append(String.format(Locale.ROOT, "%-26s %s%n", key + ":", value));
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
