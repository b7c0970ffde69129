// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a network's progress while it trains: one line per epoch to the Explorer's
 * Log and status bar when Weka handed over its log ({@link weka.core.LogHandler}), to
 * java.util.logging at FINE, and to standard error with {@code -output-debug-info}. A line names the
 * epoch, the main metrics and an estimate of the time left, e.g.
 * {@code ItopSparseNetwork: epoch 12/100, loss 0.4312, accuracy 0.8810, R_s 0.3520 (0.80 s/epoch, at most 1 min 10 s left)}.
 */
public final class TrainingProgress {
  /** The metrics a progress line shows: training-history name, then the label shown, in line order. */
  private static final String[][] SHOWN = {
      {"loss/training", "loss"}, {"accuracy/training", "accuracy"}, {"RMSE/training", "RMSE"},
      {"loss/validation", "validation loss"}, {"accuracy/validation", "validation accuracy"},
      {"RMSE/validation", "validation RMSE"}, {"R_s/all layers", "R_s"}, {"MMD/training", "MMD"},
      {"labels flagged as noisy", "flagged"}};

  private final String learner;
  private final Logger logger;
  private weka.gui.Logger guiLog;
  private int planned;
  private long start;
  /** The epoch before the first one of this run (non-zero when resumed), -1 until it starts. */
  private int first;

  /** @param learner the name that starts each line */
  public TrainingProgress(String learner, Logger logger) {
    this.learner = learner;
    this.logger = logger;
  }

  public void setLog(weka.gui.Logger log) {
    this.guiLog = log;
  }

  public weka.gui.Logger log() {
    return guiLog;
  }

  /** Starts (or, for resumed training, extends) a run of {@code epochs} more epochs. */
  public void start(int epochs) {
    planned = epochs;
    start = System.nanoTime();
    first = -1;
  }

  /** Reports {@code epoch} (1-based, counted over the whole run) with its metrics. */
  public void epochDone(int epoch, Map<String, Double> metrics, boolean debug) {
    if (first < 0) {
      first = epoch - 1;
    }
    String line = line(epoch, metrics);
    logger.log(Level.FINE, line);
    if (debug) {
      System.err.println(line);
    }
    if (guiLog != null) {
      guiLog.logMessage(line);
      guiLog.statusMessage(line);
    }
  }

  String line(int epoch, Map<String, Double> metrics) {
    int done = epoch - first;
    StringBuilder sb = new StringBuilder(learner).append(": epoch ").append(epoch);
    if (planned > 0) {
      sb.append('/').append(first + planned);
    }
    for (String[] shown : SHOWN) {
      Double v = metrics.get(shown[0]);
      if (v != null && !v.isNaN()) {
        // (an RMSE is in the class's unit, which may be 1e12 or 1e-200: significant digits, not decimals)
        String format = shown[0].startsWith("RMSE/") ? "%.4g" : "%.4f";
        sb.append(", ").append(shown[1]).append(' ').append(String.format(Locale.ROOT, format, v));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sb.append(String.format(Locale.ROOT, " (%.2f s/epoch", seconds / done));
    int left = planned - done;
    if (left > 0) {
      sb.append(", at most ").append(duration(seconds / done * left)).append(" left");
    }
    return sb.append(')').toString();
  }

  /** "45 s", "3 min 20 s", "1 h 05 min". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
