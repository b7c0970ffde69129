// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Prediction's packed native pass: equal to the network's mathematics computed by hand in double precision for
 * every tile remainder and widths off the 16-column panels, the same bits for a row whatever block it is in, used
 * only where it applies, a snapshot of the parameters, and safe with bad buffers.
 */
class PackedForwardTest {
  private static MultiLayerNetwork net(DataType type, Activation hidden, int... widths) {
    var list = new NeuralNetConfiguration.Builder().seed(3).dataType(type).list();
    for (int l = 0; l < widths.length - 2; l++) {
      list.layer(new DenseLayer.Builder().nIn(widths[l]).nOut(widths[l + 1]).activation(hidden).build());
    }
    int last = widths.length - 2;
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(widths[last]).nOut(widths[last + 1])
        .activation(Activation.SOFTMAX).build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    // biases away from zero, so that a missing or misplaced bias shows
    SplittableRandom rng = new SplittableRandom(11);
    double[] shift = new double[(int) net.params().length()];
    for (int i = 0; i < shift.length; i++) {
      shift[i] = rng.nextDouble(-0.3, 0.3);
    }
    net.params().addi(Nd4j.create(shift).castTo(type).reshape(net.params().shape()));
    return net;
  }

  private static float[][] rows(int n, int width, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] x = new float[n][width];
    for (float[] r : x) {
      for (int j = 0; j < width; j++) {
        r[j] = (float) rng.nextGaussian();
      }
    }
    return x;
  }

  /** The logits in double precision from the network's float weights, layer by layer as its configuration says. */
  private static double[] reference(MultiLayerNetwork net, float[] x) {
    double[] a = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      a[j] = x[j];
    }
    for (int l = 0; l < net.getnLayers(); l++) {
      float[][] w = net.getLayer(l).getParam("W").toFloatMatrix();
      float[] b = net.getLayer(l).getParam("b").toFloatVector();
      double[] z = new double[b.length];
      for (int c = 0; c < b.length; c++) {
        double s = b[c];
        for (int p = 0; p < a.length; p++) {
          s += a[p] * w[p][c];
        }
        z[c] = l < net.getnLayers() - 1 ? Math.max(s, 0) : s;
      }
      a = z;
    }
    return a;
  }

  @Test
  void outputsEqualTheHandComputedNetworkForEveryTileRemainderAndWidth() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    // widths off the panel (1, 15, 17, 33), one input, one on the panel (16), and a layer of one unit
    int[][] shapes = {{1, 15, 3}, {7, 17, 33, 5}, {16, 16, 1, 2}, {40, 33, 16, 10}};
    for (int[] shape : shapes) {
      MultiLayerNetwork net = net(DataType.FLOAT, Activation.RELU, shape);
      Inference inference = new Inference(net, 1, true);
      assertTrue(inference.packed());
      for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 11, 13, 257}) { // every remainder of the 6-row tile; two blocks
        float[][] x = rows(n, shape[0], n);
        double[][] ours = inference.logits(x);
        for (int r = 0; r < n; r++) {
          double[] want = reference(net, x[r]);
          double scale = 1 + Arrays.stream(want).map(Math::abs).max().orElse(0);
          assertArrayEquals(want, ours[r], 2e-5 * scale, Arrays.toString(shape) + ", " + n + " rows, row " + r);
        }
      }
    }
  }

  @Test
  void aRowHasTheSameBitsInAnyBlock() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    MultiLayerNetwork net = net(DataType.FLOAT, Activation.RELU, 30, 40, 20, 4);
    Inference inference = new Inference(net, 1, true);
    float[][] x = rows(300, 30, 5);
    double[][] all = inference.logits(x);
    for (int r : new int[] {0, 5, 6, 255, 256, 299}) {
      assertArrayEquals(all[r], inference.logits(new float[][] {x[r]})[0], 0.0, "row " + r);
      assertArrayEquals(all[r], inference.logits(Arrays.copyOfRange(x, r - r % 7, 300))[r % 7], 0.0, "row " + r);
    }
    assertArrayEquals(all, new Inference(net, 1, true).logits(x));
  }

  @Test
  void onlyFloatReluNetworksArePacked() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    assertTrue(new Inference(net(DataType.FLOAT, Activation.RELU, 3, 4, 2), 1, true).packed());
    assertTrue(new Inference(net(DataType.FLOAT, Activation.RELU, 3, 4, 2), 2, true).packed());
    assertFalse(new Inference(net(DataType.FLOAT, Activation.RELU, 3, 4, 2), 1, false).packed());
    assertFalse(new Inference(net(DataType.FLOAT, Activation.TANH, 3, 4, 2), 1, true).packed());
    assertFalse(new Inference(net(DataType.DOUBLE, Activation.RELU, 3, 4, 2), 1, true).packed());
    // no hidden layer: the output layer alone is packed
    assertTrue(new Inference(net(DataType.FLOAT, Activation.TANH, 3, 2), 1, true).packed());
  }

  /** Layers of 256 rows x 512 x 256 are split in two and three parts: the same bits as on one thread. */
  @Test
  void threadsSharePanelsWithTheSameBits() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    assertTrue(256L * 512 * 256 >= 3 * PackedForward.MIN_MACS_PER_PART);
    MultiLayerNetwork net = net(DataType.FLOAT, Activation.RELU, 512, 256, 256, 10);
    float[][] x = rows(300, 512, 8);
    double[][] one = new Inference(net, 1, true).logits(x);
    for (int threads : new int[] {2, 3}) {
      assertArrayEquals(one, new Inference(net, threads, true).logits(x), threads + " threads");
    }
    double[] want = reference(net, x[299]);
    assertArrayEquals(want, one[299], 2e-5 * (1 + Arrays.stream(want).map(Math::abs).max().orElse(0)));
  }

  @Test
  void aPackedInferenceKeepsTheParametersItWasMadeWith() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    MultiLayerNetwork net = net(DataType.FLOAT, Activation.RELU, 5, 8, 3);
    float[][] x = rows(9, 5, 2);
    Inference packed = new Inference(net, 1, true);
    Inference live = new Inference(net, 1, false);
    double[][] before = packed.logits(x);
    double[][] liveBefore = live.logits(x);
    for (int r = 0; r < x.length; r++) {
      assertArrayEquals(before[r], liveBefore[r], 1e-5);
    }
    net.params().muli(1.5);
    assertArrayEquals(before, packed.logits(x));
    assertNotEquals(before[0][0], live.logits(x)[0][0]);
  }

  @Test
  void badSizesAndBuffersAreRefusedBeforeAnyArithmetic() {
    assumeTrue(NativeDenseKernels.active(), NativeSparseKernels::describe);
    // 2 rows, 4 inputs (stride 16), 3 outputs: one panel of 16 columns, then its bias
    ByteBuffer in = aligned(2 * 16);
    ByteBuffer model = aligned(16 * 4 + 16);
    ByteBuffer out = aligned(2 * 16);
    NativeDenseKernels.layer(in, 16, 2, 4, model, 0, 3, 0, 1, true, out, 16); // fits
    List<Executable> bad = List.of(
        () -> NativeDenseKernels.layer(in, 16, 3, 4, model, 0, 3, 0, 1, true, out, 16), // a row too many
        () -> NativeDenseKernels.layer(in, 16, 2, 17, model, 0, 3, 0, 1, true, out, 16), // more inputs than the stride
        () -> NativeDenseKernels.layer(in, 16, 2, 4, model, 0, 17, 0, 2, true, out, 16), // two panels: ldc too small
        () -> NativeDenseKernels.layer(in, 16, 2, 4, model, 0, 3, 0, 2, true, out, 16), // a panel past the width
        () -> NativeDenseKernels.layer(in, 16, 2, 4, model, 16, 3, 0, 1, true, out, 16), // the bias past the buffer
        () -> NativeDenseKernels.layer(in, 16, 2, 4, model, 8, 3, 0, 1, true, out, 16), // offset off 64 bytes
        () -> NativeDenseKernels.layer(in, 16, 2, 4, aligned(16 * 4), 0, 3, 0, 1, true, out, 16), // no bias
        () -> NativeDenseKernels.layer(in.slice(4, 100), 16, 2, 4, model, 0, 3, 0, 1, true, out, 16), // unaligned
        () -> NativeDenseKernels.layer(ByteBuffer.allocate(4096), 16, 2, 4, model, 0, 3, 0, 1, true, out, 16),
        () -> NativeDenseKernels.layer(in, 16, 2, 0, model, 0, 3, 0, 1, true, out, 16), // no inputs
        () -> NativeDenseKernels.layer(in, 16, 2, 4, model, 0, 3, 1, 0, true, out, 16)); // panels reversed
    for (int i = 0; i < bad.size(); i++) {
      assertThrows(IllegalArgumentException.class, bad.get(i), "case " + i);
    }
  }

  private static ByteBuffer aligned(int floats) {
    return ByteBuffer.allocateDirect(floats * 4 + 64).alignedSlice(64).limit(floats * 4).slice();
  }
}
