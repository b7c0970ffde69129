package org.overparam.nn;

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
  /** The same weights row by row: row i's are at rowPerm[t] (in value order), column rowCol[t], for t in [rowStart[i], rowStart[i + 1]). */
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
    this.nIn = nIn;
    this.nOut = nOut;
    this.bias = bias.clone();
    this.biasGrad = new float[nOut];
    this.biasState = new float[stateArrays][nOut];
    rebuild(active, j -> dense[j], j -> false, stateArrays);
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
   * Replaces the topology: the new active set, weights taken from {@code weights} (column-major,
   * dense), optimiser state kept for connections that stay, zero where {@code resetState} or new.
   */
  void rewire(boolean[] active, double[] weights, boolean[] resetState) {
    rebuild(active, j -> (float) weights[j], j -> resetState[j], state.length);
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

  private interface FloatAt {
    float at(int j);
  }

  private interface Flag {
    boolean at(int j);
  }

  /** Builds the columns from {@code active} in one pass over the matrix, carrying state over by merge. */
  private void rebuild(boolean[] active, FloatAt weight, Flag reset, int stateArrays) {
    int count = 0;
    for (boolean a : active) {
      count += a ? 1 : 0;
    }
    int[] newStart = new int[nOut + 1];
    int[] newRow = new int[count];
    float[] newValue = new float[count];
    float[][] newState = new float[stateArrays][count];
    int k = 0;
    for (int o = 0; o < nOut; o++) {
      newStart[o] = k;
      // the old column o, walked alongside (rows ascending in both)
      int old = value == null ? 0 : colStart[o];
      int oldEnd = value == null ? 0 : colStart[o + 1];
      for (int i = 0; i < nIn; i++) {
        int j = i + o * nIn;
        if (!active[j]) {
          continue;
        }
        newRow[k] = i;
        newValue[k] = weight.at(j);
        while (old < oldEnd && row[old] < i) {
          old++;
        }
        if (old < oldEnd && row[old] == i && !reset.at(j)) {
          for (int s = 0; s < stateArrays; s++) {
            newState[s][k] = state[s][old];
          }
        }
        k++;
      }
    }
    newStart[nOut] = k;
    colStart = newStart;
    row = newRow;
    value = newValue;
    grad = new float[count];
    state = newState;
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
