// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.overparam.common.Checks;

/**
 * The labels SOP believes are wrong, computed from the final noise variables.
 *
 * <p>Per training row: the score ‖s_i‖ (s_i = U_i − V_i; large when the noise term had to absorb
 * the label), the given label, a suggested label and a flag. A row is flagged when
 * argmax(y_i − s_i) ≠ k_i, i.e. some V_ic exceeds 1 − U_ik; its suggested label is then
 * argmax(y_i − s_i). Otherwise the suggestion is the network's prediction for the row at its last
 * training visit. Immutable and serializable; the noise variables themselves are not kept.
 */
public final class NoiseReport implements Serializable {
  private static final long serialVersionUID = 6315937318216041541L;

  /** One row of the report. {@code row} is the id supplied for the training row (e.g. its index in the user's data). */
  public record Entry(int row, int givenLabel, int suggestedLabel, double score, boolean flagged) {}

  private final int[] rowIds;
  private final int[] given;
  private final int[] suggested;
  private final double[] scores;
  private final double[] labelTerms;
  private final boolean[] flagged;

  private NoiseReport(int[] rowIds, int[] given, int[] suggested, double[] scores, double[] labelTerms, boolean[] flagged) {
    this.rowIds = rowIds;
    this.given = given;
    this.suggested = suggested;
    this.scores = scores;
    this.labelTerms = labelTerms;
    this.flagged = flagged;
  }

  /**
   * Builds the report.
   *
   * @param labels given label per row
   * @param u noise scalar per row
   * @param v noise vector per row
   * @param networkPrediction the network's hard prediction per row, or −1 where unknown
   */
  public static NoiseReport compute(int[] labels, double[] u, double[][] v, int[] networkPrediction) {
    int n = labels.length;
    Checks.require(u.length == n && v.length == n && networkPrediction.length == n, "report arrays differ in length");
    int[] suggested = new int[n];
    double[] scores = new double[n];
    double[] labelTerms = new double[n];
    boolean[] flagged = new boolean[n];
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      int k = labels[i];
      double uTerm = SopLoss.labelTerm(u[i]);
      labelTerms[i] = uTerm;
      double squares = uTerm * uTerm;
      int best = -1;
      double bestV = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < v[i].length; c++) {
        if (c != k) {
          double vTerm = SopLoss.otherTerm(v[i][c]);
          squares += vTerm * vTerm;
          if (vTerm > bestV) {
            bestV = vTerm;
            best = c;
          }
        }
      }
      scores[i] = Math.sqrt(squares);
      flagged[i] = bestV > 1 - uTerm;
      suggested[i] = flagged[i] ? best : (networkPrediction[i] >= 0 ? networkPrediction[i] : k);
    }
    return new NoiseReport(ids, labels.clone(), suggested, scores, labelTerms, flagged);
  }

  /** The same report with row i renamed to {@code rowIds[i]} (e.g. its index before missing-class rows were removed). */
  public NoiseReport withRowIds(int[] rowIds) {
    Checks.require(rowIds.length == given.length, "need " + given.length + " row ids, got " + rowIds.length);
    return new NoiseReport(rowIds.clone(), given, suggested, scores, labelTerms, flagged);
  }

  public int size() {
    return given.length;
  }

  /** Entry of training row {@code i} (position in the training set). */
  public Entry entry(int i) {
    return new Entry(rowIds[i], given[i], suggested[i], scores[i], flagged[i]);
  }

  /** Positions sorted by decreasing score (ties: lower position first). */
  public int[] ranking() {
    Integer[] order = new Integer[given.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** The {@code k} entries with the largest score, largest first. */
  public List<Entry> top(int k) {
    Checks.nonNegative("noise-report-top-k", k);
    int[] order = ranking();
    List<Entry> out = new ArrayList<>(Math.min(k, order.length));
    for (int r = 0; r < Math.min(k, order.length); r++) {
      out.add(entry(order[r]));
    }
    return out;
  }

  /** Number of rows flagged as mislabelled. */
  public int numFlagged() {
    int count = 0;
    for (boolean f : flagged) {
      count += f ? 1 : 0;
    }
    return count;
  }

  /** Mean of U_i over flagged ({@code true}) or unflagged rows; NaN if there are none. */
  public double meanLabelTerm(boolean overFlagged) {
    double s = 0;
    int count = 0;
    for (int i = 0; i < given.length; i++) {
      if (flagged[i] == overFlagged) {
        s += labelTerms[i];
        count++;
      }
    }
    return count == 0 ? Double.NaN : s / count;
  }
}
