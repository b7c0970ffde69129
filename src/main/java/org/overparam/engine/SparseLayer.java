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
    this(nIn, nOut, active, (o, column) -> System.arraycopy(dense, o * nIn, column, 0, nIn), bias, stateArrays);
  }

  /** Reads column o of a dense column-major [nIn, nOut] matrix into the start of {@code column}. */
  @FunctionalInterface
  interface Columns {
    void read(int o, float[] column);
  }

  /**
   * Takes the active weights of the dense matrix that {@code dense} reads column by column (so that the
   * matrix need not exist as one array), where {@code active} is true, and the bias.
   */
  SparseLayer(int nIn, int nOut, boolean[] active, Columns dense, float[] bias, int stateArrays) {
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
   * stays with connections that stay unless {@code resetState}, and starts at zero for new ones.
   */
  void rewire(int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
    merge(pruned, grown, (j, stays, v, g) -> (float) weights[j], (j, g) -> resetState[j]);
  }

  /**
   * Replaces the topology as {@link #rewire(int[], int[], double[], boolean[])} does, given the change
   * only (see {@link LayerWeights#rewire(int, int[], int[], double[], boolean)}): a connection that
   * stays keeps its weight and state, a new one takes {@code grownWeights[i]} for {@code grown[i]} and
   * fresh state, and one pruned and regrown takes them too when {@code reinitRegrown}.
   */
  void rewire(int[] pruned, int[] grown, double[] grownWeights, boolean reinitRegrown) {
    merge(pruned, grown,
        (j, stays, v, g) -> stays && (g < 0 || !reinitRegrown) ? v : (float) grownWeights[g],
        (j, g) -> g >= 0 && reinitRegrown);
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
   * The merge behind both rewires: stored entries that stay (state kept unless {@code reset}) and grown
   * ones (state zero), in flat index order, weights from {@code weight}. In place: an update prunes as
   * many as it grows, so the arrays keep their size and a topology update makes no garbage in
   * proportion to the active weights (which would grow the Java heap: issue 16). The stored entries
   * that stay move to the front, then the grown ones merge in from the back, which never overtakes
   * an entry not yet read; {@code row} holds flat indices in between.
   */
  private void merge(int[] pruned, int[] grown, WeightOf weight, ResetOf reset) {
    int old = value.length;
    int count = old - pruned.length + grown.length;
    int staying = 0; // stored entries that stay
    int both = 0; // of them, those also in grown: one entry each
    for (int pass = 0; pass < 2; pass++) { // count and check first, so that bad input changes nothing
      int col = 0; // the column of entry k
      int p = 0; // pruned
      int regrown = 0; // grown, probing for pruned entries that regrow
      int g = 0; // grown, probing for entries in both
      int m = 0;
      for (int k = 0; k < old; k++) {
        while (colStart[col + 1] <= k) {
          col++;
        }
        int f = row[k] + col * nIn;
        while (p < pruned.length && pruned[p] < f) {
          p++;
        }
        if (p < pruned.length && pruned[p] == f) {
          while (regrown < grown.length && grown[regrown] < f) {
            regrown++;
          }
          if (regrown >= grown.length || grown[regrown] != f) {
            continue; // pruned for good
          }
        }
        if (pass == 0) {
          while (g < grown.length && grown[g] < f) {
            g++;
          }
          both += g < grown.length && grown[g] == f ? 1 : 0;
        } else {
          row[m] = f;
          value[m] = value[k];
          for (float[] st : state) {
            st[m] = st[k];
          }
        }
        m++;
      }
      staying = m;
      if (pass == 0 && staying + grown.length - both != count) {
        throw new IllegalStateException("rewiring left " + (staying + grown.length - both)
            + " connections, expected " + count);
      }
    }
    if (count > old) { // only where pruned and grown differ in length
      resize(count);
    }
    int i = staying - 1; // stored entries that stay, from the back
    int g = grown.length - 1;
    for (int t = count - 1; t >= 0; t--) { // t >= i throughout: grown entries still to come lie after i
      int fOld = i >= 0 ? row[i] : -1;
      int fNew = g >= 0 ? grown[g] : -1;
      int j = Math.max(fOld, fNew);
      int grownAt = fNew == j ? g-- : -1;
      if (fOld == j) {
        float v = value[i];
        boolean keep = !reset.of(j, grownAt);
        for (float[] st : state) {
          st[t] = keep ? st[i] : 0f;
        }
        value[t] = weight.of(j, true, v, grownAt);
        i--;
      } else {
        for (float[] st : state) {
          st[t] = 0f;
        }
        value[t] = weight.of(j, false, 0f, grownAt);
      }
      row[t] = j;
    }
    if (count < old) {
      resize(count);
    }
    // flat indices (ascending) back to rows, and the columns' starts, walking the columns rather than dividing
    int col = 0;
    long columnEnd = nIn; // flat index where column col ends
    colStart[0] = 0;
    for (int t = 0; t < count; t++) {
      while (row[t] >= columnEnd) {
        colStart[++col] = t;
        columnEnd += nIn;
      }
      row[t] -= (int) (columnEnd - nIn);
    }
    while (col < nOut) {
      colStart[++col] = count;
    }
    if (grad.length == count) {
      java.util.Arrays.fill(grad, 0f);
    } else {
      grad = new float[count];
    }
    indexRows();
  }

  /** Sets the length of the per-connection arrays (keeping their first entries). */
  private void resize(int count) {
    row = java.util.Arrays.copyOf(row, count);
    value = java.util.Arrays.copyOf(value, count);
    for (int s = 0; s < state.length; s++) {
      state[s] = java.util.Arrays.copyOf(state[s], count);
    }
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
  private void build(boolean[] active, Columns dense, int stateArrays) {
    int count = 0;
    for (boolean a : active) {
      count += a ? 1 : 0;
    }
    colStart = new int[nOut + 1];
    row = new int[count];
    value = new float[count];
    float[] column = new float[nIn];
    int k = 0;
    for (int o = 0; o < nOut; o++) {
      colStart[o] = k;
      dense.read(o, column);
      for (int i = 0; i < nIn; i++) {
        if (active[i + o * nIn]) {
          row[k] = i;
          value[k++] = column[i];
        }
      }
    }
    colStart[nOut] = k;
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
