// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.Arrays;
import org.overparam.engine.ActiveBits;
import org.overparam.engine.LayerWeights;

/**
 * RigL growth's scan of the dense gradient ({@link SparseMasks}) on several threads: each thread keeps the candidates of its block that
 * the selection, as it stood when the round began, would admit, and the calling thread then offers them
 * in index order. A candidate left out was behind the k-th best of pairs already offered, so it could
 * not be chosen: the selection ends with the same k, bit for bit, however the blocks were split.
 */
final class GradientScan implements LayerWeights.GradientRounds {
  private final long[] mask;
  private final Selection best;
  /** Candidates scoring above this are left out (the sampled bound of {@link SparseMasks}, or +∞). */
  private final double bound;
  private final Survivors[] slots;

  GradientScan(long[] mask, Selection best, double bound, Survivors[] slots) {
    this.mask = mask;
    this.best = best;
    this.bound = bound;
    this.slots = slots;
  }

  @Override
  public void accept(int slot, int from, double[] block, int length) {
    Survivors kept = slots[slot].ensure(slots[slot].size + length); // after the slot's earlier blocks
    int m = kept.size;
    for (int i = 0; i < length; i++) {
      if (!ActiveBits.get(mask, from + i)) {
        double s = SparseMasks.growthScore(block[i]);
        if (s <= bound && best.admits(s, from + i)) {
          kept.score[m] = s;
          kept.index[m++] = from + i;
        }
      }
    }
    kept.size = m;
  }

  @Override
  public void endRound() {
    for (Survivors kept : slots) { // slots in index order
      for (int m = 0; m < kept.size; m++) {
        if (kept.score[m] <= best.bound) { // the bound may have moved within the round
          best.offer(kept.score[m], kept.index[m]);
        }
      }
      kept.size = 0;
    }
  }

  /**
   * One thread's candidates of a round's gradient blocks (at most as many as the blocks' values: the engine's
   * rounds are small); grown by doubling, keeping what the round has so far.
   */
  static final class Survivors {
    double[] score = new double[0];
    int[] index = new int[0];
    int size;

    Survivors ensure(int n) {
      if (score.length < n) {
        int grown = Math.max(n, 2 * score.length);
        score = Arrays.copyOf(score, grown);
        index = Arrays.copyOf(index, grown);
      }
      return this;
    }
  }
}
