// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays of rows ({@code double[rows][cols]}) kept per row count and handed out again, so that a training step makes
 * no garbage in proportion to its batch: with no collection in a run, every byte allocated stays in the process's
 * memory (issue 16). An epoch has two row counts, the batch's and the last one's; counts that keep changing are not
 * kept.
 */
final class RowArrays {
  private static final int KEPT = 8;
  private final Map<Integer, double[][]> byRows = new HashMap<>();

  /** An array of {@code rows} rows of {@code cols}, valid until the next call with as many rows; zeroed. */
  double[][] zeroed(int rows, int cols) {
    double[][] a = reused(rows, cols);
    for (double[] row : a) {
      Arrays.fill(row, 0);
    }
    return a;
  }

  /** The same, holding what it last held (for a caller that writes every value). */
  double[][] reused(int rows, int cols) {
    double[][] a = byRows.get(rows);
    if (a == null || rows > 0 && a[0].length != cols) {
      if (byRows.size() >= KEPT) {
        byRows.clear();
      }
      a = new double[rows][cols];
      byRows.put(rows, a);
    }
    return a;
  }
}
