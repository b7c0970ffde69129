// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward passes of the dense network with BLAS GEMMs into buffers that are reused
 * from step to step. DL4J's own training path allocates every activation and gradient per step,
 * and at the sizes Weka users train that allocation (not arithmetic) dominates the time; this
 * class does the same mathematics on the same parameter views with a handful of native calls.
 * Equivalence with {@link MultiLayerNetwork#backpropGradient} is a unit test.
 */
final class LeanBackprop {
  private final int layers;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] gw;
  private final INDArray[] gb;
  private final IActivation[] act;
  private final Kind[] kind;
  private final int[] width;
  private final INDArray gradient;
  private final DataType dt;
  private final Map<Integer, Buffers> buffers = new HashMap<>();

  /** Activations and their gradients for one batch size. */
  private record Buffers(INDArray input, INDArray[] z, INDArray[] a, INDArray[] dA, INDArray ones, INDArray onesColumn,
      INDArray dLogits) {}

  private final boolean training;
  /** The number of batch sizes whose buffers are kept. */
  private static final int MAX_BATCH_SIZES = 8;

  LeanBackprop(MultiLayerNetwork net) {
    this(net, true);
  }

  /** {@code training}: false for forward passes only (no gradient or backward buffers are allocated). */
  LeanBackprop(MultiLayerNetwork net, boolean training) {
    this.training = training;
    INDArray params = net.params();
    dt = params.dataType();
    layers = net.getnLayers();
    w = new INDArray[layers];
    b = new INDArray[layers];
    gw = new INDArray[layers];
    gb = new INDArray[layers];
    act = new IActivation[layers];
    kind = new Kind[layers];
    width = new int[layers + 1];
    gradient = training ? OutsideWorkspaces.allocate(() -> Nd4j.zeros(dt, params.shape())) : null;
    INDArray row = training ? gradient.reshape(1, gradient.length()) : null; // a view: the gradient is contiguous
    long offset = 0;
    for (int l = 0; l < layers; l++) {
      var layer = net.getLayer(l);
      w[l] = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
      b[l] = layer.getParam(DefaultParamInitializer.BIAS_KEY).reshape(1, layer.getParam("W").size(1)); // a view
      act[l] = ((BaseLayer) layer.conf().getLayer()).getActivationFn();
      kind[l] = kindOf(act[l]);
      width[l] = (int) w[l].size(0);
      width[l + 1] = (int) w[l].size(1);
      long n = layer.numParams();
      if (!training) {
        continue;
      }
      INDArray segment = row.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape(1, n);
      Map<String, INDArray> views = DefaultParamInitializer.getInstance().getGradientsFromFlattened(layer.conf(), segment);
      gw[l] = views.get(DefaultParamInitializer.WEIGHT_KEY);
      gb[l] = views.get(DefaultParamInitializer.BIAS_KEY).reshape(1, width[l + 1]); // a view
      offset += n;
    }
  }

  int layers() {
    return layers;
  }

  /** The width of layer l's input (l = 0: the network's inputs; l = layers: its outputs). */
  int width(int l) {
    return width[l];
  }

  /** Layer l's weights (a view, [inputs, outputs]) and bias (a view, [1, outputs]). */
  INDArray weights(int l) {
    return w[l];
  }

  INDArray bias(int l) {
    return b[l];
  }

  /** Whether every hidden layer's activation is a plain ReLU (max(z, 0)). */
  boolean hiddenReluOnly() {
    for (int l = 0; l < layers - 1; l++) {
      if (kind[l] != Kind.RELU) {
        return false;
      }
    }
    return true;
  }

  /** Gathers {@code rows} of {@code x} into the input buffer, in one copy to native memory. */
  INDArray gather(float[][] x, int[] rows) {
    INDArray input = buffers(rows.length).input();
    HostCopy.gatherRows(x, rows, input);
    return input;
  }

  /** The input buffer for a batch of {@code rows} rows, to be filled by the caller. */
  INDArray inputBuffer(int rows) {
    return buffers(rows).input();
  }

  /** Forward pass of {@code input} (a buffer from this class); returns the logits buffer. */
  INDArray forward(INDArray input) {
    Buffers buf = buffers((int) input.size(0));
    INDArray a = input;
    for (int l = 0; l < layers; l++) {
      INDArray z = buf.z()[l];
      if (l < layers - 1 && kind[l] == Kind.RELU && HostCopy.hostRelu(z)) {
        // a = max(a·W + b, 0) with the bias added in the ReLU's pass; z keeps a·W (ReLU's backward reads a only)
        DirectGemm.gemm(a, w[l], z, false, false, 1.0, 0.0);
        HostCopy.biasRelu(z, b[l], buf.a()[l]);
        a = buf.a()[l];
        continue;
      }
      // z = 1·b + a·W: the bias broadcast as a rank-1 GEMM avoids a broadcast op's allocations
      DirectGemm.gemm(buf.onesColumn(), b[l], z, false, false, 1.0, 0.0);
      DirectGemm.gemm(a, w[l], z, false, false, 1.0, 1.0);
      if (l < layers - 1) {
        a = activate(l, z, buf.a()[l]);
      } else {
        a = z; // identity output: the logits
      }
    }
    return a;
  }

  /** The buffer the caller fills with dLoss/dLogits before {@link #backward}. */
  INDArray dLogitsBuffer(int rows) {
    return buffers(rows).dLogits();
  }

  /**
   * Backward pass after {@link #forward} on the same batch, given dLoss/dLogits in the
   * {@link #dLogitsBuffer}; returns the flat gradient (same layout as the parameters).
   */
  INDArray backward(INDArray input) {
    if (!training) {
      throw new IllegalStateException("this LeanBackprop was made for forward passes only");
    }
    Buffers buf = buffers((int) input.size(0));
    INDArray delta = buf.dLogits();
    for (int l = layers - 1; l >= 0; l--) {
      INDArray below = l == 0 ? input : buf.a()[l - 1];
      DirectGemm.gemm(below, delta, gw[l], true, false, 1.0, 0.0);
      DirectGemm.gemm(buf.ones(), delta, gb[l], false, false, 1.0, 0.0);
      if (l > 0) {
        INDArray dA = buf.dA()[l - 1];
        DirectGemm.gemm(delta, w[l], dA, false, true, 1.0, 0.0);
        delta = activationBackward(l - 1, buf.z()[l - 1], buf.a()[l - 1], dA);
      }
    }
    return gradient;
  }

  /**
   * a = act(z), kept apart from z. ReLU in float32 runs in Java on a copy (each ND4J op costs some
   * 20 µs of fixed overhead, more than the work at these sizes) with {@link ActivationKernels}, the
   * sparse engine's; tanh and sigmoid use legacy ops, the others DL4J's own activation (the native
   * functions round differently from Java's, so moving them would change this engine's results).
   */
  private INDArray activate(int l, INDArray z, INDArray a) {
    switch (kind[l]) {
      case RELU -> HostCopy.relu(z, a);
      case TANH -> Transforms.tanh(a.assign(z), false);
      case SIGMOID -> Transforms.sigmoid(a.assign(z), false);
      default -> act[l].getActivation(a.assign(z), true);
    }
    return a;
  }

  /**
   * dLoss/dz from dLoss/da. ReLU, tanh and sigmoid derive it from a (which is no longer needed
   * and is overwritten); others use DL4J's activation backprop on z.
   */
  private INDArray activationBackward(int l, INDArray z, INDArray a, INDArray dA) {
    switch (kind[l]) {
      case RELU -> {
        HostCopy.reluBackward(a, dA);
        return dA;
      }
      case TANH -> {
        return dA.muli(a.muli(a).rsubi(1)); // 1 - tanh²
      }
      case SIGMOID -> {
        return dA.muli(a.rsub(1).muli(a)); // σ(1 - σ)
      }
      default -> {
        return act[l].backprop(z, dA).getFirst();
      }
    }
  }

  private enum Kind { RELU, TANH, SIGMOID, OTHER }

  private static Kind kindOf(IActivation fn) {
    if (fn instanceof org.nd4j.linalg.activations.impl.ActivationReLU r && isZero(r.getMax(), true)
        && isZero(r.getThreshold(), false) && isZero(r.getNegativeSlope(), false)) {
      return Kind.RELU;
    }
    if (fn instanceof org.nd4j.linalg.activations.impl.ActivationTanH) {
      return Kind.TANH;
    }
    if (fn instanceof org.nd4j.linalg.activations.impl.ActivationSigmoid) {
      return Kind.SIGMOID;
    }
    return Kind.OTHER;
  }

  /** null counts as unset (zero or no maximum). */
  private static boolean isZero(Double v, boolean nullOnly) {
    return v == null || (!nullOnly && v == 0);
  }

  private Buffers buffers(int rows) {
    if (!buffers.containsKey(rows) && buffers.size() >= MAX_BATCH_SIZES) {
      buffers.clear(); // batch sizes seen are few in training; prediction may ask for many (each a remainder)
    }
    return buffers.computeIfAbsent(rows, r -> OutsideWorkspaces.allocate(() -> {
      INDArray[] z = new INDArray[layers];
      INDArray[] a = new INDArray[layers];
      INDArray[] dA = new INDArray[layers];
      for (int l = 0; l < layers; l++) {
        z[l] = Nd4j.create(dt, r, width[l + 1]);
        a[l] = Nd4j.create(dt, r, width[l + 1]);
        dA[l] = training ? Nd4j.create(dt, r, width[l + 1]) : null;
      }
      return new Buffers(Nd4j.create(dt, r, width[0]), z, a, dA, training ? Nd4j.ones(dt, 1, r) : null,
          Nd4j.ones(dt, r, 1), training ? Nd4j.create(dt, r, width[layers]) : null);
    }));
  }
}
