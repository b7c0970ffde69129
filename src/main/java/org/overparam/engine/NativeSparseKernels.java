// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@link SparseKernels}' three products in native code (AVX2 with fused multiply-adds; {@code src/main/c}), on the
 * same arrays and with the same contract, for Linux on x86-64 CPUs that have AVX2 and FMA. C2 keeps no block of
 * the batch in registers across a column's weights; the native loops do, and ran the forward and input-gradient
 * products about 1.3-1.4x, the weight gradient 2.5-2.7x as fast as the Java kernels on a 2048 x 2048 layer at 5%
 * and 10% density (docs/results.md). Elsewhere, or with {@code -Doverparam.nativeKernels=false}, the Java kernels run.
 *
 * <p>The results equal the Java kernels' to float rounding, not bit for bit (other sums: fused multiply-adds, the
 * batch in eight lanes); for one machine and one setting they are deterministic and do not depend on the thread
 * count (each output is one sum in a fixed order, computed by one thread).
 *
 * <p>The operand all outputs of a product read (the layer's input, or the deltas for the input gradient) comes
 * staged in one native block aligned to cache lines ({@link SharedOperand}); a call pins the rows it writes for its
 * length ({@code GetPrimitiveArrayCritical}); every index is checked against the arrays and the block before the
 * arithmetic, so a bad index is an {@link IllegalArgumentException}, never a read outside the heap.
 */
final class NativeSparseKernels {
  /** The system property that turns the native kernels off ({@code false}). */
  static final String PROPERTY = "overparam.nativeKernels";
  private static final String LIBRARY = "liboverparam-kernels.so";

  /** Null when the native kernels run, else why not (for the backend report). */
  private static final String UNAVAILABLE = load();

  private NativeSparseKernels() {}

  /** Whether {@link SparseKernels} runs these kernels. */
  static boolean active() {
    return UNAVAILABLE == null;
  }

  /** Why the library does not run (null where it does). */
  static String unavailable() {
    return UNAVAILABLE;
  }

  /** What runs the sparse products, for the model text and the backend report. */
  static String describe() {
    return UNAVAILABLE == null ? "native code (AVX2, FMA)" : "Java (" + UNAVAILABLE + ")";
  }

  private static String load() {
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
      return "turned off by -D" + PROPERTY + "=false";
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "no native kernels for " + os + " on " + arch;
    }
    try (InputStream in = NativeSparseKernels.class.getResourceAsStream("native/linux-x86_64/" + LIBRARY)) {
      if (in == null) {
        return "this build has no native kernels (compiled without gcc)";
      }
      // a file of its own per load: a library already loaded by another class loader (two copies of the package in
      // one JVM) cannot be loaded again from the same path
      Path file = Files.createTempFile("overparam-kernels-", ".so");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        System.load(file.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(file); // the mapped library stays; no file is left behind
      }
      return supported() ? null : "the CPU lacks AVX2 or FMA";
    } catch (IOException | LinkageError | SecurityException e) {
      return "the native kernels did not load: " + e;
    }
  }

  /** Whether the CPU has AVX2 and FMA. */
  private static native boolean supported();

  /** {@link SparseKernels#forward}, the input staged ({@link SharedOperand}) for this call alone. */
  static void forward(int[] colStart, int[] row, float[] value, float[] bias, float[][] in, float[][] out, int batch) {
    forwardStaged(colStart, row, value, bias, SharedOperand.staged(in, batch).block(), in.length, out, batch);
  }

  /** {@link SparseKernels#forward} on {@code inRows} rows staged in {@code in} ({@link SharedOperand#block}). */
  static native void forwardStaged(int[] colStart, int[] row, float[] value, float[] bias, ByteBuffer in, int inRows,
      float[][] out, int batch);

  /** {@link SparseKernels#inputGradient}, the deltas staged for this call alone. */
  static void inputGradient(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, float[][] delta,
      float[][] inGrad, int batch) {
    inputGradientStaged(rowStart, rowCol, rowPerm, value, SharedOperand.staged(delta, batch).block(), delta.length,
        inGrad, batch);
  }

  /** {@link SparseKernels#inputGradient} on {@code deltaRows} deltas staged in {@code delta}. */
  static native void inputGradientStaged(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, ByteBuffer delta,
      int deltaRows, float[][] inGrad, int batch);

  /**
   * Columns {@code from .. to)} of the dense weight gradient g(i, o) = Σ_b in[i][b] · delta[o][b] into the native
   * buffer at {@code address} (column-major, g(i, o) at (o − from)·nIn + i; {@code capacity} floats), through the
   * packed tiles of prediction's kernels: each value one sum in a fixed order, whatever the range or thread.
   */
  static native void gradientColumns(float[][] in, float[][] delta, int batch, int from, int to, long address,
      long capacity);

  /**
   * The positions of columns {@code from .. to)} outside {@code active} ({@link ActiveBits}) where g, computed as by
   * {@link #gradientColumns}, has −|g| (in double) at most {@code bound}: flat indices in ascending order into
   * {@code index}, g into {@code value}; returns how many, or −1 where more than {@code index} holds.
   */
  static native int gradientCandidates(float[][] in, float[][] delta, int batch, int from, int to, long[] active,
      double bound, int[] index, float[] value);

  /** {@link SparseKernels#weightGradient}, the input staged for this call alone. */
  static void weightGradient(int[] colStart, int[] row, float[][] in, float[][] delta, float[] grad, float[] biasGrad,
      int batch) {
    weightGradientStaged(colStart, row, SharedOperand.staged(in, batch).block(), in.length, delta, grad, biasGrad,
        batch);
  }

  /** {@link SparseKernels#weightGradient} on {@code inRows} input rows staged in {@code in}. */
  static native void weightGradientStaged(int[] colStart, int[] row, ByteBuffer in, int inRows, float[][] delta,
      float[] grad, float[] biasGrad, int batch);
}
