// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.overparam.engine.ActiveBits;
import org.overparam.engine.LayerWeights;

/**
 * The masks of all weight matrices and the prune-and-regrow step (Liu et al., ICML 2021), on plain arrays.
 *
 * <p>Layer l has n_l weights in DL4J's column-major order; {@link #isActive} says whether weight
 * j is in the network and {@link #hasFired} whether it ever was (for the ITOP rate R_s). Counts
 * are exact: every update removes and regrows the same number of weights per layer. Both are kept as bits
 * ({@link ActiveBits}, an eighth of a boolean per weight: a sparse run keeps them for the whole training).
 */
public final class SparseMasks implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  /** Whether each weight is active, as bits. */
  private transient long[][] activeBits;
  /** Whether each weight ever was active, as bits. */
  private transient long[][] firedBits;
  /** Each layer's number of weights. */
  private transient int[] sizes;
  /**
   * The serialised forms of {@link #activeBits} and {@link #firedBits}, as saved networks hold them (one boolean
   * per weight): made by writeObject for the stream only, null otherwise.
   */
  private boolean[][] active;
  private boolean[][] fired;
  private final int[] nnz;
  private final int[] firedCount;
  private final boolean[] dense;
  private final double[] initialDensity;
  private long regrownTotal;
  private int updates;
  private double lastPruneRate = Double.NaN;
  /** Expected number of never-fired weights per layer under RANDOM growth (factor 1 − k/M per update). */
  private final double[] expectedUnfired;
  /**
   * Working arrays of {@link #update}, as long as the largest layer's active weights and kept across
   * updates (not saved): fresh ones per update were garbage in proportion to the active weights, which
   * grew the Java heap of a sparse run above that of a dense one (issue 16).
   */
  private transient int[] scratchIndices;
  private transient double[] scratchScores;
  private transient double[] scratchCopy;

  /** Samples masks with exact counts for densities {@code d} on layers of {@code sizes}. */
  public SparseMasks(int[] sizes, double[] d, SplittableRandom rng) {
    int L = sizes.length;
    this.sizes = sizes.clone();
    activeBits = new long[L][];
    firedBits = new long[L][];
    nnz = new int[L];
    firedCount = new int[L];
    dense = new boolean[L];
    initialDensity = new double[L];
    expectedUnfired = new double[L];
    int[][] table = new int[2][]; // shuffledPrefix's table, one for all layers
    for (int l = 0; l < L; l++) {
      int n = sizes[l];
      nnz[l] = LayerDensities.nonzeros(n, d[l]);
      dense[l] = nnz[l] == n;
      activeBits[l] = new long[ActiveBits.words(n)];
      firedBits[l] = new long[ActiveBits.words(n)];
      for (int j : shuffledPrefix(n, nnz[l], rng, table, new int[nnz[l]])) {
        ActiveBits.set(activeBits[l], j);
        ActiveBits.set(firedBits[l], j);
      }
      firedCount[l] = nnz[l];
      initialDensity[l] = (double) nnz[l] / n;
      expectedUnfired[l] = n - nnz[l];
    }
  }

  /** The number of weights of every layer. */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * What one layer's update changed: the first {@code count} entries of {@code pruned} and {@code grown}. The
   * arrays may be longer and may be the masks' working arrays, reused by the next update (a topology update makes
   * no garbage in proportion to the layer: issue 16); {@link #prunedIndices} and {@link #grownIndices} are copies.
   */
  public record Change(int[] pruned, int[] grown, int count) {
    public Change {
      if (count < 0 || count > pruned.length || count > grown.length) {
        throw new IllegalArgumentException("a change of " + count + " connections in arrays of " + pruned.length
            + " and " + grown.length);
      }
    }

    /** The weights pruned, as an array of their own. */
    public int[] prunedIndices() {
      return Arrays.copyOf(pruned, count);
    }

    /** The weights grown, as an array of their own. */
    public int[] grownIndices() {
      return Arrays.copyOf(grown, count);
    }
  }

  private static final Change NONE = new Change(new int[0], new int[0], 0);

  /**
   * Prunes the ceil(p·nnz) active weights of smallest magnitude in layer l and regrows as many.
   *
   * @param weights the layer's current weights (column-major)
   * @param denseGradient the layer's dense gradient (needed for {@link Growth#GRADIENT}, else null)
   */
  public Change update(int l, double[] weights, double[] denseGradient, double pruneRate, Growth growth,
      SplittableRandom rng) {
    return update(l, new ArrayWeights(l, weights, denseGradient), pruneRate, growth, rng);
  }

  /**
   * Prunes the ceil(p·nnz) active weights of smallest magnitude in layer l and regrows as many, reading
   * the weights and RigL's dense gradient from the engine: the active weights only, and the gradient
   * block by block into a bounded selection, so memory stays in proportion to the active weights.
   */
  public Change update(int l, LayerWeights weights, double pruneRate, Growth growth, SplittableRandom rng) {
    long[] mask = activeBits[l];
    int n = sizes[l];
    if (dense[l]) {
      return NONE;
    }
    int k = (int) Math.min(nnz[l], Math.ceil(pruneRate * nnz[l]));
    if (k == 0) {
      return NONE;
    }
    // Random keys break ties (equal magnitudes, zero gradients) without bias; hashed from one draw, so a
    // layer of millions of weights needs no array of keys.
    long keyBase = rng.nextLong();
    int active = nnz[l];
    // its thresholds (one radix pass, then a selection in one bucket) at any thread count; its passes over the
    // mask and scores split only where there are threads to split them
    ParallelSelection select = new ParallelSelection(weights, radixCounts(weights));
    int[] act = scratchIndices(scratchLength());
    double[] score = scratchScores(act.length);
    int held = weights.activeWeights(l, act, score); // the sparse engine's own active set: no pass over the mask
    if (held < 0) {
      select.indicesWhere(mask, n, active, act);
      weights.weightsAt(l, act, active, score);
    } else if (held != active) {
      throw new IllegalStateException("layer " + l + ": the engine holds " + held + " active weights, the mask "
          + active);
    }
    select.absolute(score, active); // -0.0 becomes 0.0, as in smallest
    // positions in act, which is ascending: index order of the positions is that of the weights
    int room = room(k, pruneRate);
    int[] pruned = scratchPruned(room);
    select.smallestPositions(score, active, k, i -> tieKey(keyBase, act[i]), scratchCopy(act.length), pruned);
    for (int i = 0; i < k; i++) {
      pruned[i] = act[pruned[i]];
      ActiveBits.clear(mask, pruned[i]);
    }
    int candidateCount = n - nnz[l] + k;
    int[] grown = switch (growth) {
      case RANDOM -> randomInactive(mask, n, candidateCount, k, rng, scratchGrown(room));
      case GRADIENT -> largestGradients(l, weights, mask, k, candidateCount, // in the arrays pruning is done with
          () -> new Selection(k, keyBase, score, act, scratchCopy(act.length), select), scratchGrown(room));
      case RANDOM_UNFIRED -> {
        int[] candidates = inactiveIndices(mask, n, candidateCount);
        int[] unfired = Arrays.stream(candidates).filter(j -> !hasFired(l, j)).toArray();
        if (unfired.length >= k) {
          yield randomPick(unfired, k, rng);
        }
        int[] rest = Arrays.stream(candidates).filter(j -> hasFired(l, j)).toArray();
        int[] more = randomPick(rest, k - unfired.length, rng);
        int[] all = Arrays.copyOf(unfired, k);
        System.arraycopy(more, 0, all, unfired.length, more.length);
        yield all;
      }
    };
    if (grown.length < k) {
      throw new IllegalStateException("layer " + l + ": pruned " + k + " but grew " + grown.length);
    }
    for (int i = 0; i < k; i++) {
      int j = grown[i];
      if (ActiveBits.get(mask, j)) {
        throw new IllegalStateException("layer " + l + ": weight " + j + " grew while active");
      }
      ActiveBits.set(mask, j);
      if (!hasFired(l, j)) {
        ActiveBits.set(firedBits[l], j);
        firedCount[l]++;
      }
    }
    expectedUnfired[l] *= 1 - (double) k / candidateCount;
    regrownTotal += k;
    return new Change(pruned, grown, k);
  }

  /**
   * RigL's growth: the k inactive weights with the largest dense-gradient magnitude, ties broken by the
   * smallest {@link #tieKey} (then the smallest index), in index order; the same choice as {@link
   * #smallestPositions} of the negated magnitudes over all inactive weights. The gradient arrives in blocks and
   * passes through a bounded {@link Selection}, so no array of the whole layer is made.
   *
   * <p>Where the engine gives a sample of the gradient ({@link LayerWeights#gradientSample}), the scan admits only
   * candidates at or below the bound the sample estimates ({@link #growthBound}), about {@value #SAMPLE_MARGIN} k of
   * them, where the selection alone admits every candidate until it first fills and then some k ln(n / k) more (a W2
   * update at 90%: 1.4 million offers and compactions over 1.7 million entries; with the bound, 84 ms instead of 100 on
   * one thread). If fewer than k are at or below it, the bound was too tight, and the scan runs again
   * without it (the gradient computed twice); otherwise the k best of all candidates are among those admitted, so
   * the choice is the same, bit for bit. Where the engine finds the candidates within the bound itself
   * ({@link LayerWeights#gradientCandidates}: the sparse engine's native kernels, with the values of its full
   * scan), they are offered instead of a scan.
   */
  private int[] largestGradients(int l, LayerWeights weights, long[] mask, int k, int candidates,
      Supplier<Selection> selection, int[] out) {
    Selection best = selection.get();
    double bound = growthBound(l, weights, mask, k, candidates);
    int expected = (int) Math.min(candidates, Math.ceil(SAMPLE_MARGIN * k));
    boolean handed = bound < Double.POSITIVE_INFINITY
        && weights.gradientCandidates(l, mask, bound, expected, (j, g) -> {
          double s = growthScore(g);
          if (s <= best.bound) {
            best.offer(s, j);
          }
        });
    if (!handed) {
      scanGradient(l, weights, mask, best, bound);
    }
    if (best.size() >= k) {
      return best.indices(out);
    }
    Selection all = selection.get();
    scanGradient(l, weights, mask, all, Double.POSITIVE_INFINITY);
    return all.indices(out);
  }

  /** A candidate's score in the growth's selection: −|g|, with −0.0 as 0.0 (as pruning's magnitudes). */
  static double growthScore(double g) {
    return -Math.abs(g) + 0.0;
  }

  /** Offers every candidate scoring at most {@code bound} to {@code best}, in index order. */
  private void scanGradient(int l, LayerWeights weights, long[] mask, Selection best, double bound) {
    if (weights.threads() > 1) {
      weights.denseGradientInRounds(l, new GradientScan(mask, best, bound, survivors(weights.threads())));
      return;
    }
    weights.denseGradient(l, (from, block, length) -> {
      for (int i = 0; i < length; i++) {
        if (!ActiveBits.get(mask, from + i)) {
          double s = growthScore(block[i]);
          if (s <= bound && s <= best.bound) { // most candidates stop here
            best.offer(s, from + i);
          }
        }
      }
    });
  }

  /** Gradient columns sampled per layer for {@link #growthBound}. */
  static final int SAMPLE_COLUMNS = 64;
  /** {@link #growthBound} aims to admit this many times k candidates. */
  static final double SAMPLE_MARGIN = 2;
  /** A sample with fewer candidates gives no bound: the estimate would be too loose to be worth its risk. */
  static final int MIN_SAMPLE_CANDIDATES = 2048;

  /**
   * An estimate of the score that about {@link #SAMPLE_MARGIN} k of the {@code candidates} candidates reach, from the
   * candidates among the engine's sampled gradient columns; +∞ (no bound) without a sample or with too small a one.
   */
  double growthBound(int l, LayerWeights weights, long[] mask, int k, int candidates) {
    int[] m = {0};
    boolean sampled = weights.gradientSample(l, SAMPLE_COLUMNS, (from, block, length) -> {
      if (sampleScores == null || sampleScores.length < m[0] + length) {
        sampleScores = Arrays.copyOf(sampleScores == null ? new double[0] : sampleScores, 2 * (m[0] + length));
      }
      for (int i = 0; i < length; i++) {
        double s = growthScore(block[i]);
        if (!ActiveBits.get(mask, from + i) && !Double.isNaN(s)) {
          sampleScores[m[0]++] = s;
        }
      }
    });
    long rank = (long) Math.ceil(SAMPLE_MARGIN * k * m[0] / (double) candidates);
    if (!sampled || m[0] < MIN_SAMPLE_CANDIDATES || rank >= m[0]) {
      return Double.POSITIVE_INFINITY;
    }
    sampleCopy = atLeast(sampleCopy, m[0]);
    return new ParallelSelection(weights, radixCounts(weights)).threshold(sampleScores, m[0], (int) rank, sampleCopy)
        .value();
  }

  /** {@link #growthBound}'s sampled scores and its selection's working copy, kept across updates (not saved). */
  private transient double[] sampleScores;
  private transient double[] sampleCopy;

  /**
   * Per-thread candidate buffers of {@link GradientScan}, kept across updates (not saved): a block's worth
   * each, so no garbage in proportion to the layers.
   */
  private transient GradientScan.Survivors[] survivors;
  /** {@link ParallelSelection}'s count tables, one per thread, kept across updates (not saved). */
  private transient int[][] radixCounts;

  private int[][] radixCounts(LayerWeights weights) {
    radixCounts = ParallelSelection.counts(radixCounts, weights.threads());
    return radixCounts;
  }

  private GradientScan.Survivors[] survivors(int threads) {
    if (survivors == null || survivors.length != threads) {
      survivors = new GradientScan.Survivors[threads];
      Arrays.setAll(survivors, t -> new GradientScan.Survivors());
    }
    return survivors;
  }

  /** Plain arrays as a layer's weights and gradient, for {@link #update(int, double[], double[], double, Growth, SplittableRandom)}. */
  private record ArrayWeights(int layer, double[] w, double[] g) implements LayerWeights {
    @Override
    public double[] weights(int l) {
      return w;
    }

    @Override
    public double[] denseGradient(int l) {
      if (g == null) {
        throw new IllegalStateException("GRADIENT growth needs the dense gradient");
      }
      return g;
    }

    @Override
    public void rewire(int l, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
      throw new UnsupportedOperationException("rewiring goes through the engine");
    }
  }

  /** Records that one topology update (over all layers) happened at prune rate p. */
  public void countUpdate(double p) {
    updates++;
    lastPruneRate = p;
  }

  public int numLayers() {
    return sizes.length;
  }

  /** A copy of layer l's active set, a boolean per weight. */
  public boolean[] activeCopy(int l) {
    return ActiveBits.toBooleans(activeBits[l], sizes[l]);
  }

  /**
   * Layer l's active set itself ({@link ActiveBits}), for a reader that neither changes nor keeps it (an engine
   * being built): no copy of the network's size while it is set up.
   */
  long[] activeShared(int l) {
    return activeBits[l];
  }

  public boolean isActive(int l, int j) {
    return ActiveBits.get(activeBits[l], j);
  }

  public boolean hasFired(int l, int j) {
    return ActiveBits.get(firedBits[l], j);
  }

  public boolean isDense(int l) {
    return dense[l];
  }

  public int size(int l) {
    return sizes[l];
  }

  public int nonzeros(int l) {
    return nnz[l];
  }

  public double initialDensity(int l) {
    return initialDensity[l];
  }

  /** Fraction of layer l's weights ever active. */
  public double itopRate(int l) {
    return (double) firedCount[l] / sizes[l];
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
    for (int l = 0; l < sizes.length; l++) {
      c += count.applyAsDouble(l);
      n += sizes[l];
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

  /** Writes the active and ever-active weights as saved networks hold them, one boolean each. */
  @Serial
  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    active = new boolean[sizes.length][];
    fired = new boolean[sizes.length][];
    for (int l = 0; l < sizes.length; l++) {
      active[l] = ActiveBits.toBooleans(activeBits[l], sizes[l]);
      fired[l] = ActiveBits.toBooleans(firedBits[l], sizes[l]);
    }
    try {
      out.defaultWriteObject();
    } finally {
      active = null;
      fired = null;
    }
  }

  /** Reads the serialised form (saved networks of every version) and keeps the masks as bits. */
  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (active == null || fired == null || fired.length != active.length) {
      throw new InvalidObjectException("the saved masks lack the active or ever-active weights of some layer");
    }
    sizes = new int[active.length];
    activeBits = new long[active.length][];
    firedBits = new long[active.length][];
    for (int l = 0; l < active.length; l++) {
      if (fired[l].length != active[l].length) {
        throw new InvalidObjectException("layer " + l + " has " + active[l].length + " weights but "
            + fired[l].length + " ever-active flags");
      }
      sizes[l] = active[l].length;
      activeBits[l] = ActiveBits.of(active[l]);
      firedBits[l] = ActiveBits.of(fired[l]);
    }
    active = null;
    fired = null;
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

  /**
   * The first k entries of {@link #identity}(n) after {@link #partialShuffle}(·, k, rng), the same draws
   * and result, without the array of n (16 MB for a 2048 × 2048 layer): positions from k on that a
   * swap touched live in a small open-addressing table.
   */
  static int[] shuffledPrefix(int n, int k, SplittableRandom rng) {
    return shuffledPrefix(n, k, rng, new int[2][], new int[k]);
  }

  /**
   * The same into the start of {@code head} (k entries or more), which is returned, with the table's keys and values
   * in {@code table[0]} and {@code table[1]}, made or enlarged there when too small: a caller drawing for several
   * layers or updates reuses one table (less garbage).
   */
  static int[] shuffledPrefix(int n, int k, SplittableRandom rng, int[][] table, int[] head) {
    if (k > n / 6) { // the table would be about as large as the array
      int[] a = identity(n);
      partialShuffle(a, k, rng);
      System.arraycopy(a, 0, head, 0, k);
      return head;
    }
    for (int i = 0; i < k; i++) {
      head[i] = i;
    }
    // load factor at most 3/4: a table half the size of one at 1/2 (less garbage when a network is set up)
    int cap = Integer.highestOneBit(Math.max(8, k + k / 3)) << 1;
    if (table[0] == null || table[0].length < cap) {
      table[0] = new int[cap];
      table[1] = new int[cap];
    }
    int[] keys = table[0];
    int[] vals = table[1];
    cap = keys.length; // a larger table left by an earlier layer: the same result, probed modulo its size
    Arrays.fill(keys, -1);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int t = head[i];
      if (j < k) {
        head[i] = head[j];
        head[j] = t;
        continue;
      }
      int slot = (int) ((j * 0x9E3779B97F4A7C15L) >>> 40) & (cap - 1);
      while (keys[slot] != -1 && keys[slot] != j) {
        slot = (slot + 1) & (cap - 1);
      }
      head[i] = keys[slot] == j ? vals[slot] : j;
      keys[slot] = j;
      vals[slot] = t;
    }
    return head;
  }

  /**
   * {@code randomPick(inactiveIndices(mask, n, count), k, rng)}, the same draws and result, without
   * the array of all inactive weights (16 MB for a 2048 × 2048 layer at 10% density) or its copy:
   * {@link #shuffledPrefix} draws the positions among them, one pass over the mask maps them; into the start of
   * {@code out}, through working arrays kept across updates.
   */
  private int[] randomInactive(long[] mask, int n, int count, int k, SplittableRandom rng, int[] out) {
    if (shuffleTable == null) { // a deserialised mask set has none
      shuffleTable = new int[2][];
    }
    int[] at = shuffledPrefix(count, k, rng, shuffleTable, out);
    if (drawOrder == null || drawOrder.length < k) {
      drawOrder = new long[k];
    }
    long[] order = drawOrder; // (position, draw) pairs in position order
    for (int i = 0; i < k; i++) {
      order[i] = (long) at[i] << 32 | i;
    }
    Arrays.sort(order, 0, k);
    int r = 0;
    int seen = 0; // inactive weights before j
    for (int j = 0; j < n && r < k; j++) {
      if (!ActiveBits.get(mask, j)) {
        if ((int) (order[r] >>> 32) == seen) { // positions are distinct
          at[(int) order[r++]] = j;
        }
        seen++;
      }
    }
    if (r != k) {
      throw new IllegalStateException("expected " + count + " inactive weights, found " + seen);
    }
    return at;
  }

  /** {@link #randomInactive}'s table and pairs, kept across updates (not saved). */
  private transient int[][] shuffleTable;
  private transient long[] drawOrder;

  private static int[] randomPick(int[] from, int k, SplittableRandom rng) {
    int[] a = from.clone();
    partialShuffle(a, k, rng);
    return Arrays.copyOf(a, k);
  }

  /** The indices of the first n weights outside {@code mask}; there are {@code count} of them (one pass). */
  private static int[] inactiveIndices(long[] mask, int n, int count) {
    int[] idx = new int[count];
    int p = 0;
    for (int j = 0; j < n; j++) {
      if (!ActiveBits.get(mask, j)) {
        if (p == count) {
          throw new IllegalStateException("expected " + count + " inactive weights, found more");
        }
        idx[p++] = j;
      }
    }
    if (p != count) {
      throw new IllegalStateException("expected " + count + " inactive weights, found " + p);
    }
    return idx;
  }

  /**
   * The indices of the weights in {@code mask} among words {@code [fromWord, toWord)}, ascending, into {@code idx}
   * from position {@code at}; returns the position after the last.
   */
  static int activeIndices(long[] mask, int fromWord, int toWord, int[] idx, int at) {
    for (int w = fromWord; w < toWord; w++) {
      for (long bits = mask[w]; bits != 0; bits &= bits - 1) {
        idx[at++] = (w << 6) + Long.numberOfTrailingZeros(bits);
      }
    }
    return at;
  }

  /** A uniform key in [0, 1) for weight j: SplitMix64's finaliser of base + j·golden ratio. */
  static double tieKey(long base, int j) {
    long z = base + (j + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  /**
   * The length of the working arrays: every sparse layer's active weights and, for {@link Selection},
   * more than any k (at most the active weights); the same for every update, so they are made once.
   */
  private int scratchLength() {
    return mostActive() + 1024;
  }

  /** The most active weights of a sparse layer. */
  private int mostActive() {
    int most = 0;
    for (int l = 0; l < nnz.length; l++) {
      most = dense[l] ? most : Math.max(most, nnz[l]);
    }
    return most;
  }

  /** The pruned and grown weights of the last update ({@link Change}'s arrays), kept across updates. */
  private transient int[] scratchPruned;
  private transient int[] scratchGrown;

  /** At least k, and enough for every layer of an update at prune rate p (made once per update's size). */
  private int room(int k, double p) {
    int most = mostActive();
    return Math.max(k, (int) Math.min(most, Math.ceil(p * most)));
  }

  private int[] scratchPruned(int n) {
    return scratchPruned = atLeast(scratchPruned, n);
  }

  private int[] scratchGrown(int n) {
    return scratchGrown = atLeast(scratchGrown, n);
  }

  private int[] scratchIndices(int n) {
    return scratchIndices = atLeast(scratchIndices, n);
  }

  private double[] scratchScores(int n) {
    return scratchScores = atLeast(scratchScores, n);
  }

  private double[] scratchCopy(int n) {
    return scratchCopy = atLeast(scratchCopy, n);
  }

  /** {@code a} where it holds n entries, else a new array of n. */
  private static int[] atLeast(int[] a, int n) {
    return a != null && a.length >= n ? a : new int[n];
  }

  private static double[] atLeast(double[] a, int n) {
    return a != null && a.length >= n ? a : new double[n];
  }

  /**
   * The k positions of 0 .. n − 1 with the smallest {@code score[0 .. n)} (no negative zeros, so that
   * == and < agree with Double.compare), ties broken by the smallest key, in index order, into
   * {@code out[0 .. k)}: linear-time selection of a threshold score, then of a threshold key among the
   * positions tied at it. Works in {@code copy} (n entries or more), so arrays are reused across updates.
   */
  static void smallestPositions(double[] score, int n, int k, java.util.function.IntToDoubleFunction key,
      double[] copy, int[] out) {
    if (k == 0) {
      return;
    }
    smallestPositions(score, n, k, key, copy, out, threshold(score, n, k - 1, copy));
  }

  /** The same given the threshold of the first n scores at rank k - 1 ({@link #threshold}). */
  static void smallestPositions(double[] score, int n, int k, java.util.function.IntToDoubleFunction key,
      double[] copy, int[] out, Threshold th) {
    double threshold = th.value();
    int ties = th.ties();
    int need = k - th.below();
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (Double.compare(score[i], threshold) == 0) {
        copy[t++] = key.applyAsDouble(i);
      }
    }
    double keyThreshold = kthSmallest(copy, ties, need - 1);
    int q = 0;
    int taken = 0;
    for (int i = 0; i < n && q < k; i++) { // one pass in index order
      int c = Double.compare(score[i], threshold);
      if (c < 0) {
        out[q++] = i;
      } else if (c == 0 && taken < need && key.applyAsDouble(i) <= keyThreshold) {
        out[q++] = i;
        taken++;
      }
    }
  }

  /** The k-th smallest value of a selection and how many values lie below it and at it (Double.compare's order). */
  record Threshold(double value, int below, int ties) {}

  /**
   * The value of rank r (0-based) among {@code src[0 .. n)} and the counts below and at it: quickselect on a copy
   * in {@code copy} (n entries or more), then one counting pass.
   */
  static Threshold threshold(double[] src, int n, int r, double[] copy) {
    System.arraycopy(src, 0, copy, 0, n);
    double value = kthSmallest(copy, n, r);
    int below = 0;
    int ties = 0;
    for (int i = 0; i < n; i++) {
      int c = Double.compare(src[i], value);
      below += c < 0 ? 1 : 0;
      ties += c == 0 ? 1 : 0;
    }
    return new Threshold(value, below, ties);
  }

  /** The element of rank r (0-based) of {@code a}, which is reordered: quickselect, median-of-three pivots. */
  static double kthSmallest(double[] a, int r) {
    return kthSmallest(a, a.length, r);
  }

  /** The element of rank r (0-based) among the first n of {@code a}, which are reordered. */
  static double kthSmallest(double[] a, int n, int r) {
    int lo = 0;
    int hi = n - 1;
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
