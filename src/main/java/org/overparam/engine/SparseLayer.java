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
    int o = -1;
    int k = 0;
    int end = 0;
    for (int i = 0; i < at.length; i++) {
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
    return out;
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
    java.util.Arrays.fill(column, 0, nIn, 0f);
    for (int k = colStart[o]; k < colStart[o + 1]; k++) {
      column[row[k]] = value[k];
    }
  }

  /** Reads the active weights of column o back from its dense form (state kept). */
  void readColumn(int o, float[] column) {
    for (int k = colStart[o]; k < colStart[o + 1]; k++) {
      value[k] = column[row[k]];
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
    merge(pruned, grown, (j, k, g) -> (float) weights[j], (j, k, g) -> resetState[j]);
  }

  /**
   * Replaces the topology as {@link #rewire(int[], int[], double[], boolean[])} does, given the change
   * only (see {@link LayerWeights#rewire(int, int[], int[], double[], boolean)}): a connection that
   * stays keeps its weight and state, a new one takes {@code grownWeights[i]} for {@code grown[i]} and
   * fresh state, and one pruned and regrown takes them too when {@code reinitRegrown}.
   */
  void rewire(int[] pruned, int[] grown, double[] grownWeights, boolean reinitRegrown) {
    float[] kept = value;
    merge(pruned, grown,
        (j, k, g) -> k >= 0 && (g < 0 || !reinitRegrown) ? kept[k] : (float) grownWeights[g],
        (j, k, g) -> g >= 0 && reinitRegrown);
  }

  /** A new connection's weight from its flat index j, old position k (or -1) and position g in grown (or -1). */
  @FunctionalInterface
  private interface WeightOf {
    float of(int j, int k, int g);
  }

  /** Whether a connection that stays (flat index j, old position k, position g in grown or -1) loses its state. */
  @FunctionalInterface
  private interface ResetOf {
    boolean of(int j, int k, int g);
  }

  /**
   * The merge behind both rewires: stored entries that stay (state kept unless {@code reset}) and grown
   * ones (state zero), in flat index order, weights from {@code weight}.
   */
  private void merge(int[] pruned, int[] grown, WeightOf weight, ResetOf reset) {
    int old = value.length;
    int count = old - pruned.length + grown.length;
    int[] newStart = new int[nOut + 1];
    int[] newRow = new int[count];
    float[] newValue = new float[count];
    float[][] newState = new float[state.length][count];
    int k = 0; // stored entries, in flat index order (column-major, rows ascending)
    int col = 0; // the column of entry k
    int p = 0; // pruned
    int g = 0; // grown, merged in
    int regrown = 0; // grown, probing for pruned entries that regrow
    int t = 0; // new entries
    int newCol = 0;
    while (true) {
      int fOld = Integer.MAX_VALUE;
      for (; k < old; k++) { // the next stored entry that stays
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
        fOld = f;
        break;
      }
      int fNew = g < grown.length ? grown[g] : Integer.MAX_VALUE;
      if (fOld == Integer.MAX_VALUE && fNew == Integer.MAX_VALUE) {
        break;
      }
      int j = Math.min(fOld, fNew);
      int grownAt = -1;
      if (fNew == j) {
        grownAt = g++;
      }
      int oldAt = -1;
      if (fOld == j) {
        oldAt = k;
        if (!reset.of(j, k, grownAt)) {
          for (int s = 0; s < state.length; s++) {
            newState[s][t] = state[s][k];
          }
        }
        k++;
      }
      while (newCol < j / nIn) {
        newStart[++newCol] = t;
      }
      newRow[t] = j % nIn;
      newValue[t] = weight.of(j, oldAt, grownAt);
      t++;
    }
    if (t != count) {
      throw new IllegalStateException("rewiring left " + t + " connections, expected " + count);
    }
    while (newCol < nOut) {
      newStart[++newCol] = t;
    }
    colStart = newStart;
    row = newRow;
    value = newValue;
    grad = new float[count];
    state = newState;
    indexRows();
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
    rowStart = new int[nIn + 1];
    for (int r : row) {
      rowStart[r + 1]++;
    }
    for (int i = 0; i < nIn; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int[] next = java.util.Arrays.copyOf(rowStart, nIn);
    rowCol = new int[row.length];
    rowPerm = new int[row.length];
    for (int o = 0; o < nOut; o++) {
      for (int k = colStart[o]; k < colStart[o + 1]; k++) {
        int t = next[row[k]]++;
        rowCol[t] = o;
        rowPerm[t] = k;
      }
    }
  }
}
