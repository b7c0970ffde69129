// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import org.overparam.common.Checks;

/**
 * The confident joint of confident learning: counts of (given label, likely true label) pairs
 * estimated from out-of-sample class probabilities p̂(· | x_i).
 *
 * <ol>
 *   <li>Per-class thresholds t_j = mean of p̂(j | x_i) over the instances whose given label is j
 *       (+∞ for a class nobody has: nothing is confidently in it).
 *   <li>Instance i is confidently in class j when p̂(j | x_i) ≥ t_j; among several such classes,
 *       the one with the largest probability (the lowest index on ties). An instance with no such
 *       class is not counted.
 *   <li>C[ỹ][y*] counts the instances with given label ỹ that are confidently in y*. As in cleanlab,
 *       every diagonal cell of a class that has instances is at least 1.
 *   <li>Calibration: each row is rescaled to the number of instances with that given label, the
 *       whole to n, and rounded to integers that keep each row's total (largest remainders).
 * </ol>
 *
 * <pre>
 * Northcutt, C. G., Jiang, L., Chuang, I. L. (2021). Confident Learning: Estimating Uncertainty in
 * Dataset Labels. Journal of Artificial Intelligence Research 70, 1373-1411. arXiv:1911.00068.
 * </pre>
 *
 * Immutable; accessors return copies.
 */
public final class ConfidentJoint {
  /**
   * Subtracted from each threshold before comparing, so that a class whose instances all have the
   * same probability (whose mean may round above it) still counts them (cleanlab subtracts 1e-6).
   */
  static final double THRESHOLD_SLACK = 1e-9;
  /** How far a row of probabilities may sum from 1 (a float32 softmax is off by about 1e-7). */
  static final double SUM_TOLERANCE = 1e-3;

  private final int numClasses;
  private final double[] thresholds;
  private final int[] confidentClass;
  private final int[][] counts;
  private final int[][] calibrated;
  private final int[] givenCounts;

  private ConfidentJoint(int numClasses, double[] thresholds, int[] confidentClass, int[][] counts,
      int[][] calibrated, int[] givenCounts) {
    this.numClasses = numClasses;
    this.thresholds = thresholds;
    this.confidentClass = confidentClass;
    this.counts = counts;
    this.calibrated = calibrated;
    this.givenCounts = givenCounts;
  }

  /**
   * Computes the thresholds, the confident class of every instance and the raw and calibrated joint.
   *
   * @param labels given label per instance, in [0, numClasses)
   * @param probs out-of-sample class probabilities per instance (rows of length numClasses, summing to 1)
   * @throws IllegalArgumentException for inputs of different lengths, a label out of range, or a row
   *     that is not a probability distribution (naming the instance, 1-based)
   */
  public static ConfidentJoint compute(int[] labels, double[][] probs, int numClasses) {
    checkInputs(labels, probs, numClasses);
    int n = labels.length;
    int[] givenCounts = new int[numClasses];
    double[] sums = new double[numClasses];
    for (int i = 0; i < n; i++) {
      givenCounts[labels[i]]++;
      sums[labels[i]] += probs[i][labels[i]];
    }
    double[] t = new double[numClasses];
    for (int j = 0; j < numClasses; j++) {
      t[j] = givenCounts[j] == 0 ? Double.POSITIVE_INFINITY : sums[j] / givenCounts[j];
    }
    int[] confident = new int[n];
    int[][] c = new int[numClasses][numClasses];
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int j = 0; j < numClasses; j++) {
        if (probs[i][j] >= t[j] - THRESHOLD_SLACK && (best < 0 || probs[i][j] > probs[i][best])) {
          best = j;
        }
      }
      confident[i] = best;
      if (best >= 0) {
        c[labels[i]][best]++;
      }
    }
    for (int k = 0; k < numClasses; k++) {
      if (givenCounts[k] > 0) {
        c[k][k] = Math.max(c[k][k], 1);
      }
    }
    return new ConfidentJoint(numClasses, t, confident, c, calibrate(c, givenCounts), givenCounts);
  }

  /** Rows rescaled to the given-label counts, the total to n, rounded keeping each row's total. */
  static int[][] calibrate(int[][] c, int[] givenCounts) {
    int k = c.length;
    double[][] scaled = new double[k][k];
    double total = 0;
    int n = 0;
    for (int a = 0; a < k; a++) {
      n += givenCounts[a];
      double rowSum = 0;
      for (int b = 0; b < k; b++) {
        rowSum += c[a][b];
      }
      for (int b = 0; b < k; b++) {
        scaled[a][b] = rowSum == 0 ? 0 : c[a][b] / rowSum * givenCounts[a];
        total += scaled[a][b];
      }
    }
    int[][] out = new int[k][];
    for (int a = 0; a < k; a++) {
      double rowTotal = 0;
      for (int b = 0; b < k; b++) {
        scaled[a][b] = total == 0 ? 0 : scaled[a][b] / total * n;
        rowTotal += scaled[a][b];
      }
      out[a] = roundPreservingTotal(scaled[a], (int) Math.round(rowTotal));
    }
    return out;
  }

  /**
   * Integers that sum to {@code total}: the floors, plus one for the entries with the largest
   * fractional parts (the lowest index on ties).
   */
  static int[] roundPreservingTotal(double[] v, int total) {
    int[] out = new int[v.length];
    int sum = 0;
    for (int j = 0; j < v.length; j++) {
      out[j] = (int) Math.floor(v[j] + 1e-9); // 2.9999999999 from a rescaling is 3
      sum += out[j];
    }
    while (sum < total) {
      int best = -1;
      double bestFrac = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < v.length; j++) {
        double frac = v[j] - out[j];
        if (frac > bestFrac) {
          bestFrac = frac;
          best = j;
        }
      }
      out[best]++;
      sum++;
    }
    return out;
  }

  /**
   * Checks that labels and probabilities fit together.
   *
   * @throws IllegalArgumentException naming the first problem (instances 1-based)
   */
  public static void checkInputs(int[] labels, double[][] probs, int numClasses) {
    Checks.require(numClasses >= 2, "need at least 2 classes, got " + numClasses);
    Checks.require(labels.length == probs.length, "labels (" + labels.length + ") and probability rows ("
        + probs.length + ") differ in number");
    Checks.require(labels.length > 0, "no instances");
    for (int i = 0; i < labels.length; i++) {
      Checks.require(labels[i] >= 0 && labels[i] < numClasses, "instance " + (i + 1) + ": label " + labels[i]
          + " is outside [0, " + numClasses + ")");
      Checks.require(probs[i].length == numClasses, "instance " + (i + 1) + ": " + probs[i].length
          + " probabilities for " + numClasses + " classes");
      double s = 0;
      for (double p : probs[i]) {
        Checks.require(p >= 0 && p <= 1 + SUM_TOLERANCE, "instance " + (i + 1) + ": probability " + p
            + " is outside [0, 1]");
        s += p;
      }
      Checks.require(Math.abs(s - 1) <= SUM_TOLERANCE, "instance " + (i + 1) + ": probabilities sum to " + s
          + ", not 1");
    }
  }

  public int numClasses() {
    return numClasses;
  }

  /** The per-class thresholds t_j. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** The class instance i is confidently in, or −1 when no class reaches its threshold. */
  public int confidentClass(int i) {
    return confidentClass[i];
  }

  /** The raw confident joint C[given][true] (diagonal at least 1 for classes with instances). */
  public int[][] counts() {
    return copy(counts);
  }

  /** The calibrated joint: row ỹ sums to the number of instances whose given label is ỹ. */
  public int[][] calibrated() {
    return copy(calibrated);
  }

  /** Number of instances per given label. */
  public int[] givenCounts() {
    return givenCounts.clone();
  }

  /** The estimated number of wrong labels per given class: the off-diagonal mass of its calibrated row. */
  public int[] numIssuesPerClass() {
    int[] out = new int[numClasses];
    for (int a = 0; a < numClasses; a++) {
      for (int b = 0; b < numClasses; b++) {
        out[a] += a == b ? 0 : calibrated[a][b];
      }
    }
    return out;
  }

  /** The estimated number of wrong labels in all. */
  public int numIssues() {
    int s = 0;
    for (int v : numIssuesPerClass()) {
      s += v;
    }
    return s;
  }

  private static int[][] copy(int[][] m) {
    int[][] out = new int[m.length][];
    for (int a = 0; a < m.length; a++) {
      out[a] = m[a].clone();
    }
    return out;
  }
}
