// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.function.IntToDoubleFunction;
import org.overparam.engine.ActiveBits;
import org.overparam.engine.LayerWeights;

/**
 * {@link SparseMasks}' selections on the engine's threads ({@link LayerWeights#inParallel}), with the results of
 * the one-thread code, bit for bit: a k-th smallest value is one value however it is found, and the positions
 * chosen follow the same rule (a threshold score, then a threshold tie key, then index order).
 *
 * <p>The threshold is found by one radix pass: the threads count the values by their top 16 bits (an order of
 * doubles kept by their bit patterns), the bucket holding the rank is gathered, and quickselect runs on it
 * alone. On one thread too: for the 420,000 scores of a W2 layer at 90% sparsity that took 1.3 ms against 9.7 for
 * quickselect over all of them, and a RigL update computes such a threshold some ten times per layer (for 40,000
 * values 0.15 ms against 0.57; for 10,000 about the same, {@link #MIN_RADIX}). Each thread
 * takes a contiguous range of positions; the counts of the ranges before it give where its results go, so the
 * output is in index order as on one thread. Scratch: one count table of 2^16 entries per
 * thread, kept by the caller across updates.
 */
final class ParallelSelection {
  /** Below this many values per thread a selection stays on the calling thread: handing ranges over costs more. */
  static final int MIN_PER_THREAD = 1 << 16;
  /** Below this many values {@link #threshold} runs quickselect: the count table would cost more than it saves. */
  static final int MIN_RADIX = 1 << 13;
  private static final int BUCKETS = 1 << 16;
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  private final LayerWeights threads;
  private final int[][] counts;

  /** @param counts one table of at least 2^16 entries per thread of {@code threads} */
  ParallelSelection(LayerWeights threads, int[][] counts) {
    if (counts.length < threads.threads()) {
      throw new IllegalArgumentException("need " + threads.threads() + " count tables, got " + counts.length);
    }
    this.threads = threads;
    this.counts = counts;
  }

  /** Count tables for {@code threads} threads, reusing {@code old} where it fits. */
  static int[][] counts(int[][] old, int threads) {
    return old != null && old.length >= threads ? old : new int[threads][BUCKETS];
  }

  /** The number of ranges n values are split into: 1 (the calling thread alone) for small n. */
  int parts(int n) {
    return (int) Math.max(1, Math.min(threads.threads(), n / MIN_PER_THREAD));
  }

  /**
   * Where range p of n values starts. Loops take their end once, before they run: as a loop condition the division
   * was redone at every step (C2 reloads a lambda's captured values after each array store), 2.6x slower.
   */
  private static int start(int n, int parts, int p) {
    return (int) ((long) n * p / parts);
  }

  /**
   * A value's bucket: its top 16 bits after mapping the bit pattern to one that sorts as the doubles do
   * (negative values' magnitude bits flipped, then the sign bit), so buckets are in value order.
   */
  static int bucket(double v) {
    long b = Double.doubleToRawLongBits(v);
    b ^= (b >> 63) & Long.MAX_VALUE;
    return (int) ((b ^ Long.MIN_VALUE) >>> 48);
  }

  /**
   * The value of rank r (0-based) among {@code src[0 .. n)}, as {@link SparseMasks#kthSmallest} finds it on a
   * copy, with the counts of values below and equal to it (in Double.compare's order); works in {@code copy}
   * (n entries or more). Values with NaN or -0.0 (where {@code <} and Double.compare part) take
   * {@link SparseMasks#threshold} (quickselect over all), as do fewer than {@link #MIN_PER_THREAD}.
   */
  SparseMasks.Threshold threshold(double[] src, int n, int r, double[] copy) {
    int parts = parts(n);
    if (n < MIN_RADIX || !countBuckets(src, n, parts)) {
      return SparseMasks.threshold(src, n, r, copy);
    }
    int b = 0;
    int before = 0; // values in buckets below b
    for (;; b++) {
      int inB = 0;
      for (int p = 0; p < parts; p++) {
        inB += counts[p][b];
      }
      if (before + inB > r) {
        break;
      }
      before += inB;
    }
    int bucket = b;
    int[] at = new int[parts];
    for (int p = 1; p < parts; p++) {
      at[p] = at[p - 1] + counts[p - 1][bucket];
    }
    int size = at[parts - 1] + counts[parts - 1][bucket];
    threads.inParallel(parts, p -> { // the bucket's values, range by range
      int t = at[p];
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        if (bucket(src[i]) == bucket) {
          copy[t++] = src[i];
        }
      }
    });
    double value = SparseMasks.kthSmallest(copy, size, r - before);
    int below = before;
    int ties = 0;
    for (int i = 0; i < size; i++) {
      below += copy[i] < value ? 1 : 0;
      ties += copy[i] == value ? 1 : 0;
    }
    return new SparseMasks.Threshold(value, below, ties);
  }

  /** Fills the count tables of the ranges; false where a value is NaN or -0.0 (not counted on then). */
  private boolean countBuckets(double[] src, int n, int parts) {
    boolean[] plain = new boolean[parts];
    threads.inParallel(parts, p -> {
      int[] c = counts[p];
      java.util.Arrays.fill(c, 0);
      boolean ok = true;
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        double v = src[i];
        ok &= v == v && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO;
        c[bucket(v)]++;
      }
      plain[p] = ok;
    });
    for (boolean ok : plain) {
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link SparseMasks#smallestPositions} on the threads: the same k positions into {@code out[0 .. k)}, in
   * index order. Where every value at the threshold is taken, their keys are never computed.
   */
  void smallestPositions(double[] score, int n, int k, IntToDoubleFunction key, double[] copy, int[] out) {
    if (k == 0) {
      return;
    }
    int parts = parts(n);
    SparseMasks.Threshold th = threshold(score, n, k - 1, copy);
    if (parts == 1) {
      SparseMasks.smallestPositions(score, n, k, key, copy, out, th);
      return;
    }
    double value = th.value();
    int need = k - th.below();
    int[] below = new int[parts];
    int[] ties = new int[parts];
    threads.inParallel(parts, p -> {
      int lt = 0;
      int eq = 0;
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        int c = Double.compare(score[i], value);
        lt += c < 0 ? 1 : 0;
        eq += c == 0 ? 1 : 0;
      }
      below[p] = lt;
      ties[p] = eq;
    });
    boolean allTies = need == th.ties(); // then every tie is taken, whatever its key
    double keyThreshold = allTies ? Double.POSITIVE_INFINITY : keyThreshold(score, n, parts, value, ties, need,
        key, copy);
    int[] eligible = allTies ? ties : new int[parts];
    if (!allTies) {
      threads.inParallel(parts, p -> {
        int e = 0;
        for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
          e += Double.compare(score[i], value) == 0 && key.applyAsDouble(i) <= keyThreshold ? 1 : 0;
        }
        eligible[p] = e;
      });
    }
    int[] quota = new int[parts]; // ties each range takes: the first `need` eligible ones in index order
    int[] at = new int[parts];
    int left = need;
    for (int p = 0; p < parts; p++) {
      quota[p] = Math.min(left, eligible[p]);
      left -= quota[p];
      if (p > 0) {
        at[p] = at[p - 1] + below[p - 1] + quota[p - 1];
      }
    }
    threads.inParallel(parts, p -> {
      int q = at[p];
      int taken = 0;
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        int c = Double.compare(score[i], value);
        if (c < 0) {
          out[q++] = i;
        } else if (c == 0 && taken < quota[p] && (allTies || key.applyAsDouble(i) <= keyThreshold)) {
          out[q++] = i;
          taken++;
        }
      }
    });
  }

  /**
   * The indices of the weights in {@code mask} ({@link ActiveBits} over n weights), ascending, into the start of
   * {@code idx}: ranges of words count theirs, then each writes from where the counts before it end. There must be
   * {@code count}.
   */
  int[] indicesWhere(long[] mask, int n, int count, int[] idx) {
    int words = ActiveBits.words(n);
    int parts = parts(n);
    int[] at = new int[parts + 1];
    if (parts > 1) {
      threads.inParallel(parts, p -> {
        int c = 0;
        for (int w = start(words, parts, p), end = start(words, parts, p + 1); w < end; w++) {
          c += Long.bitCount(mask[w]);
        }
        at[p + 1] = c;
      });
      for (int p = 0; p < parts; p++) {
        at[p + 1] += at[p];
      }
      if (at[parts] != count) {
        throw new IllegalStateException("expected " + count + " active weights, found " + at[parts]);
      }
      threads.inParallel(parts, p -> SparseMasks.activeIndices(mask, start(words, parts, p),
          start(words, parts, p + 1), idx, at[p]));
    } else if (ActiveBits.count(mask) != count) {
      throw new IllegalStateException("expected " + count + " active weights, found " + ActiveBits.count(mask));
    } else {
      SparseMasks.activeIndices(mask, 0, words, idx, 0);
    }
    return idx;
  }

  /** {@code score[i] = |score[i]| + 0.0} for i below n (-0.0 becomes 0.0), range by range. */
  void absolute(double[] score, int n) {
    int parts = parts(n);
    threads.inParallel(parts, p -> {
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        score[i] = Math.abs(score[i]) + 0.0;
      }
    });
  }

  /**
   * Keeps the pairs of {@code score[0 .. n)}, {@code index[0 .. n)} scoring at most {@code value} and moves them
   * to the front in index order, as the selection's compaction does when every pair at the threshold stays; each
   * range is compacted within itself on its thread, then the ranges slide to the front. Returns the count kept;
   * {@code maxTieKey[0]} becomes the largest key among the pairs at {@code value} (the compaction's key threshold).
   */
  int keepAtMost(double[] score, int[] index, int n, double value, IntToDoubleFunction keyOfIndex,
      double[] maxTieKey) {
    int parts = parts(n);
    int[] kept = new int[parts];
    double[] maxKey = new double[parts];
    threads.inParallel(parts, p -> {
      int from = start(n, parts, p);
      int m = from;
      double most = Double.NEGATIVE_INFINITY;
      for (int i = from, end = start(n, parts, p + 1); i < end; i++) {
        if (score[i] <= value) {
          if (score[i] == value) {
            most = Math.max(most, keyOfIndex.applyAsDouble(index[i]));
          }
          score[m] = score[i];
          index[m++] = index[i];
        }
      }
      kept[p] = m - from;
      maxKey[p] = most;
    });
    int size = 0;
    double most = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < parts; p++) { // left to right: a range lands at or before where it starts
      System.arraycopy(score, start(n, parts, p), score, size, kept[p]);
      System.arraycopy(index, start(n, parts, p), index, size, kept[p]);
      size += kept[p];
      most = Math.max(most, maxKey[p]);
    }
    maxTieKey[0] = most;
    return size;
  }

  /** The key of rank need − 1 among the keys of the values at the threshold, gathered range by range into copy. */
  private double keyThreshold(double[] score, int n, int parts, double value, int[] ties, int need,
      IntToDoubleFunction key, double[] copy) {
    int[] at = new int[parts];
    for (int p = 1; p < parts; p++) {
      at[p] = at[p - 1] + ties[p - 1];
    }
    threads.inParallel(parts, p -> {
      int t = at[p];
      for (int i = start(n, parts, p), end = start(n, parts, p + 1); i < end; i++) {
        if (Double.compare(score[i], value) == 0) {
          copy[t++] = key.applyAsDouble(i);
        }
      }
    });
    return SparseMasks.kthSmallest(copy, at[parts - 1] + ties[parts - 1], need - 1);
  }
}
