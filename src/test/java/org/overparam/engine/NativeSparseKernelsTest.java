// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The native sparse kernels: present where the build and the CPU allow them, equal to the Java kernels to float
 * rounding on a layer of the engine's shape, independent of the batch's remainder, and safe with bad indices.
 */
class NativeSparseKernelsTest {
  /**
   * On Linux x86-64 with AVX2 and FMA, a build with the library (gcc present) runs it. Without gcc the build has
   * none and the Java kernels run; {@code .ci/run} checks that the package it builds has the library.
   */
  @Test
  void theNativeKernelsRunWhereTheBuildAndTheCpuAllow() throws IOException {
    assumeTrue(NativeSparseKernels.class.getResource("native/linux-x86_64/liboverparam-kernels.so") != null,
        "this build has no native kernels (no gcc)");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path cpuinfo = Path.of("/proc/cpuinfo");
    assumeTrue(os.startsWith("linux") && System.getProperty("os.arch").equals("amd64") && Files.exists(cpuinfo));
    assumeTrue(!"false".equals(System.getProperty(NativeSparseKernels.PROPERTY)));
    String flags = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
    assumeTrue(flags.contains(" avx2") && flags.contains(" fma"), "this CPU has no AVX2 or FMA");
    assertTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    assertTrue(SparseKernels.NATIVE);
    assertEquals("native code (AVX2, FMA)", NativeSparseKernels.describe());
  }

  /**
   * A 300 x 200 layer at 10% density, batch 128 and 97 (eight-lane and single remainders): each output within the
   * rounding bound of its sum (2 · terms · eps · Σ|products|) of the double-precision value, for both kernels.
   */
  @Test
  void nativeAndJavaAgreeToRounding() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(5);
    int nIn = 300;
    int nOut = 200;
    SparseLayer layer = randomLayer(rng, nIn, nOut, 0.1);
    for (int batch : new int[] {128, 97}) {
      float[][] in = SparseKernelsTest.random(rng, nIn, batch);
      float[][] delta = SparseKernelsTest.random(rng, nOut, batch);
      float[][] outJ = new float[nOut][batch];
      float[][] outN = new float[nOut][batch];
      SparseKernels.forwardJava(layer.colStart, layer.row, layer.value, layer.bias, in, outJ, batch);
      NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, in, outN, batch);
      float[][] gJ = new float[nIn][batch];
      float[][] gN = new float[nIn][batch];
      SparseKernels.inputGradientJava(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, delta, gJ, batch);
      NativeSparseKernels.inputGradient(layer.rowStart, layer.rowCol, layer.rowPerm, layer.value, delta, gN, batch);
      float[] wJ = new float[layer.nonzeros()];
      float[] wN = new float[layer.nonzeros()];
      float[] bJ = new float[nOut];
      float[] bN = new float[nOut];
      SparseKernels.weightGradientJava(layer.colStart, layer.row, in, delta, wJ, bJ, batch, true);
      NativeSparseKernels.weightGradient(layer.colStart, layer.row, in, delta, wN, bN, batch);
      for (int b = 0; b < batch; b++) {
        for (int o = 0; o < nOut; o++) {
          double z = layer.bias[o];
          double abs = Math.abs(layer.bias[o]);
          int terms = 1;
          for (int k = layer.colStart[o]; k < layer.colStart[o + 1]; k++, terms++) {
            double p = layer.value[k] * (double) in[layer.row[k]][b];
            z += p;
            abs += Math.abs(p);
          }
          within(z, abs, terms, outJ[o][b], outN[o][b], "forward");
        }
        for (int i = 0; i < nIn; i++) {
          double g = 0;
          double abs = 0;
          int terms = 0;
          for (int t = layer.rowStart[i]; t < layer.rowStart[i + 1]; t++, terms++) {
            double p = layer.value[layer.rowPerm[t]] * (double) delta[layer.rowCol[t]][b];
            g += p;
            abs += Math.abs(p);
          }
          within(g, abs, terms, gJ[i][b], gN[i][b], "input gradient");
        }
      }
      for (int o = 0; o < nOut; o++) {
        double bg = 0;
        double bAbs = 0;
        for (int b = 0; b < batch; b++) {
          bg += delta[o][b];
          bAbs += Math.abs(delta[o][b]);
        }
        within(bg, bAbs, batch, bJ[o], bN[o], "bias gradient");
        for (int k = layer.colStart[o]; k < layer.colStart[o + 1]; k++) {
          double g = 0;
          double abs = 0;
          for (int b = 0; b < batch; b++) {
            double p = in[layer.row[k]][b] * (double) delta[o][b];
            g += p;
            abs += Math.abs(p);
          }
          within(g, abs, batch, wJ[k], wN[k], "weight gradient");
        }
      }
    }
  }

  /**
   * An output's bits do not depend on the batch around it: the same rows computed in a batch of 131 (64-, 8- and
   * 1-wide code) and one at a time (1-wide only) are equal, so a short last batch changes no sum's order.
   */
  @Test
  void theBitsOfAnOutputDoNotDependOnTheBatchAroundIt() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(9);
    int nIn = 50;
    int nOut = 40;
    SparseLayer layer = randomLayer(rng, nIn, nOut, 0.3);
    int batch = 131;
    float[][] in = SparseKernelsTest.random(rng, nIn, batch);
    float[][] out = new float[nOut][batch];
    NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, in, out, batch);
    for (int b : new int[] {0, 7, 63, 64, 100, 130}) {
      float[][] one = new float[nIn][1];
      for (int i = 0; i < nIn; i++) {
        one[i][0] = in[i][b];
      }
      float[][] single = new float[nOut][1];
      NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, one, single, 1);
      for (int o = 0; o < nOut; o++) {
        assertEquals(Float.floatToRawIntBits(out[o][b]), Float.floatToRawIntBits(single[o][0]), "row " + b);
      }
    }
  }

  /**
   * The forward product and the input gradient take the shared operand's rows in blocks of 128 KB (256 rows of a
   * batch of 128, 2,048 of a batch of 1) where it has more: each output's value is still one chain of fused
   * multiply-adds over its entries in storage order, bit for bit (Math.fma is the same correctly rounded operation
   * as the kernels' fmaf). Rows enough for 3–5 blocks, a density of 3% (outputs with no entry in some blocks, or in
   * none), one output with every row, batches of 128, 97 (8-wide and single remainders) and 1.
   */
  @Test
  void blocksOfTheSharedRowsChangeNoBit() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    SplittableRandom rng = new SplittableRandom(13);
    for (int batch : new int[] {128, 97, 1}) {
      int rows = batch == 1 ? 5000 : 1100; // blocks of 256, 292 and 2,048 rows: 5, 4 and 3 blocks, the last partial
      int outputs = 40;
      boolean[] active = new boolean[rows * outputs];
      float[] dense = new float[rows * outputs];
      for (int j = 0; j < active.length; j++) {
        int o = j / rows;
        active[j] = o == 0 || o != 1 && rng.nextDouble() < 0.03; // output 0 dense, output 1 empty
        dense[j] = (float) rng.nextGaussian();
      }
      float[] bias = new float[outputs];
      for (int o = 0; o < outputs; o++) {
        bias[o] = (float) rng.nextGaussian();
      }
      SparseLayer layer = new SparseLayer(rows, outputs, active, dense, bias, 0);
      float[][] in = SparseKernelsTest.random(rng, rows, batch);
      float[][] out = new float[outputs][batch];
      NativeSparseKernels.forward(layer.colStart, layer.row, layer.value, layer.bias, in, out, batch);
      for (int o = 0; o < outputs; o++) {
        for (int b = 0; b < batch; b++) {
          float z = layer.bias[o];
          for (int k = layer.colStart[o]; k < layer.colStart[o + 1]; k++) {
            z = Math.fma(layer.value[k], in[layer.row[k]][b], z);
          }
          assertEquals(Float.floatToRawIntBits(z), Float.floatToRawIntBits(out[o][b]), "forward " + o + ", " + b);
        }
      }
      // the input gradient with the roles turned: `rows` deltas shared, `outputs` input rows written
      boolean[] turnedActive = new boolean[active.length];
      float[] turnedDense = new float[dense.length];
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < outputs; o++) {
          turnedActive[o + r * outputs] = active[r + o * rows];
          turnedDense[o + r * outputs] = dense[r + o * rows];
        }
      }
      SparseLayer turned = new SparseLayer(outputs, rows, turnedActive, turnedDense, new float[rows], 0);
      float[][] inGrad = new float[outputs][batch];
      NativeSparseKernels.inputGradient(turned.rowStart, turned.rowCol, turned.rowPerm, turned.value, in, inGrad,
          batch);
      for (int i = 0; i < outputs; i++) {
        for (int b = 0; b < batch; b++) {
          float g = 0f;
          for (int t = turned.rowStart[i]; t < turned.rowStart[i + 1]; t++) {
            g = Math.fma(turned.value[turned.rowPerm[t]], in[turned.rowCol[t]][b], g);
          }
          assertEquals(Float.floatToRawIntBits(g), Float.floatToRawIntBits(inGrad[i][b]), "input gradient " + i);
        }
      }
    }
  }

  @Test
  void badIndicesAndShortRowsAreRefusedNotRead() {
    assumeTrue(NativeSparseKernels.active(), NativeSparseKernels::describe);
    int[] colStart = {0, 2};
    float[] value = {1f, 2f};
    float[][] in = new float[3][8];
    float[][] out = new float[1][8];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.forward(colStart, new int[] {0, 3}, value, new float[1], in, out, 8));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.forward(colStart, new int[] {0, 2}, value, new float[1], in, out, 9));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.weightGradient(new int[] {0, 5}, new int[] {0, 2}, in, out, new float[2],
            new float[1], 8));
    assertThrows(IllegalArgumentException.class,
        () -> NativeSparseKernels.inputGradient(new int[] {0, 1, 1, 2}, new int[] {0, 1}, new int[] {0, 1}, value,
            out, in, 8));
    NativeSparseKernels.forward(colStart, new int[] {0, 2}, value, new float[1], in, out, 8); // and the good call runs
    assertArrayEquals(new float[8], out[0]);
  }

  /** An nIn x nOut layer with each weight active with probability {@code density}, Gaussian weights and biases. */
  private static SparseLayer randomLayer(SplittableRandom rng, int nIn, int nOut, double density) {
    boolean[] active = new boolean[nIn * nOut];
    float[] dense = new float[nIn * nOut];
    for (int j = 0; j < active.length; j++) {
      active[j] = rng.nextDouble() < density;
      dense[j] = (float) rng.nextGaussian();
    }
    float[] bias = new float[nOut];
    for (int o = 0; o < nOut; o++) {
      bias[o] = (float) rng.nextGaussian();
    }
    return new SparseLayer(nIn, nOut, active, dense, bias, 0);
  }

  private static void within(double exact, double abs, int terms, float java, float nativeValue, String what) {
    double bound = 2 * terms * Math.ulp(1f) * abs + Float.MIN_NORMAL;
    assertEquals(exact, java, bound, what + " (Java)");
    assertEquals(exact, nativeValue, bound, what + " (native)");
  }
}
