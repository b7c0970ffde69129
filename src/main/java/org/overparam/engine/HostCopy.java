package org.overparam.engine;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * Small element-wise steps done in Java on bulk copies of ND4J's native buffers. An ND4J op has
 * some 20 µs of fixed cost (shape buffers, op context, memory accounting), which at Weka sizes is
 * more than a copy to the heap, a vectorised loop and a copy back. The arrays must be whole,
 * row-major buffers (as {@link LeanBackprop} and {@link SparseEngine} create them). Scratch arrays
 * are per thread. Direct access to native memory is for the CPU backend only: on another backend
 * (CUDA keeps host and device copies) every method takes ND4J's own route.
 */
final class HostCopy {
  private static final boolean CPU = Dl4jRuntime.cpuBackend();

  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

  private HostCopy() {}

  /** Copies {@code rows} of {@code x} into {@code dst} ([rows.length, width], float32 or float64). */
  static void gatherRows(float[][] x, int[] rows, INDArray dst) {
    gatherRows(x, rows, dst, CPU);
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

  /** Reads a float32 buffer into {@code out} (at least as long). */
  static void read(INDArray src, float[] out) {
    check(src);
    readBuffer(src.data(), out, (int) src.length());
  }

  /** Reads the first {@code n} values of a float32 data buffer, whatever the views on it. */
  static void readBuffer(DataBuffer data, float[] out, int n) {
    readBuffer(data, out, n, CPU);
  }

  static void readBuffer(DataBuffer data, float[] out, int n, boolean host) {
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

  /** a = max(z, 0) for float32 buffers of the same shape. */
  static void relu(INDArray z, INDArray a) {
    relu(z, a, CPU);
  }

  static void relu(INDArray z, INDArray a, boolean host) {
    if (!host) {
      Transforms.relu(a.assign(z), false);
      return;
    }
    int n = (int) z.length();
    check(a);
    requireLength(a, n);
    float[] buf = scratch(0, n);
    read(z, buf);
    for (int i = 0; i < n; i++) {
      buf[i] = Math.max(buf[i], 0f);
    }
    new FloatPointer(a.data().addressPointer()).put(buf, 0, n);
    Reference.reachabilityFence(a);
  }

  /** dA ← dA · 1[a > 0], the ReLU derivative written with its output a = relu(z) (a may be overwritten). */
  static void reluBackward(INDArray a, INDArray dA) {
    reluBackward(a, dA, CPU);
  }

  static void reluBackward(INDArray a, INDArray dA, boolean host) {
    if (!host) {
      dA.muli(Transforms.sign(a, false)); // a = relu(z) >= 0, so sign(a) = 1[z > 0]
      return;
    }
    int n = (int) a.length();
    check(dA);
    requireLength(dA, n);
    float[] act = scratch(0, n);
    float[] grad = scratch(1, n);
    read(a, act);
    read(dA, grad);
    reluBackward(act, grad, n);
    new FloatPointer(dA.data().addressPointer()).put(grad, 0, n);
    Reference.reachabilityFence(dA);
  }

  /**
   * grad[i] ← grad[i] · 1[a[i] > 0] for i < n, branch-free: a branch on the sign of activations
   * mispredicts about half the time and made this loop slower than the GEMMs. The mask is all ones
   * where a's bits are positive (a > 0), zero where a is 0 or negative.
   */
  static void reluBackward(float[] act, float[] grad, int n) {
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(act[i]);
      int mask = ((-bits) & ~bits) >> 31;
      grad[i] = Float.intBitsToFloat(Float.floatToRawIntBits(grad[i]) & mask);
    }
  }

  private static float[] scratch(int which, long n) {
    float[][] s = SCRATCH.get();
    if (s[which].length < n) {
      s[which] = new float[(int) n];
    }
    return s[which];
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
