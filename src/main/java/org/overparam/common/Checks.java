// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

/** Argument checks that name the option and the offending value. */
public final class Checks {
  private Checks() {}

  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static int positive(String option, int value) {
    require(value > 0, option + " must be > 0, got " + value);
    return value;
  }

  public static double positive(String option, double value) {
    require(value > 0 && Double.isFinite(value), option + " must be a finite number > 0, got " + value);
    return value;
  }

  public static int nonNegative(String option, int value) {
    require(value >= 0, option + " must be >= 0, got " + value);
    return value;
  }

  public static double nonNegative(String option, double value) {
    require(value >= 0 && Double.isFinite(value), option + " must be a finite number >= 0, got " + value);
    return value;
  }

  /** {@code lo <= value <= hi}. */
  public static double inClosed(String option, double value, double lo, double hi) {
    require(value >= lo && value <= hi, option + " must be in [" + lo + ", " + hi + "], got " + value);
    return value;
  }

  /**
   * Refuses work whose arrays ({@code bytes} in all) cannot fit in the Java heap, before minutes of allocation end in
   * an OutOfMemoryError: "{@code what} needs about N MB, more than the M MB Java may use (-Xmx){@code remedy}".
   */
  public static void fitsInHeap(String what, double bytes, String remedy) {
    long heap = Runtime.getRuntime().maxMemory();
    require(bytes <= heap, String.format(java.util.Locale.ROOT, "%s needs about %,.0f MB, more than the %,d MB Java "
        + "may use (-Xmx)%s", what, bytes / (1 << 20), heap >> 20, remedy));
  }

  /** Throws if any entry is NaN or infinite, naming what and where. */
  public static void finite(String what, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " contains a non-finite value (" + values[i] + ") at position " + (i + 1));
      }
    }
  }

  /**
   * Polls the thread's interrupt flag (the Explorer's Stop button) and throws. The flag stays set:
   * the Explorer reads it afterwards to report "Interrupted" instead of leaving its status at
   * "Building model...".
   */
  public static void checkInterrupted() throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("training interrupted");
    }
  }
}
