// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.Arrays;

/**
 * Training or test rows for the mixture: numeric attributes in one row-major block (NaN marks a
 * missing value, which only {@link Builder#missingNumeric} can create), nominal attributes as
 * category codes (-1 = missing), and instance weights.
 *
 * <p>The factories reject NaN and infinite inputs with a message naming the row and column;
 * missing values must be declared explicitly.
 */
public final class MixtureData {
  final int n;
  final int d;
  final int m;
  /** n*d, row-major; NaN = missing. */
  final double[] x;
  /** n*m category codes; -1 = missing. */
  final int[] cat;
  final int[] numCategories;
  final double[] w;
  /** True for rows with at least one missing numeric value. */
  final boolean[] rowMissing;
  final boolean anyMissing;
  final double totalWeight;

  private MixtureData(int n, int d, int[] numCategories, double[] x, int[] cat, double[] w) {
    this.n = n;
    this.d = d;
    this.m = numCategories.length;
    this.numCategories = numCategories;
    this.x = x;
    this.cat = cat;
    this.w = w;
    this.rowMissing = new boolean[n];
    boolean any = false;
    double tw = 0;
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        if (Double.isNaN(x[i * d + a])) {
          rowMissing[i] = true;
          any = true;
        }
      }
      tw += w[i];
    }
    this.anyMissing = any;
    this.totalWeight = tw;
  }

  /**
   * Adds, over the rows, the lower triangle of Σ w c cᵀ (c = x − mean, 0 where a value is missing) to the d × d
   * row-major block at the start of {@code sums}, and, if {@code observedSquares}, per attribute Σ w (x − mean)²
   * over its observed values to the d entries after it.
   */
  void addCentredSums(double[] mean, double[] sums, boolean observedSquares) {
    double[] c = new double[d];
    for (int i = 0; i < n; i++) {
      double wi = w[i];
      for (int a = 0; a < d; a++) {
        double v = x[i * d + a];
        c[a] = Double.isNaN(v) ? 0 : v - mean[a];
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          sums[a * d + b] += wi * c[a] * c[b];
        }
        if (observedSquares && !Double.isNaN(x[i * d + a])) {
          sums[d * d + a] += wi * c[a] * c[a];
        }
      }
    }
  }

  /**
   * A numeric-only block taken as it is (row-major, NaN = missing; no copy, no checks): for callers
   * in this package that validated the values.
   */
  static MixtureData ofRowMajor(int n, int d, double[] x, double[] w) {
    return new MixtureData(n, d, new int[0], x, new int[0], w);
  }

  /** Numeric rows with unit weights. */
  public static MixtureData of(double[][] rows) {
    double[] w = new double[rows.length];
    Arrays.fill(w, 1.0);
    return of(rows, w);
  }

  /** Numeric rows with instance weights (finite, >= 0). */
  public static MixtureData of(double[][] rows, double[] weights) {
    if (weights.length != rows.length) {
      throw new IllegalArgumentException("got " + weights.length + " instance weights for " + rows.length + " rows");
    }
    int d = rows.length == 0 ? 0 : rows[0].length;
    Builder b = builder(rows.length, d, new int[0]);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("row " + (i + 1) + " has " + rows[i].length + " values, expected " + d);
      }
      for (int a = 0; a < d; a++) {
        b.numeric(i, a, rows[i][a]);
      }
      b.weight(i, weights[i]);
    }
    return b.build();
  }

  /** A builder for mixed numeric/nominal data with explicit missing values; all weights start at 1. */
  public static Builder builder(int n, int d, int[] numCategories) {
    return new Builder(n, d, numCategories);
  }

  public int numRows() {
    return n;
  }

  public int numNumeric() {
    return d;
  }

  public int numNominal() {
    return m;
  }

  public double totalWeight() {
    return totalWeight;
  }

  /** Number of rows with a weight > 0. */
  int numPositiveRows() {
    int c = 0;
    for (double v : w) {
      if (v > 0) {
        c++;
      }
    }
    return c;
  }

  /** Row i's numeric values (NaN = missing), copied. */
  public double[] numericRow(int i) {
    return Arrays.copyOfRange(x, i * d, (i + 1) * d);
  }

  /** Row i's category codes (-1 = missing), copied. */
  public int[] nominalRow(int i) {
    return Arrays.copyOfRange(cat, i * m, (i + 1) * m);
  }

  /** Fills a {@link MixtureData}; every setter validates its value. */
  public static final class Builder {
    private final int n;
    private final int d;
    private final int[] numCategories;
    private final double[] x;
    private final int[] cat;
    private final double[] w;

    private Builder(int n, int d, int[] numCategories) {
      if (n < 0 || d < 0) {
        throw new IllegalArgumentException("negative size: " + n + " rows, " + d + " numeric attributes");
      }
      this.n = n;
      this.d = d;
      this.numCategories = numCategories.clone();
      for (int c : this.numCategories) {
        if (c < 1) {
          throw new IllegalArgumentException("a nominal attribute needs at least one category, got " + c);
        }
      }
      this.x = new double[Math.multiplyExact(n, d)];
      this.cat = new int[Math.multiplyExact(n, numCategories.length)];
      this.w = new double[n];
      Arrays.fill(w, 1.0);
    }

    public Builder numeric(int i, int a, double v) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("numeric attribute " + (a + 1) + " of instance " + (i + 1) + " is " + v
            + "; NaN and infinite values are not allowed (declare missing values explicitly)");
      }
      x[i * d + a] = v;
      return this;
    }

    public Builder missingNumeric(int i, int a) {
      x[i * d + a] = Double.NaN;
      return this;
    }

    public Builder nominal(int i, int a, int code) {
      if (code < 0 || code >= numCategories[a]) {
        throw new IllegalArgumentException("nominal attribute " + (a + 1) + " of instance " + (i + 1) + " has code " + code
            + ", expected 0.." + (numCategories[a] - 1));
      }
      cat[i * numCategories.length + a] = code;
      return this;
    }

    public Builder missingNominal(int i, int a) {
      cat[i * numCategories.length + a] = -1;
      return this;
    }

    public Builder weight(int i, double v) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("instance " + (i + 1) + " has weight " + v + "; instance weights must be finite and >= 0");
      }
      w[i] = v;
      return this;
    }

    public MixtureData build() {
      return new MixtureData(n, d, numCategories.clone(), x.clone(), cat.clone(), w.clone());
    }
  }
}
