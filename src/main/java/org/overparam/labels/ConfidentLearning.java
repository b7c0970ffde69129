// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.overparam.common.ArgMax;

/**
 * Confident learning's list of label issues (cleanlab's {@code find_label_issues}) from
 * out-of-sample class probabilities: the calibrated {@link ConfidentJoint} says how many instances
 * of each given class are wrong and into which class; an {@link IssueFilter} picks them; a
 * {@link QualityScore} orders them, most suspicious first.
 *
 * <p>Differences from cleanlab 2.x, all minor: among several classes above their thresholds the
 * most probable of those is taken (cleanlab takes the overall most probable class); rounding keeps
 * row totals by largest remainders; the at-least-one-per-class rule removes the reduction from the
 * largest off-diagonal cells instead of spreading it.
 */
public final class ConfidentLearning {
  private ConfidentLearning() {}

  /** The instances every class keeps (cleanlab's {@code min_examples_per_class}). */
  static final int MIN_KEPT_PER_CLASS = 1;

  /**
   * The issues found.
   *
   * @param joint the confident joint they came from
   * @param issues the reported instances, most suspicious first
   * @param isIssue per instance, whether it is reported
   */
  public record Result(ConfidentJoint joint, int[] issues, boolean[] isIssue) {
    public Result {
      issues = issues.clone();
      isIssue = isIssue.clone();
    }

    @Override
    public int[] issues() {
      return issues.clone();
    }

    @Override
    public boolean[] isIssue() {
      return isIssue.clone();
    }
  }

  /**
   * Finds the label issues.
   *
   * @param labels given label per instance
   * @param probs out-of-sample class probabilities per instance
   * @param numClasses number of classes
   * @param filter which instances to report
   * @param rankBy the order of the report (lowest score first)
   * @throws IllegalArgumentException for inconsistent inputs (see {@link ConfidentJoint#checkInputs})
   */
  public static Result find(int[] labels, double[][] probs, int numClasses, IssueFilter filter, QualityScore rankBy) {
    ConfidentJoint joint = ConfidentJoint.compute(labels, probs, numClasses);
    int n = labels.length;
    boolean[] mask = switch (filter) {
      case PRUNE_BY_NOISE_RATE -> byNoiseRate(labels, probs, pruneCounts(joint));
      case PRUNE_BY_CLASS -> byClass(labels, probs, pruneCounts(joint));
      case BOTH -> and(byNoiseRate(labels, probs, pruneCounts(joint)), byClass(labels, probs, pruneCounts(joint)));
      case CONFIDENT_JOINT -> offDiagonal(labels, joint);
    };
    for (int i = 0; i < n; i++) {
      // the model agrees with the given label, or ties it with another (uninformative probabilities, e.g. from
      // constant features, would otherwise flag every label that is not the lowest-numbered class): not an issue
      if (mask[i] && probs[i][labels[i]] >= probs[i][ArgMax.of(probs[i])]) {
        mask[i] = false;
      }
    }
    double[] score = rankBy.scores(probs, labels);
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        found.add(i);
      }
    }
    found.sort(Comparator.comparingDouble((Integer i) -> score[i]).thenComparingInt(i -> i));
    return new Result(joint, found.stream().mapToInt(Integer::intValue).toArray(), mask);
  }

  /**
   * The calibrated joint with at least {@link #MIN_KEPT_PER_CLASS} instance kept on each diagonal
   * cell of a class that has that many: the shortfall is taken from the largest off-diagonal cells.
   */
  static int[][] pruneCounts(ConfidentJoint joint) {
    int[][] m = joint.calibrated();
    int[] given = joint.givenCounts();
    for (int a = 0; a < m.length; a++) {
      int keep = Math.min(MIN_KEPT_PER_CLASS, given[a]);
      while (m[a][a] < keep) {
        int largest = -1;
        for (int b = 0; b < m.length; b++) {
          if (b != a && m[a][b] > 0 && (largest < 0 || m[a][b] > m[a][largest])) {
            largest = b;
          }
        }
        if (largest < 0) {
          break;
        }
        m[a][largest]--;
        m[a][a]++;
      }
    }
    return m;
  }

  /** Per cell (ỹ, j ≠ ỹ): the m[ỹ][j] instances labelled ỹ with the largest p̂(j) − p̂(ỹ) (ties: lower index). */
  private static boolean[] byNoiseRate(int[] labels, double[][] probs, int[][] m) {
    boolean[] mask = new boolean[labels.length];
    for (int a = 0; a < m.length; a++) {
      int[] members = membersOf(labels, a);
      for (int b = 0; b < m.length; b++) {
        int count = Math.min(m[a][b], members.length);
        if (b == a || count <= 0) {
          continue;
        }
        final int given = a;
        final int other = b;
        Integer[] order = boxed(members);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -(probs[i][other] - probs[i][given]))
            .thenComparingInt(i -> i));
        for (int r = 0; r < count; r++) {
          mask[order[r]] = true;
        }
      }
    }
    return mask;
  }

  /** Per given class ỹ: as many instances as row ỹ's off-diagonal mass, lowest p̂(ỹ) first. */
  private static boolean[] byClass(int[] labels, double[][] probs, int[][] m) {
    boolean[] mask = new boolean[labels.length];
    for (int a = 0; a < m.length; a++) {
      int count = 0;
      for (int b = 0; b < m.length; b++) {
        count += b == a ? 0 : m[a][b];
      }
      final int given = a;
      Integer[] order = boxed(membersOf(labels, a));
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probs[i][given]).thenComparingInt(i -> i));
      for (int r = 0; r < Math.min(count, order.length); r++) {
        mask[order[r]] = true;
      }
    }
    return mask;
  }

  private static boolean[] offDiagonal(int[] labels, ConfidentJoint joint) {
    boolean[] mask = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int c = joint.confidentClass(i);
      mask[i] = c >= 0 && c != labels[i];
    }
    return mask;
  }

  private static boolean[] and(boolean[] x, boolean[] y) {
    boolean[] out = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] && y[i];
    }
    return out;
  }

  private static int[] membersOf(int[] labels, int c) {
    return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
  }

  private static Integer[] boxed(int[] v) {
    return Arrays.stream(v).boxed().toArray(Integer[]::new);
  }
}
