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

  /**
   * Hands the stored weights and the bias to {@code w} in DL4J's flat layout at {@code offset}, as {@link #writeDense}
   * places them: ascending positions, the inactive weights left out.
   */
  void writeTo(ParameterSnapshot.Writer w, long offset) {
    for (int o = 0; o < nOut; o++) {
      long column = offset + (long) o * nIn;
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        w.put(column + row[k], value[k]);
      }
    }
    for (int o = 0; o < nOut; o++) {
      w.put(offset + (long) nIn * nOut + o, bias[o]);
    }
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
   * the pool's threads, each range from the position its stored, pruned and grown entries give (binary searches, no
   * pass over the layer), so every entry lands where one merge over the whole layer would put it (the same arrays
   * for any number of threads). The new columns go into arrays that are free during a rewire, the gradient's (zeroed
   * afterwards) for the values and {@code rowCol}'s (rebuilt afterwards) for the rows, and into one spare per state
   * array, kept across rewires: a topology update makes no garbage in proportion to the active weights (which would
   * grow the Java heap: issue 16). A change that does not fit the stored connections (a pruned one not stored, a
   * grown one stored and not pruned, indices not ascending or outside the matrix) is found as the ranges are written
   * and throws, leaving the connections, weights and state as they were (and the gradient zero).
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
    for (int r = 0; r < parts; r++) {
      int lo = cols[r] * nIn; // flat indices are ints: nIn · nOut fits one
      int hi = cols[r + 1] * nIn;
      at[r + 1] = at[r] + colStart[cols[r + 1]] - colStart[cols[r]]
          - (lowerBound(pruned, prunedCount, hi) - lowerBound(pruned, prunedCount, lo))
          + (lowerBound(grown, grownCount, hi) - lowerBound(grown, grownCount, lo));
    }
    if (at[parts] != count) {
      throw new IllegalStateException("the change's connections are not ascending or lie outside the " + nIn + " x "
          + nOut + " matrix: rewiring would leave " + at[parts] + " connections, expected " + count);
    }
    int[] newRow = rowCol != null && rowCol.length == count ? rowCol : new int[count];
    float[] newValue = grad.length == count ? grad : new float[count];
    if (spareState == null || spareState.length != state.length
        || (state.length > 0 && spareState[0].length != count)) {
      spareState = new float[state.length][count];
    }
    if (spareColStart == null) {
      spareColStart = new int[nOut + 1];
    }
    Merge writing = new Merge(pruned, prunedCount, grown, grownCount, weight, reset, newRow, newValue, spareState,
        spareColStart);
    String[] misfit = new String[parts];
    pool.tasks(parts, r -> misfit[r] = writing.range(cols[r], cols[r + 1], at[r], at[r + 1]));
    for (String m : misfit) {
      if (m != null) { // the layer's own arrays are untouched; of the two it lent, the row index is rebuilt
        java.util.Arrays.fill(grad, 0f);
        indexRows(cols, pool);
        throw new IllegalStateException("the change does not fit the layer's connections: " + m);
      }
    }
    spareColStart[nOut] = count;
    rowCol = row; // rebuilt below
    row = newRow;
    grad = value;
    value = newValue;
    float[][] oldState = state;
    state = spareState;
    spareState = oldState;
    int[] oldColStart = colStart;
    colStart = spareColStart;
    spareColStart = oldColStart;
    if (grad.length == count) {
      pool.split(count, 1, (from, to) -> java.util.Arrays.fill(grad, from, to, 0f));
    } else {
      grad = new float[count];
    }
    indexRows(columnRanges(pool), pool);
  }

  /** Ranges of columns with about equal stored entries for the pool's threads; one where they are few. */
  private int[] columnRanges(KernelPool pool) {
    int[] cut = pool.cuts(colStart, nOut, 1);
    return cut != null ? cut : new int[] {0, nOut};
  }

  /** {@link #merge}'s state arrays and column starts of the topology before the last, reused by the next rewire. */
  private float[][] spareState;
  private int[] spareColStart;

  private static final String MORE = "more connections than the change's count: its connections are not ascending";

  /** {@link #merge}'s pass over ranges of columns. */
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
     * Writes columns [c0, c1) into the new arrays at positions [t, end); returns null, or what does not fit (then
     * the range stops). Column by column, so that a flat index is the column's base plus a row, with no division per
     * entry. A stored entry that is pruned leaves unless it is also grown (then it is one entry, as one that stays).
     */
    String range(int c0, int c1, int t, int end) {
      int p = lowerBound(pruned, prunedCount, c0 * nIn);
      int g = lowerBound(grown, grownCount, c0 * nIn);
      int lastGrown = -1;
      for (int c = c0; c < c1; c++) {
        newColStart[c] = t;
        int base = c * nIn;
        int limit = base + nIn;
        for (int k = colStart[c], kEnd = colStart[c + 1]; k < kEnd; k++) {
          int f = row[k] + base;
          for (; g < grownCount && grown[g] < f; g++) {
            if (grown[g] <= lastGrown || t == end) {
              return grown[g] <= lastGrown ? "grown connection " + grown[g] + " repeated or out of order" : MORE;
            }
            lastGrown = grown[g];
            putGrown(t++, lastGrown, base, g);
          }
          if (p < prunedCount && pruned[p] < f) {
            return "pruned connection " + pruned[p] + " is not stored, or repeated or out of order";
          }
          boolean isPruned = p < prunedCount && pruned[p] == f;
          boolean isGrown = g < grownCount && grown[g] == f;
          if (isGrown && !isPruned) {
            return "grown connection " + f + " is stored and not pruned";
          }
          p += isPruned ? 1 : 0;
          if (isPruned && !isGrown) {
            continue; // pruned for good
          }
          if (t == end) {
            return MORE;
          }
          putStored(t++, f, k, isGrown ? g : -1);
          if (isGrown) {
            lastGrown = grown[g++];
          }
        }
        if (p < prunedCount && pruned[p] < limit) {
          return "pruned connection " + pruned[p] + " is not stored, or repeated or out of order";
        }
        for (; g < grownCount && grown[g] < limit; g++) {
          if (grown[g] <= lastGrown || t == end) {
            return grown[g] <= lastGrown ? "grown connection " + grown[g] + " repeated or out of order" : MORE;
          }
          lastGrown = grown[g];
          putGrown(t++, lastGrown, base, g);
        }
      }
      return t == end ? null : "fewer connections than the change's count: its connections are not ascending";
    }

    /** Writes a grown connection (flat index j in the column at base, position g in grown) into position t. */
    private void putGrown(int t, int j, int base, int g) {
      newRow[t] = j - base;
      newValue[t] = weight.of(j, false, 0f, g);
      for (float[] s : newState) {
        s[t] = 0f;
      }
    }

    /** Writes stored entry k (flat index f; g its position in grown, or -1) into position t. */
    private void putStored(int t, int f, int k, int g) {
      newRow[t] = row[k];
      newValue[t] = weight.of(f, true, value[k], g);
      boolean keep = !reset.of(f, g);
      for (int s = 0; s < newState.length; s++) {
        newState[s][t] = keep ? state[s][k] : 0f;
      }
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
    indexRows(new int[] {0, nOut}, KernelPool.shared(1));
  }

  /**
   * Builds the row-wise index: a counting sort of the column order by row, columns staying ascending within a row.
   * Each range of columns {@code cols} counts its rows and then places its entries on a thread of {@code pool}; a
   * row holds the first range's entries, then the second's, and so on, so the index is the one a single pass makes.
   */
  private void indexRows(int[] cols, KernelPool pool) {
    int parts = cols.length - 1;
    if (rowStart == null) {
      rowStart = new int[nIn + 1];
    }
    if (rowCol == null || rowCol.length != row.length) {
      rowCol = new int[row.length];
      rowPerm = new int[row.length];
    }
    if (rowNext == null || rowNext.length < parts) {
      rowNext = new int[parts][nIn]; // kept across rewires, as are the arrays above
    }
    int[][] next = rowNext;
    pool.tasks(parts, r -> {
      int[] c = next[r];
      java.util.Arrays.fill(c, 0);
      for (int k = colStart[cols[r]], end = colStart[cols[r + 1]]; k < end; k++) {
        c[row[k]]++;
      }
    });
    int t = 0;
    for (int i = 0; i < nIn; i++) { // counts become each range's first position in row i
      rowStart[i] = t;
      for (int r = 0; r < parts; r++) {
        int c = next[r][i];
        next[r][i] = t;
        t += c;
      }
    }
    rowStart[nIn] = t;
    pool.tasks(parts, r -> {
      int[] at = next[r];
      for (int o = cols[r]; o < cols[r + 1]; o++) {
        for (int k = colStart[o], end = colStart[o + 1]; k < end; k++) {
          int u = at[row[k]]++;
          rowCol[u] = o;
          rowPerm[u] = k;
        }
      }
    });
  }

  /** {@link #indexRows}' positions per range of columns and row. */
  private int[][] rowNext;
}
