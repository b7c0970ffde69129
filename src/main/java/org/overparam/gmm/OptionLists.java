// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/** Parses the list-valued options: "0.5,0.3,0.2" and "m11,m12;m21,m22". */
public final class OptionLists {
  private OptionLists() {}

  /** Comma-separated numbers; empty or blank gives an empty array. */
  public static double[] parseVector(String option, String text) {
    if (text == null || text.isBlank()) {
      return new double[0];
    }
    String[] parts = text.trim().split("\\s*,\\s*");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": cannot read '" + parts[i] + "' as a number in '" + text + "'");
      }
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(option + ": " + parts[i] + " is not a finite number");
      }
    }
    return v;
  }

  /** Rows separated by ';', values by ','; empty or blank gives null. */
  public static double[][] parseMatrix(String option, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] rows = text.trim().split("\\s*;\\s*");
    double[][] m = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      m[i] = parseVector(option, rows[i]);
    }
    return m;
  }
}
