// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/**
 * The k smallest of (score, index) pairs offered in ascending index order, in the order (score, tie
 * key, index): a buffer of more than k (the update's working arrays, at least k + 1024) that, when
 * full, keeps its k best ({@link SparseMasks#smallestPositions}) and from then on admits only pairs ahead of the k-th best,
 * so that each offer costs a comparison or two.
 */
final class Selection {
  private final int k;
  private final long keyBase;
  private final double[] score;
  private final int[] index;
  private final double[] scratch;
  /** The compactions' thresholds: one radix pass, on the engine's threads where there are several. */
  private final ParallelSelection select;
  private int size;
  /** Scores above this cannot enter (+∞ until the buffer first fills). */
  double bound = Double.POSITIVE_INFINITY;
  /** The k-th best's tie key: a pair scoring {@link #bound} enters with a smaller key only. */
  private double boundKey;

  /**
   * Works in the given arrays (reused across updates), of at least k + 1 entries: their length
   * sets how often the buffer is compacted, not the result.
   */
  Selection(int k, long keyBase, double[] score, int[] index, double[] scratch, ParallelSelection select) {
    if (Math.min(score.length, Math.min(index.length, scratch.length)) <= k) {
      throw new IllegalArgumentException("a selection of " + k + " needs arrays of more than " + k + " entries");
    }
    this.k = k;
    this.keyBase = keyBase;
    this.score = score;
    this.index = index;
    this.scratch = scratch;
    this.select = select;
  }

  /**
   * Whether {@link #offer} would take the pair now (for a pair later in index order than all offered);
   * reads the selection only, so threads may ask at once while no pair is offered.
   */
  boolean admits(double s, int j) {
    return s < bound || s == bound && SparseMasks.tieKey(keyBase, j) < boundKey;
  }

  /** Adds a pair scoring at most {@link #bound} (NaN never enters: NaN ranks last in Double.compare). */
  void offer(double s, int j) {
    if (s == bound && SparseMasks.tieKey(keyBase, j) >= boundKey) {
      return; // behind the k-th best (an equal key loses on the larger index, since j comes later)
    }
    if (size == score.length || size == index.length || size == scratch.length) {
      compact();
    }
    score[size] = s;
    index[size++] = j;
  }

  /**
   * Keeps the k best in index order and sets the bound to the k-th best: the rule of {@link SparseMasks#smallestPositions}
   * (a threshold score, then a threshold tie key among the pairs at it, then index order), on one
   * scratch array reused across compactions.
   */
  private void compact() {
    // the same value and counts on the threads or not (no NaN or -0.0 ever enters, so < and == are Double.compare's)
    SparseMasks.Threshold th = select.threshold(score, size, k - 1, scratch);
    double threshold = th.value();
    int below = th.below();
    int ties = th.ties();
    if (ties == k - below && select.parts(size) > 1) { // every pair at the threshold stays
      double[] maxKey = new double[1];
      size = select.keepAtMost(score, index, size, threshold, j -> SparseMasks.tieKey(keyBase, j), maxKey);
      bound = threshold;
      boundKey = maxKey[0]; // the key of rank need − 1 among the ties: their largest
      return;
    }
    int need = k - below;
    int t = 0;
    for (int p = 0; p < size; p++) {
      if (score[p] == threshold) {
        scratch[t++] = SparseMasks.tieKey(keyBase, index[p]);
      }
    }
    double keyThreshold = SparseMasks.kthSmallest(scratch, ties, need - 1);
    int kept = 0;
    int taken = 0;
    for (int p = 0; p < size; p++) { // in place, in index order
      boolean keep = score[p] < threshold;
      if (!keep && score[p] == threshold && taken < need && SparseMasks.tieKey(keyBase, index[p]) <= keyThreshold) {
        keep = true;
        taken++;
      }
      if (keep) {
        score[kept] = score[p];
        index[kept++] = index[p];
      }
    }
    size = kept;
    bound = threshold;
    boundKey = keyThreshold;
  }

  /** The pairs held: at least k once k have been offered (then {@link #indices} can answer). */
  int size() {
    return size;
  }

  /** The k indices held, in index order, into the start of {@code out}, which is returned. */
  int[] indices(int[] out) {
    if (size < k) {
      throw new IllegalStateException("expected " + k + " candidates, found " + size);
    }
    if (size > k) {
      compact();
    }
    System.arraycopy(index, 0, out, 0, k);
    return out;
  }
}
