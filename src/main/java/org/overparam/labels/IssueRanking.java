// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import java.util.Arrays;
import java.util.Comparator;
import org.overparam.common.Checks;

/**
 * All instances ordered from most to least likely mislabelled by one {@link RankingMethod}, with
 * the suspicion score behind the order (higher: more suspicious), a suggested label per instance,
 * and how many instances the method itself would list (its estimate of the number of wrong labels).
 *
 * @param order instance indices, most suspicious first (ties: lower index first)
 * @param suspicion per instance; the order sorts it in decreasing order
 * @param suggested per instance, the label suggested instead of the given one
 * @param numListed the method's own estimate of the number of wrong labels
 */
public record IssueRanking(int[] order, double[] suspicion, int[] suggested, int numListed) {
  public IssueRanking {
    order = order.clone();
    suspicion = suspicion.clone();
    suggested = suggested.clone();
  }

  @Override
  public int[] order() {
    return order.clone();
  }

  @Override
  public double[] suspicion() {
    return suspicion.clone();
  }

  @Override
  public int[] suggested() {
    return suggested.clone();
  }

  public int size() {
    return order.length;
  }

  /** How many top instances to report: {@code requested}, or when negative the method's estimate; at most all. */
  public int topCount(int requested) {
    return Math.min(requested >= 0 ? requested : numListed, order.length);
  }

  /**
   * Confident learning: its issues first, then the others, each part by {@code rankBy}. Suspicion
   * is 1 − score, plus 3 for an issue (scores lie in [−1, 1], so issues always rank first).
   */
  public static IssueRanking confidentLearning(int[] labels, double[][] probs, int numClasses, IssueFilter filter,
      QualityScore rankBy) {
    ConfidentLearning.Result cl = ConfidentLearning.find(labels, probs, numClasses, filter, rankBy);
    boolean[] issue = cl.isIssue();
    double[] score = rankBy.scores(probs, labels);
    double[] suspicion = new double[labels.length];
    for (int i = 0; i < suspicion.length; i++) {
      suspicion[i] = (issue[i] ? 3 : 0) + 1 - score[i];
    }
    return new IssueRanking(descending(suspicion), suspicion, suggestions(labels, probs), cl.issues().length);
  }

  /**
   * Out-of-sample self-confidence: suspicion 1 − p̂(ỹ | x). The number listed is confident
   * learning's estimate from the calibrated joint.
   */
  public static IssueRanking selfConfidence(int[] labels, double[][] probs, int numClasses) {
    ConfidentJoint joint = ConfidentJoint.compute(labels, probs, numClasses);
    double[] suspicion = new double[labels.length];
    for (int i = 0; i < suspicion.length; i++) {
      suspicion[i] = 1 - probs[i][labels[i]];
    }
    return new IssueRanking(descending(suspicion), suspicion, suggestions(labels, probs), joint.numIssues());
  }

  /**
   * SOP's noise report: suspicion ‖s_i‖.
   *
   * @param sopScore SOP's noise score per instance
   * @param sopSuggested SOP's suggested label per instance
   * @param numFlagged how many instances SOP flags as mislabelled
   */
  public static IssueRanking sop(double[] sopScore, int[] sopSuggested, int numFlagged) {
    Checks.require(sopScore.length == sopSuggested.length, "SOP scores and suggestions differ in number");
    Checks.finite("SOP noise scores", sopScore);
    return new IssueRanking(descending(sopScore), sopScore, sopSuggested, numFlagged);
  }

  /**
   * SOP's noise score combined with the out-of-sample self-confidence. The number listed is
   * confident learning's estimate; the suggestion is the most probable other class out of sample.
   */
  public static IssueRanking combined(int[] labels, double[][] probs, int numClasses, double[] sopScore,
      ScoreCombination combination) {
    ConfidentJoint joint = ConfidentJoint.compute(labels, probs, numClasses);
    double[] suspicion = combination.combine(sopScore, QualityScore.SELF_CONFIDENCE.scores(probs, labels));
    return new IssueRanking(descending(suspicion), suspicion, suggestions(labels, probs), joint.numIssues());
  }

  /** Indices by decreasing value, ties by increasing index. */
  public static int[] descending(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -v[i]).thenComparingInt(i -> i));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static int[] suggestions(int[] labels, double[][] probs) {
    int[] s = new int[labels.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = QualityScore.bestOther(probs[i], labels[i]);
    }
    return s;
  }
}
