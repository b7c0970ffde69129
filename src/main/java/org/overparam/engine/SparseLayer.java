// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

/**
 * One weight matrix of the sparse engine, stored for its active connections only: compressed sparse
 * columns (see {@link SparseKernels}), their gradient and optimiser state, and the dense bias with
 * its own gradient and state. Memory is proportional to the number of active weights.
 */
final class SparseLayer {
  final int nIn;
  final int nOut;
  int[] colStart;
  int[] row;
  /**
   * The same weights row by row: for t in [rowStart[i], rowStart[i + 1]), row i's weight in column
   * rowCol[t] is value[rowPerm[t]].
   */
  int[] rowStart;
  int[] rowCol;
  int[] rowPerm;
  float[] value;
  float[] grad;
  float[][] state;
  final float[] bias;
  final float[] biasGrad;
  final float[][] biasState;

  /**
   * Takes the active weights of {@code dense} (column-major [nIn, nOut], DL4J's order) where
   * {@code active} is true, and the bias.
   */
  SparseLayer(int nIn, int nOut, boolean[] active, float[] dense, float[] bias, int stateArrays) {
    this(nIn, nOut, ActiveBits.of(active), (o, column) -> System.arraycopy(dense, o * nIn, column, 0, nIn), bias,
        stateArrays);
  }

  /** Reads column o of a dense column-major [nIn, nOut] matrix into the start of {@code column}. */
  @FunctionalInterface
  interface Columns {
    void read(int o, float[] column);
  }

  /**
   * Takes the active weights of the dense matrix that {@code dense} reads column by column (so that the
   * matrix need not exist as one array), where {@code active} ({@link ActiveBits}) is set, and the bias.
   */
  SparseLayer(int nIn, int nOut, long[] active, Columns dense, float[] bias, int stateArrays) {
    this.nIn = nIn;
    this.nOut = nOut;
    this.bias = bias.clone();
    this.biasGrad = new float[nOut];
    this.biasState = new float[stateArrays][nOut];
    build(active, dense, stateArrays);
  }

  int nonzeros() {
    return value.length;
  }

  /** Layer weights as a dense column-major array, zero where inactive. */
  double[] denseWeights() {
    double[] w = new double[nIn * nOut];
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        w[row[k] + o * nIn] = value[k];
      }
    }
    return w;
  }

  /** The weights at flat indices {@code at} (ascending), zero where inactive: one walk over the columns. */
  double[] weightsAt(int[] at) {
    double[] out = new double[at.length];
    weightsAt(at, at.length, out);
    return out;
  }

  /** The same at the first n indices of {@code at}, into the start of {@code out}. */
  void weightsAt(int[] at, int n, double[] out) {
    weightsAt(at, 0, n, out);
  }

  /** The same at indices {@code at[from .. to)} into {@code out[from .. to)}: a range walks its own columns. */
  void weightsAt(int[] at, int from, int to, double[] out) {
    int o = -1;
    int k = 0;
    int end = 0;
    for (int i = from; i < to; i++) {
      int j = at[i];
      if (j / nIn != o) {
        o = j / nIn;
        k = colStart[o];
        end = colStart[o + 1];
      }
      int r = j % nIn;
      while (k < end && row[k] < r) {
        k++;
      }
      out[i] = k < end && row[k] == r ? value[k] : 0;
    }
  }

  /** Writes the weights (zeros where inactive) and the bias into DL4J's flat layout at {@code offset}. */
  void writeDense(float[] flat, int offset) {
    java.util.Arrays.fill(flat, offset, offset + nIn * nOut, 0f);
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        flat[offset + row[k] + o * nIn] = value[k];
      }
    }
    System.arraycopy(bias, 0, flat, offset + nIn * nOut, nOut);
  }

  /** Column o of the weights, dense (zeros where inactive), into the start of {@code column}. */
  void denseColumn(int o, float[] column) {
    denseColumn(o, column, 0);
  }

  /** The same into {@code column[at .. at + nIn)}. */
  void denseColumn(int o, float[] column, int at) {
    java.util.Arrays.fill(column, at, at + nIn, 0f);
    for (int k = colStart[o]; k < colStart[o + 1]; k++) {
      column[at + row[k]] = value[k];
    }
  }

  /** Reads the active weights of column o back from its dense form (state kept). */
  void readColumn(int o, float[] column) {
    readColumn(o, column, 0);
  }

  /** The same from {@code column[at .. at + nIn)}. */
  void readColumn(int o, float[] column, int at) {
    for (int k = colStart[o]; k < colStart[o + 1]; k++) {
      value[k] = column[at + row[k]];
    }
  }

  /** Writes optimiser state array {@code s} of the weights and the bias into DL4J's flat layout at {@code offset}. */
  void writeState(int s, double[] flat, int offset) {
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        flat[offset + row[k] + o * nIn] = state[s][k];
      }
      flat[offset + nIn * nOut + o] = biasState[s][o];
    }
  }

  /** Reads optimiser state array {@code s} of the active weights and the bias from DL4J's flat layout. */
  void readState(int s, double[] flat, int offset) {
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        state[s][k] = (float) flat[offset + row[k] + o * nIn];
      }
      biasState[s][o] = (float) flat[offset + nIn * nOut + o];
    }
  }

  /**
   * Replaces the topology: {@code pruned} connections leave and {@code grown} join (flat column-major
   * indices, ascending; one in both stays), by merging them with the stored columns, so the cost is
   * in the active weights, not the matrix. Values come from {@code weights} (dense); optimiser state
   * stays with connections that stay unless {@code resetState}, and starts at zero for new ones. Runs on the
   * pool's threads, with the same arrays for any number.
   */
  void rewire(int[] pruned, int[] grown, double[] weights, boolean[] resetState, KernelPool pool) {
    merge(pruned, pruned.length, grown, grown.length, (j, stays, v, g) -> (float) weights[j], (j, g) -> resetState[j],
        pool);
  }

  /**
   * Replaces the topology as {@link #rewire(int[], int[], double[], boolean[], KernelPool)} does, given the change
   * only (see {@link LayerWeights#rewire(int, int[], int[], int, double[], boolean)}), the first {@code
   * prunedCount} entries of {@code pruned} and {@code grownCount} of {@code grown}: a connection that
   * stays keeps its weight and state, a new one takes {@code grownWeights[i]} for {@code grown[i]} and
   * fresh state, and one pruned and regrown takes them too when {@code reinitRegrown}.
   */
  void rewire(int[] pruned, int prunedCount, int[] grown, int grownCount, double[] grownWeights,
      boolean reinitRegrown, KernelPool pool) {
    merge(pruned, prunedCount, grown, grownCount,
        (j, stays, v, g) -> stays && (g < 0 || !reinitRegrown) ? v : (float) grownWeights[g],
        (j, g) -> g >= 0 && reinitRegrown, pool);
  }

  /**
   * A connection's new weight from its flat index j, whether it was stored (then {@code v} is its
   * weight) and its position g in grown (or -1).
   */
  @FunctionalInterface
  private interface WeightOf {
    float of(int j, boolean stays, float v, int g);
  }

  /** Whether a stored connection that stays (flat index j, position g in grown or -1) loses its state. */
  @FunctionalInterface
  private interface ResetOf {
    boolean of(int j, int g);
  }

  /**
   * The merge behind both rewires: stored entries that stay (state kept unless {@code reset}) and grown ones (state
   * zero), in flat index order, weights from {@code weight}. Ranges of columns with about equal stored entries run on
   * the pool's threads: a count pass gives each range the start of its stretch of the new arrays, a second pass
   * writes it, so every entry lands where one merge over the whole layer would put it (the same arrays for any
   * number of threads), and a bad change throws before anything is written. The new columns go into arrays that are
   * free during a rewire, the gradient's (zeroed afterwards) for the values and {@code rowCol}'s (rebuilt afterwards)
   * for the rows, and into one spare per state array, kept across rewires: a topology update makes no garbage in
   * proportion to the active weights (which would grow the Java heap: issue 16).
   */
  private void merge(int[] pruned, int prunedCount, int[] grown, int grownCount, WeightOf weight, ResetOf reset,
      KernelPool pool) {
    if (prunedCount > pruned.length || grownCount > grown.length) {
      throw new IllegalArgumentException("a change of " + prunedCount + " pruned and " + grownCount
          + " grown connections in arrays of " + pruned.length + " and " + grown.length);
    }
    int count = value.length - prunedCount + grownCount;
    int[] cols = columnRanges(pool);
    int parts = cols.length - 1;
    int[] at = new int[parts + 1]; // each range's first new position
    Merge counting = new Merge(pruned, prunedCount, grown, grownCount, weight, reset, null, null, null, null);
    pool.tasks(parts, r -> at[r + 1] = counting.range(cols[r], cols[r + 1], 0));
    for (int r = 0; r < parts; r++) {
      at[r + 1] += at[r];
    }
    if (at[parts] != count) {
      throw new IllegalStateException("rewiring left " + at[parts] + " connections, expected " + count);
    }
    int[] newRow = rowCol != null && rowCol.length == count ? rowCol : new int[count];
    float[] newValue = grad.length == count ? grad : new float[count];
    if (spareState == null || spareState.length != state.length
        || (state.length > 0 && spareState[0].length != count)) {
      spareState = new float[state.length][count];
    }
    float[][] newState = spareState;
    if (spareColStart == null) {
      spareColStart = new int[nOut + 1];
    }
    int[] newColStart = spareColStart;
    Merge writing = new Merge(pruned, prunedCount, grown, grownCount, weight, reset, newRow, newValue, newState,
        newColStart);
    pool.tasks(parts, r -> writing.range(cols[r], cols[r + 1], at[r]));
    newColStart[nOut] = count;
    rowCol = row; // rebuilt below
    row = newRow;
    grad = value;
    value = newValue;
    spareState = state;
    state = newState;
    spareColStart = colStart;
    colStart = newColStart;
    if (grad.length == count) {
      pool.split(count, 1, (from, to) -> java.util.Arrays.fill(grad, from, to, 0f));
    } else {
      grad = new float[count];
    }
    indexRows();
  }

  /** Ranges of columns with about equal stored entries for the pool's threads; one where they are few. */
  private int[] columnRanges(KernelPool pool) {
    int[] cut = pool.cuts(colStart, nOut, 1);
    return cut != null ? cut : new int[] {0, nOut};
  }

  /** {@link #merge}'s state arrays and column starts of the topology before the last, reused by the next rewire. */
  private float[][] spareState;
  private int[] spareColStart;

  /** One pass of {@link #merge} over ranges of columns: counting where the targets are null, else writing them. */
  private final class Merge {
    private final int[] pruned;
    private final int prunedCount;
    private final int[] grown;
    private final int grownCount;
    private final WeightOf weight;
    private final ResetOf reset;
    private final int[] newRow;
    private final float[] newValue;
    private final float[][] newState;
    private final int[] newColStart;

    Merge(int[] pruned, int prunedCount, int[] grown, int grownCount, WeightOf weight, ResetOf reset, int[] newRow,
        float[] newValue, float[][] newState, int[] newColStart) {
      this.pruned = pruned;
      this.prunedCount = prunedCount;
      this.grown = grown;
      this.grownCount = grownCount;
      this.weight = weight;
      this.reset = reset;
      this.newRow = newRow;
      this.newValue = newValue;
      this.newState = newState;
      this.newColStart = newColStart;
    }

    /**
     * Columns [c0, c1) into the new arrays from position t on (when writing); returns how many entries they hold. A
     * stored entry that is pruned leaves unless it is also grown (then it is one entry, as one that stays).
     */
    int range(int c0, int c1, int t) {
      int first = t;
      int p = lowerBound(pruned, prunedCount, c0 * nIn); // flat indices are ints: nIn · nOut fits one
      int g = lowerBound(grown, grownCount, c0 * nIn);
      int gEnd = lowerBound(grown, grownCount, c1 * nIn);
      int col = c0; // the column of stored entry k
      int started = c0; // columns whose start is written: [c0, started)
      for (int k = colStart[c0]; k < colStart[c1]; k++) {
        while (colStart[col + 1] <= k) {
          col++;
        }
        int f = row[k] + col * nIn;
        while (p < prunedCount && pruned[p] < f) {
          p++;
        }
        for (; g < gEnd && grown[g] < f; g++) {
          started = put(t++, grown[g], -1, g, started);
        }
        boolean both = g < gEnd && grown[g] == f;
        if (p < prunedCount && pruned[p] == f && !both) {
          continue; // pruned for good
        }
        started = put(t++, f, k, both ? g++ : -1, started);
      }
      for (; g < gEnd; g++) {
        started = put(t++, grown[g], -1, g, started);
      }
      if (newColStart != null) {
        java.util.Arrays.fill(newColStart, started, c1, t);
      }
      return t - first;
    }

    /**
     * Writes the entry at flat index j into position t (stored entry k where it stays, else -1; g its position in
     * grown, or -1) and the starts of the columns up to j's; returns the columns whose start is written.
     */
    private int put(int t, int j, int k, int g, int started) {
      if (newRow == null) {
        return started;
      }
      int c = j / nIn;
      while (started <= c) {
        newColStart[started++] = t;
      }
      boolean stays = k >= 0;
      newRow[t] = j - c * nIn;
      newValue[t] = weight.of(j, stays, stays ? value[k] : 0f, g);
      boolean keep = stays && !reset.of(j, g);
      for (int s = 0; s < newState.length; s++) {
        newState[s][t] = keep ? state[s][k] : 0f;
      }
      return started;
    }
  }

  /** The first position among the first n of ascending, distinct {@code a} holding a value of at least {@code key}. */
  private static int lowerBound(int[] a, int n, int key) {
    int at = java.util.Arrays.binarySearch(a, 0, n, key);
    return at >= 0 ? at : -at - 1;
  }

  /** Reads the weights of the active set (and the bias) back from DL4J's flat layout, keeping state. */
  void readDense(float[] flat, int offset) {
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        value[k] = flat[offset + row[k] + o * nIn];
      }
    }
    System.arraycopy(flat, offset + nIn * nOut, bias, 0, nOut);
  }

  /** Builds the columns from {@code active} in one pass over the matrix. */
  private void build(long[] active, Columns dense, int stateArrays) {
    int count = (int) ActiveBits.count(active);
    colStart = new int[nOut + 1];
    row = new int[count];
    value = new float[count];
    float[] column = new float[nIn];
    int k = 0;
    for (int o = 0; o < nOut; o++) {
      colStart[o] = k;
      dense.read(o, column);
      for (int i = 0; i < nIn; i++) {
        if (ActiveBits.get(active, i + o * nIn)) {
          row[k] = i;
          value[k++] = column[i];
        }
      }
    }
    colStart[nOut] = k;
    if (k != count) {
      throw new IllegalArgumentException("the active set has " + count + " bits set, " + k + " of them in the "
          + nIn + " x " + nOut + " matrix");
    }
    grad = new float[count];
    state = new float[stateArrays][count];
    indexRows();
  }

  /** Builds the row-wise index (a counting sort of the column order by row; columns stay ascending). */
  private void indexRows() {
    if (rowStart == null) {
      rowStart = new int[nIn + 1];
    } else {
      java.util.Arrays.fill(rowStart, 0); // reused across rewires, as are the arrays below
    }
    for (int r : row) {
      rowStart[r + 1]++;
    }
    for (int i = 0; i < nIn; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int[] next = java.util.Arrays.copyOf(rowStart, nIn);
    if (rowCol == null || rowCol.length != row.length) {
      rowCol = new int[row.length];
      rowPerm = new int[row.length];
    }
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        int t = next[row[k]]++;
        rowCol[t] = o;
        rowPerm[t] = k;
      }
    }
  }
}
