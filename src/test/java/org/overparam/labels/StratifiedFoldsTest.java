// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {
  @Test
  void foldsAreBalancedPerClassAndSeeded() {
    int[] labels = new int[103];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2;
    }
    int[] folds = StratifiedFolds.assign(labels, 3, 5, new SplittableRandom(1));
    int[][] perClass = new int[3][5];
    for (int i = 0; i < labels.length; i++) {
      perClass[labels[i]][folds[i]]++;
    }
    for (int[] row : perClass) {
      int min = java.util.Arrays.stream(row).min().getAsInt();
      int max = java.util.Arrays.stream(row).max().getAsInt();
      assertTrue(max - min <= 1, java.util.Arrays.toString(row));
    }
    assertArrayEquals(folds, StratifiedFolds.assign(labels, 3, 5, new SplittableRandom(1)));
  }

  @Test
  void refusesTooFewInstancesOrFolds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StratifiedFolds.assign(new int[] {0, 1, 0}, 2, 5, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("-folds 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> StratifiedFolds.assign(new int[] {0, 1, 0}, 2, 1, new SplittableRandom(1)));
  }
}
