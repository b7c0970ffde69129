// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value range of one axis and its ticks: linear with "nice" steps (1, 2, 5 times a power of
 * ten), or logarithmic with ticks at powers of ten. A degenerate range (one value) is widened so
 * that the value sits in the middle of the axis instead of dividing by zero.
 */
record AxisScale(double min, double max, boolean log) {

  /** Values spanning at least this ratio (three decades), all positive, get a log scale. */
  static final double LOG_RATIO = 1000;

  AxisScale {
    if (!(min < max) || (log && !(min > 0))) {
      throw new IllegalArgumentException("axis range must be increasing (and positive on a log axis), got ["
          + min + ", " + max + "]" + (log ? " on a log axis" : ""));
    }
  }

  /** A y axis for the finite values: log when they are positive and span {@link #LOG_RATIO}; padded to ticks. */
  static AxisScale forValues(double lo, double hi, int maxTicks) {
    if (lo > 0 && hi / lo >= LOG_RATIO) {
      return new AxisScale(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi))), true);
    }
    double[] range = widened(lo, hi);
    double step = niceStep(range[1] - range[0], maxTicks, false);
    return new AxisScale(Math.floor(range[0] / step) * step, Math.ceil(range[1] / step) * step, false);
  }

  /** An x axis over the steps, exact at both ends; integer steps keep integer ticks. */
  static AxisScale forSteps(double lo, double hi) {
    double[] range = widened(lo, hi);
    return new AxisScale(range[0], range[1], false);
  }

  private static double[] widened(double lo, double hi) {
    if (lo < hi) {
      return new double[] {lo, hi};
    }
    double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
    return new double[] {lo - pad, hi + pad};
  }

  /** Where {@code v} lies on the axis: 0 at min, 1 at max. */
  double fraction(double v) {
    return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
  }

  /** At most about {@code maxTicks} tick values inside the range. */
  List<Double> ticks(int maxTicks, boolean integersOnly) {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      int lo = (int) Math.ceil(Math.log10(min) - 1e-9);
      int hi = (int) Math.floor(Math.log10(max) + 1e-9);
      int every = Math.max(1, (int) Math.ceil((hi - lo + 1) / (double) maxTicks));
      for (int e = lo; e <= hi; e += every) {
        ticks.add(Math.pow(10, e));
      }
      return ticks;
    }
    double step = tickStep(maxTicks, integersOnly);
    for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
      ticks.add(i * step == 0 ? 0.0 : i * step); // no "-0"
    }
    return ticks;
  }

  /** The spacing of {@link #ticks}: a nice step, at least 1 on an integer axis. */
  double tickStep(int maxTicks, boolean integersOnly) {
    return niceStep(max - min, maxTicks, integersOnly);
  }

  static double niceStep(double range, int maxTicks, boolean integersOnly) {
    double raw = range / Math.max(1, maxTicks);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude * (1 - 1e-9); // a range of 1.2000000000000002 - 0.2 asks for steps of 0.2, not 0.5
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    double step = nice * magnitude;
    return integersOnly ? Math.max(1, Math.rint(step)) : step;
  }

  /** A tick label with as many decimals as the tick spacing needs. */
  String label(double tick, double step) {
    if (log) {
      int e = (int) Math.round(Math.log10(tick));
      return e >= -3 && e <= 4 ? plain(tick, Math.max(0, -e)) : "1e" + e;
    }
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    if (magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0)) {
      return String.format(Locale.ROOT, "%.2g", tick);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return plain(tick, decimals);
  }

  private static String plain(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
