// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A saved copy of a network's flat parameters (early stopping's best epoch, the collapse guard's lowest training
 * loss), saved again into the same memory each time: a fresh copy per improving epoch stayed allocated until a
 * garbage collection found its Java object, 23 MB of native memory per epoch for W2. Where at most half the values
 * are other than +0.0 (a sparse network's masked weights), only their values and a bit per parameter saying where
 * they go are kept, on the heap (W2 at 90% sparsity: about 3 MB instead of 23); otherwise a dense native copy.
 * Restoring gives the saved bits either way (-0.0 and NaN are kept as values).
 */
public final class ParameterSnapshot {
  /** Values per host copy when the parameters are scanned or written back. */
  private static final int CHUNK = 1 << 16;
  private long length = -1;
  /** The dense copy, or null where the values are kept sparse. */
  private INDArray dense;
  /** Bit i of word i / 64: parameter i is one of the values kept (sparse form). */
  private long[] at = new long[0];
  private float[] value = new float[0];
  private int count;
  private float[] chunk;

  /** Saves {@code params} (a whole flat array, as a network's {@code params()}), replacing what was saved. */
  public ParameterSnapshot save(INDArray params) {
    length = params.length();
    long stored = sparseCount(params);
    if (stored >= 0 && stored <= length / 2) {
      keepSparse(params.data(), (int) stored);
      dense = null;
    } else {
      at = new long[0];
      value = new float[0];
      if (dense == null || dense.length() != length || dense.dataType() != params.dataType()) {
        dense = params.dup();
      } else {
        dense.assign(params);
      }
    }
    return this;
  }

  /**
   * Saves {@code length} parameters that {@code fill} hands to a {@link Writer} in ascending positions, at most {@code
   * atMost} of them and at most half the length, all others +0.0: the same snapshot as {@link #save} of those
   * parameters, made by an engine that stores its active weights only (W2 at 90% sparsity: 1–2 ms against 22 for a
   * scan of the network's dense copy, which need not be written first).
   */
  public ParameterSnapshot saveSparse(long length, int atMost, Consumer<Writer> fill) {
    if (length > Integer.MAX_VALUE || atMost < 0 || atMost > length / 2) {
      throw new IllegalArgumentException("a sparse snapshot of at most " + atMost + " of " + length + " parameters");
    }
    this.length = length;
    dense = null;
    prepareSparse(atMost);
    Writer writer = new Writer(atMost);
    fill.accept(writer);
    count = writer.kept;
    return this;
  }

  /** Takes the parameters of {@link #saveSparse}, in ascending positions. */
  public final class Writer {
    private final int atMost;
    private long last = -1;
    private int kept;

    private Writer(int atMost) {
      this.atMost = atMost;
    }

    /** Parameter {@code position} has value {@code v} (kept unless +0.0). */
    public void put(long position, float v) {
      if (position <= last || position >= length) {
        throw new IllegalStateException("parameter " + position + " after " + last + " of " + length);
      }
      last = position;
      if (Float.floatToRawIntBits(v) != 0) {
        if (kept == atMost) {
          throw new IllegalStateException("more parameters other than +0.0 than the " + atMost + " announced");
        }
        ActiveBits.set(at, (int) position);
        value[kept++] = v;
      }
    }
  }

  /** Puts the saved values back into {@code params}, of the saved length. */
  public void restoreInto(INDArray params) {
    if (params.length() != length) {
      throw new IllegalArgumentException("a snapshot of " + length + " parameters cannot fill " + params.length());
    }
    if (dense != null) {
      params.assign(dense);
      return;
    }
    DataBuffer data = params.data();
    float[] chunk = chunk();
    int k = 0;
    for (long from = 0; from < length; from += CHUNK) { // CHUNK is a multiple of 64: a chunk is whole words
      int m = (int) Math.min(CHUNK, length - from);
      Arrays.fill(chunk, 0, m, 0f);
      for (int w = (int) (from >>> 6), end = (int) ((from + m + 63) >>> 6); w < end; w++) {
        for (long bits = at[w]; bits != 0; bits &= bits - 1) {
          chunk[(int) (((long) w << 6) + Long.numberOfTrailingZeros(bits) - from)] = value[k++];
        }
      }
      HostCopy.writeBuffer(data, from, chunk, m);
    }
  }

  /**
   * Whether {@code params} can be kept sparse, read and written back in Java: float32 on the CPU, a whole buffer, no
   * more than an int of them.
   */
  static boolean sparseFits(INDArray params) {
    return params.dataType() == DataType.FLOAT && Routes.cpuShortcuts() && params.offset() == 0
        && params.data().length() == params.length() && params.length() <= Integer.MAX_VALUE;
  }

  /** Whether the values are kept sparse (positions and values) rather than as a dense copy. */
  boolean sparse() {
    return dense == null && length >= 0;
  }

  /** The arrays of the sparse form (tests: a save of no more values reuses them). */
  Object[] sparseArrays() {
    return new Object[] {at, value};
  }

  /**
   * The values other than +0.0 in {@code params}, counted (stopping above half the length), or -1 where the
   * parameters cannot be read in Java (not float32 on the CPU, not a whole buffer, more than an int of them).
   */
  private long sparseCount(INDArray params) {
    DataBuffer data = params.data();
    if (!sparseFits(params)) {
      return -1;
    }
    return scan(data, length / 2, false);
  }

  /**
   * Keeps the {@code stored} values other than +0.0, in the arrays of the last save where they are large enough
   * (counted first, so that a save allocates nothing once they are).
   */
  private void keepSparse(DataBuffer data, int stored) {
    prepareSparse(stored);
    count = (int) scan(data, length, true);
  }

  /** Clears the positions and makes room for {@code stored} values, in the arrays of the last save where they fit. */
  private void prepareSparse(int stored) {
    int words = ActiveBits.words((int) length);
    if (at.length != words) {
      at = new long[words];
    } else {
      Arrays.fill(at, 0L);
    }
    if (value.length < stored) {
      // more, for the next saves: a sparse network's count moves as weights regrown at zero take values
      value = new float[(int) Math.min(length, stored + (long) stored / 8)];
    }
  }

  /** The host copies' chunk, made at the first scan or restore and kept. */
  private float[] chunk() {
    if (chunk == null) {
      chunk = new float[CHUNK];
    }
    return chunk;
  }

  /**
   * One pass over {@code data} a chunk at a time: the values other than +0.0 counted, and where {@code keep}
   * written to {@code at} and {@code value}; stops after the chunk in which the count passes {@code limit}.
   */
  private long scan(DataBuffer data, long limit, boolean keep) {
    float[] chunk = chunk();
    long n = 0;
    for (long from = 0; from < length && n <= limit; from += CHUNK) {
      int m = (int) Math.min(CHUNK, length - from);
      HostCopy.readBuffer(data, from, chunk, m);
      for (int i = 0; i < m; i++) {
        if (Float.floatToRawIntBits(chunk[i]) != 0) {
          if (keep) {
            ActiveBits.set(at, (int) (from + i));
            value[(int) n] = chunk[i];
          }
          n++;
        }
      }
    }
    return n;
  }
}
