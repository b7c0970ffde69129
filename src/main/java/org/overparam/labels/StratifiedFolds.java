// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import java.util.SplittableRandom;
import org.overparam.common.Checks;

/**
 * Fold assignment for K-fold cross-validation, stratified by the given label: the instances of
 * each class, in a seeded random order, are dealt to the folds in turn (continuing from class to
 * class), so every fold holds about n/K instances and each class's share.
 */
public final class StratifiedFolds {
  private StratifiedFolds() {}

  /**
   * @param labels given label per instance, in [0, numClasses)
   * @param folds K ≥ 2, at most the number of instances
   * @return the fold (in [0, K)) of every instance
   * @throws IllegalArgumentException for K < 2 or more folds than instances
   */
  public static int[] assign(int[] labels, int numClasses, int folds, SplittableRandom rng) {
    Checks.require(folds >= 2, "-folds must be at least 2, got " + folds);
    Checks.require(labels.length >= folds, "-folds " + folds + " is more than the " + labels.length
        + " instances: every fold needs at least one");
    int[] fold = new int[labels.length];
    int next = 0;
    for (int c = 0; c < numClasses; c++) {
      final int cls = c;
      int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
      for (int i = members.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = members[i];
        members[i] = members[j];
        members[j] = t;
      }
      for (int m : members) {
        fold[m] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }
}
