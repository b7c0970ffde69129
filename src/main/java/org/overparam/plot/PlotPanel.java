// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.overparam.common.TrainingHistory;

/**
 * One small multiple: the series of a history that share a panel ("accuracy/train" and
 * "accuracy/validation" in panel "accuracy"), against the history's steps.
 */
record PlotPanel(String title, String stepName, double[] steps, List<String> seriesNames, List<double[]> series) {

  /** The panels of a history, in the order of {@link TrainingHistory#panels()}. */
  static List<PlotPanel> of(TrainingHistory history) {
    List<PlotPanel> panels = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : history.panels().entrySet()) {
      List<String> names = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (String column : e.getValue()) {
        names.add(TrainingHistory.seriesOf(column));
        values.add(history.column(column));
      }
      panels.add(new PlotPanel(e.getKey(), history.stepName(), history.steps(), names, values));
    }
    return panels;
  }

  /** Smallest and largest finite value over all series; {NaN, NaN} when there is none. */
  double[] valueRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : series) {
      for (double v : s) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
  }

  /**
   * The legend entries: the series names, and for a series equal to an earlier one at every step
   * (the dense first and last layers of a sparse network both at density 1) "(same as ...)", since
   * its line hides the earlier one.
   */
  List<String> legendNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      String name = seriesNames.get(i);
      for (int j = 0; j < i; j++) {
        if (Arrays.equals(series.get(i), series.get(j))) {
          name += " (same as " + seriesNames.get(j) + ")";
          break;
        }
      }
      names.add(name);
    }
    return names;
  }

  /** Whether some value is infinite (a diverged loss): it cannot be drawn, so the panel says so. */
  boolean hasInfinite() {
    for (double[] s : series) {
      for (double v : s) {
        if (Double.isInfinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether every step is a whole number (epochs, iterations, k), so ticks stay whole too. */
  boolean integerSteps() {
    for (double x : steps) {
      if (x != Math.rint(x)) {
        return false;
      }
    }
    return true;
  }
}
