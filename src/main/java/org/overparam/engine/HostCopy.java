// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.overparam.nn.Activation;

/**
 * Small element-wise steps done in Java on bulk copies of ND4J's native buffers. An ND4J op has
 * some 20 µs of fixed cost (shape buffers, op context, memory accounting), which at Weka sizes is
 * more than a copy to the heap, a vectorised loop and a copy back. The arrays must be whole,
 * row-major buffers (as {@link LeanBackprop} and {@link SparseEngine} create them). Scratch arrays
 * are per thread. Direct access to native memory is for the CPU backend only: on another backend
 * (CUDA keeps host and device copies) every method takes ND4J's own route.
 */
final class HostCopy {
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

  private HostCopy() {}

  /** Copies {@code rows} of {@code x} into {@code dst} ([rows.length, width], float32 or float64). */
  static void gatherRows(float[][] x, int[] rows, INDArray dst) {
    gatherRows(x, rows, dst, Routes.cpuShortcuts());
  }

  /** {@code host}: through native memory (CPU backend), else through ND4J (tests run both). */
  static void gatherRows(float[][] x, int[] rows, INDArray dst, boolean host) {
    int width = (int) dst.size(1);
    check(dst);
    requireLength(dst, (long) rows.length * width);
    if (!host) {
      float[][] batch = new float[rows.length][];
      for (int r = 0; r < rows.length; r++) {
        batch[r] = x[rows[r]];
      }
      dst.assign(Nd4j.create(batch).castTo(dst.dataType()));
    } else if (dst.dataType() == DataType.FLOAT) {
      float[] buf = scratch(0, (long) rows.length * width);
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(x[rows[r]], 0, buf, r * width, width);
      }
      new FloatPointer(dst.data().addressPointer()).put(buf, 0, rows.length * width);
      Reference.reachabilityFence(dst);
    } else {
      requireType(dst, DataType.DOUBLE);
      double[] buf = new double[rows.length * width];
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < width; c++) {
          buf[r * width + c] = x[rows[r]][c];
        }
      }
      new DoublePointer(dst.data().addressPointer()).put(buf, 0, buf.length);
      Reference.reachabilityFence(dst);
    }
  }

  /** The rows of a row-major [rows, cols] matrix (float32 or float64, as LeanBackprop's outputs are), as doubles. */
  static double[][] rows(INDArray m) {
    return rowsInto(m, newRows((int) m.size(0), (int) m.size(1)));
  }

  /** The same into {@code out} (that shape): no arrays made for float32. */
  static double[][] rowsInto(INDArray m, double[][] out) {
    int rows = (int) m.size(0);
    int cols = (int) m.size(1);
    if (m.dataType() == DataType.FLOAT) {
      float[] flat = scratch(0, (long) rows * cols);
      read(m, flat);
      return copyRows(flat, cols, out);
    }
    double[] flat = m.data().asDouble();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /** The rows of a row-major [rows, cols] float array, as doubles. */
  static double[][] rows(float[] flat, int rows, int cols) {
    return copyRows(flat, cols, newRows(rows, cols));
  }

  /** Rows of {@code cols} doubles, allocated one by one: new double[rows][cols] is a slow VM call. */
  private static double[][] newRows(int rows, int cols) {
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = new double[cols];
    }
    return out;
  }

  private static double[][] copyRows(float[] flat, int cols, double[][] out) {
    for (int r = 0; r < out.length; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = flat[r * cols + c];
      }
    }
    return out;
  }

  /** Reads a float32 buffer into {@code out} (at least as long). */
  static void read(INDArray src, float[] out) {
    check(src);
    readBuffer(src.data(), out, (int) src.length());
  }

  /** Reads the first {@code n} values of a float32 data buffer, whatever the views on it. */
  static void readBuffer(DataBuffer data, float[] out, int n) {
    readBuffer(data, out, n, Routes.cpuShortcuts());
  }

  static void readBuffer(DataBuffer data, float[] out, int n, boolean host) {
    if (data.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("a float32 buffer is needed, got " + data.dataType());
    }
    if (n > data.length() || n > out.length) {
      throw new IllegalArgumentException("cannot read " + n + " values from a buffer of " + data.length()
          + " into an array of " + out.length);
    }
    if (host) {
      new FloatPointer(data.addressPointer()).get(out, 0, n);
      Reference.reachabilityFence(data);
    } else {
      System.arraycopy(data.asFloat(), 0, out, 0, n);
    }
  }

  /** Reads values {@code from .. from + n)} of a float32 data buffer into the start of {@code out}. */
  static void readBuffer(DataBuffer data, long from, float[] out, int n) {
    if (data.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("a float32 buffer is needed, got " + data.dataType());
    }
    if (from < 0 || from + n > data.length() || n > out.length) {
      throw new IllegalArgumentException("cannot read values " + from + " to " + (from + n) + " of a buffer of "
          + data.length() + " into an array of " + out.length);
    }
    if (Routes.cpuShortcuts()) {
      new FloatPointer(data.addressPointer()).position(from).get(out, 0, n);
      Reference.reachabilityFence(data);
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = data.getFloat(from + i);
      }
    }
  }

  /** Writes {@code src[0 .. n)} into values {@code from .. from + n)} of a float32 data buffer. */
  static void writeBuffer(DataBuffer data, long from, float[] src, int n) {
    if (data.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("a float32 buffer is needed, got " + data.dataType());
    }
    if (from < 0 || from + n > data.length() || n > src.length) {
      throw new IllegalArgumentException("cannot write values " + from + " to " + (from + n) + " of a buffer of "
          + data.length() + " from an array of " + src.length);
    }
    if (Routes.cpuShortcuts()) {
      new FloatPointer(data.addressPointer()).position(from).put(src, 0, n);
      Reference.reachabilityFence(data);
    } else {
      for (int i = 0; i < n; i++) {
        data.put(from + i, src[i]);
      }
    }
  }

  /** a = max(z, 0) for buffers of the same shape: in Java for float32 on the CPU, else through ND4J. */
  static void relu(INDArray z, INDArray a) {
    relu(z, a, hostRelu(a));
  }

  /** Whether the ReLU passes run in Java for arrays of {@code a}'s type (float32, on the CPU). */
  static boolean hostRelu(INDArray a) {
    return Routes.cpuShortcuts() && a.dataType() == DataType.FLOAT;
  }

  static void relu(INDArray z, INDArray a, boolean host) {
    if (!host) {
      Transforms.relu(a.assign(z), false);
      return;
    }
    int n = (int) z.length();
    check(a);
    requireType(a, DataType.FLOAT);
    requireLength(a, n);
    float[] buf = scratch(0, n);
    read(z, buf);
    ActivationKernels.forward(Activation.RELU, buf, n);
    new FloatPointer(a.data().addressPointer()).put(buf, 0, n);
    Reference.reachabilityFence(a);
  }

  /**
   * a = max(z + bias, 0) row by row, for a row-major float32 z and a [1, width] bias (a contiguous view, as a layer's
   * bias inside the parameters), in Java: the bias added in the pass that applies the ReLU rather than by a GEMM of
   * its own. The host route only (see {@link #relu(INDArray, INDArray)}).
   */
  static void biasRelu(INDArray z, INDArray bias, INDArray a) {
    int n = (int) z.length();
    int width = (int) bias.length();
    check(a);
    requireType(a, DataType.FLOAT);
    requireLength(a, n);
    if (bias.rank() != 2 || bias.size(0) != 1 || width > 1 && bias.stride(1) != 1 || n % width != 0) {
      throw new IllegalArgumentException("a contiguous [1, width] bias dividing the rows is needed, got "
          + bias.shapeInfoToString() + " for " + n + " values");
    }
    float[] v = scratch(0, n);
    float[] b = scratch(1, n);
    read(z, v);
    readBuffer(bias.data(), b, width);
    for (int r = width; r < n; r += width) {
      System.arraycopy(b, 0, b, r, width);
    }
    // one loop over the bias tiled row by row: with the same index into both arrays C2 vectorises it (with a row
    // offset into one of them it cannot rule out overlap, and it ran five times slower)
    for (int i = 0; i < n; i++) {
      v[i] = Math.max(v[i] + b[i], 0f);
    }
    new FloatPointer(a.data().addressPointer()).put(v, 0, n);
    Reference.reachabilityFence(a);
  }

  /** dA ← dA · 1[a > 0], the ReLU derivative written with its output a = relu(z) (a may be overwritten). */
  static void reluBackward(INDArray a, INDArray dA) {
    reluBackward(a, dA, hostRelu(dA));
  }

  static void reluBackward(INDArray a, INDArray dA, boolean host) {
    if (!host) {
      dA.muli(Transforms.sign(a, false)); // a = relu(z) >= 0, so sign(a) = 1[z > 0]
      return;
    }
    int n = (int) a.length();
    check(dA);
    requireType(dA, DataType.FLOAT);
    requireLength(dA, n);
    float[] act = scratch(0, n);
    float[] grad = scratch(1, n);
    read(a, act);
    read(dA, grad);
    ActivationKernels.backward(Activation.RELU, act, grad, n);
    new FloatPointer(dA.data().addressPointer()).put(grad, 0, n);
    Reference.reachabilityFence(dA);
  }

  private static float[] scratch(int which, long n) {
    float[][] s = SCRATCH.get();
    if (s[which].length < n) {
      s[which] = new float[(int) n];
    }
    return s[which];
  }

  /**
   * Raw writes count elements of the type written: into a buffer of a narrower type they would run
   * past its native memory (doubles into float32 by half its length again).
   */
  private static void requireType(INDArray a, DataType type) {
    if (a.dataType() != type) {
      throw new IllegalArgumentException("a " + type + " buffer is needed, got " + a.dataType());
    }
  }

  /** Writes of {@code n} values go straight to native memory: the buffer must hold exactly that many. */
  private static void requireLength(INDArray a, long n) {
    if (a.length() != n) {
      throw new IllegalArgumentException("a buffer of " + a.length() + " values cannot take " + n);
    }
  }

  private static void check(INDArray a) {
    if (a.isView() || a.ordering() != 'c' || a.data().length() != a.length()) {
      throw new IllegalArgumentException("a whole row-major buffer is needed, got a view or another order");
    }
  }
}
