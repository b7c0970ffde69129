// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The topology update as it was before it ran on the sparse representation (dense double[] weights and
 * gradient, an int[] of every candidate): the reference the equivalence test holds SparseMasks to, bit for bit.
 *
 * <p>Layer l has n_l weights in DL4J's column-major order; {@code active[l][j]} says whether weight
 * j is in the network and {@code fired[l][j]} whether it ever was (for the ITOP rate R_s). Counts
 * are exact: every update removes and regrows the same number of weights per layer.
 */
final class ReferenceSparseMasks implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  private final boolean[][] active;
  private final boolean[][] fired;
  private final int[] nnz;
  private final int[] firedCount;
  private final boolean[] dense;
  private final double[] initialDensity;
  private long regrownTotal;
  private int updates;
  private double lastPruneRate = Double.NaN;
  /** Expected number of never-fired weights per layer under RANDOM growth (factor 1 − k/M per update). */
  private final double[] expectedUnfired;

  /** Samples masks with exact counts for densities {@code d} on layers of {@code sizes}. */
  ReferenceSparseMasks(int[] sizes, double[] d, SplittableRandom rng) {
    int L = sizes.length;
    active = new boolean[L][];
    fired = new boolean[L][];
    nnz = new int[L];
    firedCount = new int[L];
    dense = new boolean[L];
    initialDensity = new double[L];
    expectedUnfired = new double[L];
    for (int l = 0; l < L; l++) {
      int n = sizes[l];
      nnz[l] = LayerDensities.nonzeros(n, d[l]);
      dense[l] = nnz[l] == n;
      active[l] = new boolean[n];
      int[] order = identity(n);
      partialShuffle(order, nnz[l], rng);
      for (int k = 0; k < nnz[l]; k++) {
        active[l][order[k]] = true;
      }
      fired[l] = active[l].clone();
      firedCount[l] = nnz[l];
      initialDensity[l] = (double) nnz[l] / n;
      expectedUnfired[l] = n - nnz[l];
    }
  }

  /** The number of weights of every layer. */
  public int[] sizes() {
    return Arrays.stream(active).mapToInt(a -> a.length).toArray();
  }

  /** What one layer's update changed. */
  public record Change(int[] pruned, int[] grown) {}

  /**
   * Prunes the ceil(p·nnz) active weights of smallest magnitude in layer l and regrows as many.
   *
   * @param weights the layer's current weights (column-major)
   * @param denseGradient the layer's dense gradient (needed for {@link Growth#GRADIENT}, else null)
   */
  public Change update(int l, double[] weights, double[] denseGradient, double pruneRate, Growth growth,
      SplittableRandom rng) {
    boolean[] mask = active[l];
    int n = mask.length;
    if (dense[l]) {
      return new Change(new int[0], new int[0]);
    }
    int k = (int) Math.min(nnz[l], Math.ceil(pruneRate * nnz[l]));
    if (k == 0) {
      return new Change(new int[0], new int[0]);
    }
    // Random keys break ties (equal magnitudes, zero gradients) without bias; hashed from one draw, so a
    // layer of millions of weights needs no array of keys.
    long keyBase = rng.nextLong();
    java.util.function.IntToDoubleFunction key = j -> tieKey(keyBase, j);
    int[] act = indicesWhere(mask, true, nnz[l]);
    int[] pruned = smallest(act, k, j -> Math.abs(weights[j]), key);
    for (int j : pruned) {
      mask[j] = false;
    }
    int[] candidates = indicesWhere(mask, false, n - nnz[l] + k);
    int[] grown = switch (growth) {
      case RANDOM -> randomPick(candidates, k, rng);
      case GRADIENT -> {
        if (denseGradient == null) {
          throw new IllegalStateException("GRADIENT growth needs the dense gradient");
        }
        yield smallest(candidates, k, j -> -Math.abs(denseGradient[j]), key);
      }
      case RANDOM_UNFIRED -> {
        int[] unfired = Arrays.stream(candidates).filter(j -> !fired[l][j]).toArray();
        if (unfired.length >= k) {
          yield randomPick(unfired, k, rng);
        }
        int[] rest = Arrays.stream(candidates).filter(j -> fired[l][j]).toArray();
        int[] more = randomPick(rest, k - unfired.length, rng);
        int[] all = Arrays.copyOf(unfired, k);
        System.arraycopy(more, 0, all, unfired.length, more.length);
        yield all;
      }
    };
    if (grown.length != pruned.length) {
      throw new IllegalStateException("layer " + l + ": pruned " + pruned.length + " but grew " + grown.length);
    }
    for (int j : grown) {
      if (mask[j]) {
        throw new IllegalStateException("layer " + l + ": weight " + j + " grew while active");
      }
      mask[j] = true;
      if (!fired[l][j]) {
        fired[l][j] = true;
        firedCount[l]++;
      }
    }
    expectedUnfired[l] *= 1 - (double) k / candidates.length;
    regrownTotal += k;
    return new Change(pruned, grown);
  }

  /** Records that one topology update (over all layers) happened at prune rate p. */
  public void countUpdate(double p) {
    updates++;
    lastPruneRate = p;
  }

  public int numLayers() {
    return active.length;
  }

  /** A copy of layer l's active set. */
  public boolean[] activeCopy(int l) {
    return active[l].clone();
  }

  public boolean isActive(int l, int j) {
    return active[l][j];
  }

  public boolean hasFired(int l, int j) {
    return fired[l][j];
  }

  public boolean isDense(int l) {
    return dense[l];
  }

  public int size(int l) {
    return active[l].length;
  }

  public int nonzeros(int l) {
    return nnz[l];
  }

  public double initialDensity(int l) {
    return initialDensity[l];
  }

  /** Fraction of layer l's weights ever active. */
  public double itopRate(int l) {
    return (double) firedCount[l] / active[l].length;
  }

  /** R_s = Σ|F_l| / Σ n_l over all weight matrices. */
  public double itopRate() {
    return overAllWeights(l -> firedCount[l]);
  }

  /** Expected R_s had every update grown uniformly at random (a health check for RANDOM growth). */
  public double expectedRandomItopRate() {
    return 1 - overAllWeights(l -> expectedUnfired[l]);
  }

  /** Global density Σ nnz_l / Σ n_l, from the masks. */
  public double density() {
    return overAllWeights(l -> nnz[l]);
  }

  /** Σ_l count(l) / Σ_l n_l: a per-layer count as a fraction of all weights. */
  private double overAllWeights(java.util.function.IntToDoubleFunction count) {
    double c = 0;
    long n = 0;
    for (int l = 0; l < active.length; l++) {
      c += count.applyAsDouble(l);
      n += active[l].length;
    }
    return c / n;
  }

  public int updates() {
    return updates;
  }

  public long regrownTotal() {
    return regrownTotal;
  }

  public double lastPruneRate() {
    return lastPruneRate;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Puts a uniform random k-subset of {@code a} in its first k slots (partial Fisher–Yates). */
  private static void partialShuffle(int[] a, int k, SplittableRandom rng) {
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] randomPick(int[] from, int k, SplittableRandom rng) {
    int[] a = from.clone();
    partialShuffle(a, k, rng);
    return Arrays.copyOf(a, k);
  }

  /** The indices where {@code mask} equals {@code value}; there are {@code count} of them (one pass). */
  private static int[] indicesWhere(boolean[] mask, boolean value, int count) {
    int[] idx = new int[count];
    int p = 0;
    for (int j = 0; j < mask.length; j++) {
      if (mask[j] == value) {
        idx[p++] = j;
      }
    }
    if (p != count) {
      throw new IllegalStateException("expected " + count + " entries of " + value + ", found " + p);
    }
    return idx;
  }

  /** A uniform key in [0, 1) for weight j: SplitMix64's finaliser of base + j·golden ratio. */
  static double tieKey(long base, int j) {
    long z = base + (j + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Below this many entries, selection runs on all of them; above, a sampled threshold first discards most. */
  private static final int PREFILTER_MIN = 1 << 16;

  /**
   * The k entries of {@code idx} with the smallest score, ties broken by the smallest {@code key},
   * returned in index order. Linear-time selection of a threshold score, then of a threshold key among
   * the entries tied at it (a layer of 2048 × 2048 weights has millions of candidates). When k is a
   * small part of many entries, a threshold from a sample first keeps about 2k of them; the result is
   * the same, since every entry scoring at most the k-th smallest score passes.
   */
  static int[] smallest(int[] idx, int k, java.util.function.IntToDoubleFunction score,
      java.util.function.IntToDoubleFunction key) {
    int[] out = new int[k];
    if (k == 0) {
      return out;
    }
    if (idx.length >= PREFILTER_MIN && k <= idx.length / 8) {
      int[] kept = prefilter(idx, k, score);
      if (kept != null) {
        idx = kept;
      }
    }
    double[] s = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      s[i] = score.applyAsDouble(idx[i]) + 0.0; // -0.0 becomes 0.0, so == and < agree with Double.compare
    }
    double threshold = kthSmallest(s.clone(), k - 1);
    int p = 0;
    int ties = 0;
    for (int i = 0; i < idx.length; i++) {
      int c = Double.compare(s[i], threshold);
      if (c < 0) {
        out[p++] = idx[i];
      } else if (c == 0) {
        ties++;
      }
    }
    int need = k - p;
    double[] tieKeys = new double[ties];
    int t = 0;
    for (int i = 0; i < idx.length; i++) {
      if (Double.compare(s[i], threshold) == 0) {
        tieKeys[t++] = key.applyAsDouble(idx[i]);
      }
    }
    double keyThreshold = kthSmallest(tieKeys, need - 1);
    int[] taken = new int[need];
    int q = 0;
    for (int i = 0; i < idx.length && q < need; i++) {
      if (Double.compare(s[i], threshold) == 0 && key.applyAsDouble(idx[i]) <= keyThreshold) {
        taken[q++] = idx[i];
      }
    }
    // merge the two index-ordered lists, so the result is in index order
    int[] below = Arrays.copyOf(out, p);
    int a = 0;
    int b = 0;
    for (int r = 0; r < k; r++) {
      out[r] = b >= q || (a < p && below[a] < taken[b]) ? below[a++] : taken[b++];
    }
    return out;
  }

  /**
   * The entries of {@code idx} (in order) scoring at most a threshold that a sample of 4,096 scores
   * puts at about 2k entries, or null if fewer than k pass (the sample misled; use all entries).
   */
  private static int[] prefilter(int[] idx, int k, java.util.function.IntToDoubleFunction score) {
    int m = 4096;
    double[] sample = new double[m];
    for (int i = 0; i < m; i++) {
      sample[i] = score.applyAsDouble(idx[(int) ((long) i * idx.length / m)]) + 0.0;
    }
    int rank = (int) Math.min(m - 1, Math.ceil(2.0 * k * m / idx.length) + 32);
    double threshold = kthSmallest(sample, rank);
    int[] kept = new int[Math.max(16, 4 * k)];
    int p = 0;
    for (int j : idx) {
      if (score.applyAsDouble(j) + 0.0 <= threshold) {
        if (p == kept.length) {
          kept = Arrays.copyOf(kept, 2 * p);
        }
        kept[p++] = j;
      }
    }
    return p < k ? null : Arrays.copyOf(kept, p);
  }

  /** The element of rank r (0-based) of {@code a}, which is reordered: quickselect, median-of-three pivots. */
  static double kthSmallest(double[] a, int r) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
  }
}
