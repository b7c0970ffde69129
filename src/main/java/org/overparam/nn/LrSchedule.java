// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

/** Learning-rate schedules over the whole run of T optimiser steps. */
public enum LrSchedule {
  /** The base rate throughout. */
  CONSTANT,
  /** ×0.1 at 50% and again at 75% of the steps (ITOP's schedule). */
  STEP,
  /** Cosine annealing from the base rate down to base × min-factor at the last step. */
  COSINE;

  /**
   * Learning rate for step {@code t} (0-based) of {@code total}.
   *
   * @param minFactor the final fraction of the base rate for {@link #COSINE}
   */
  public double rate(double base, long t, long total, double minFactor) {
    double progress = total <= 1 ? 0 : Math.min(1.0, (double) t / (total - 1));
    return switch (this) {
      case CONSTANT -> base;
      case STEP -> base * (progress >= 0.75 ? 0.01 : progress >= 0.5 ? 0.1 : 1.0);
      case COSINE -> base * (minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    };
  }
}
