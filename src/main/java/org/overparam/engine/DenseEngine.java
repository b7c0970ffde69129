// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.OptimizerState;

/**
 * The dense engine: {@link LeanBackprop}'s GEMMs on the DL4J network's own parameters, coupled L2
 * and the {@link FlatOptimizer}. Where a hook masks the weights (ITOP) this engine zeroes the
 * gradients and the weights around the update with a 0/1 vector, as the reference implementations
 * do, and it is the hook's {@link LayerWeights}: rewiring collects in a host copy of the parameters
 * that goes back, with the optimiser state reset where connections changed, once the hook returns.
 */
final class DenseEngine implements StepEngine, LayerWeights {
  private final MultiLayerNetwork net;
  private final ParameterLayout layout;
  private final TrainingHook hook;
  private final double l2;
  private final double gradientClip;
  private final LeanBackprop lean;
  private final FlatOptimizer optimizer;
  private final INDArray weightIndicator;
  private final INDArray scratch;
  /** The logits handed over, one array per batch size, reused step after step. */
  private final RowArrays logits = new RowArrays();
  /** The native input of the batch last forwarded (one of {@link LeanBackprop}'s buffers). */
  private INDArray input;
  /** 1 at active weights and at every bias, 0 at inactive weights; null where the hook masks nothing. */
  private INDArray mask;
  /** The hook's view of the step being finished: host copies made on first use, changes to write back. */
  private double[] hostWeights;
  private double[] denseGradient;
  private float[] keepState;
  private boolean rewired;

  DenseEngine(MultiLayerNetwork net, ParameterLayout layout, NetworkConfig config, TrainingHook hook) {
    this.net = net;
    this.layout = layout;
    this.hook = hook;
    this.l2 = config.l2();
    this.gradientClip = config.gradientClip();
    INDArray params = net.params();
    optimizer = new FlatOptimizer(config.updater(), config.momentum(), params);
    lean = new LeanBackprop(net);
    scratch = l2 > 0 ? Nd4j.zerosLike(params) : null;
    weightIndicator = l2 > 0
        ? Nd4j.create(layout.weightIndicator()).castTo(params.dataType()).reshape(params.shape()) : null;
    mask = DenseMask.of(hook, layout, params);
    if (mask != null) {
      params.muli(mask);
    }
  }

  @Override
  public double[][] forward(float[][] x, int[] rowIds) {
    input = lean.gather(x, rowIds);
    INDArray z = lean.forward(input);
    return HostCopy.rowsInto(z, logits.reused((int) z.size(0), (int) z.size(1)));
  }

  @Override
  public void backwardAndUpdate(double[][] dLogits, double learningRate, long iteration) {
    var dBuffer = lean.dLogitsBuffer(dLogits.length).data();
    for (int r = 0; r < dLogits.length; r++) {
      for (int c = 0; c < dLogits[r].length; c++) {
        dBuffer.put((long) r * dLogits[r].length + c, dLogits[r][c]);
      }
    }
    INDArray params = net.params();
    INDArray gradient = lean.backward(input);
    if (hook != null && hook.wantsDenseGradient(iteration)) {
      denseGradient = gradient.toDoubleVector(); // RigL ranks the dense gradient, inactive entries included
    }
    if (mask != null && hook.masksGradients()) {
      gradient.muli(mask);
    }
    if (gradientClip > 0) {
      double norm = gradient.norm2Number().doubleValue();
      if (norm > gradientClip) {
        gradient.muli(gradientClip / norm);
      }
    }
    if (l2 > 0) {
      Nd4j.getBlasWrapper().level1().axpy(params.length(), l2, scratch.assign(params).muli(weightIndicator), gradient);
    }
    optimizer.step(params, gradient, learningRate);
    if (mask != null) {
      params.muli(mask);
    }
    if (hook != null) {
      hook.afterStep(this, iteration);
      if (rewired) {
        commitRewiring(params);
      }
      hostWeights = null;
      denseGradient = null;
    }
  }

  @Override
  public double[] weights(int layer) {
    if (hostWeights == null) {
      hostWeights = net.params().toDoubleVector();
    }
    ParameterLayout.Segment s = layout.weights().get(layer);
    return Arrays.copyOfRange(hostWeights, (int) s.offset(), (int) s.offset() + s.length());
  }

  @Override
  public double[] denseGradient(int layer) {
    if (denseGradient == null) {
      throw new IllegalStateException("the hook did not ask for the dense gradient of this step");
    }
    ParameterLayout.Segment s = layout.weights().get(layer);
    return Arrays.copyOfRange(denseGradient, (int) s.offset(), (int) s.offset() + s.length());
  }

  /** The mask itself is the hook's to change: the new mask is read from it once it returns. */
  @Override
  public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
    if (hostWeights == null) {
      hostWeights = net.params().toDoubleVector();
    }
    ParameterLayout.Segment s = layout.weights().get(layer);
    int off = (int) s.offset();
    System.arraycopy(weights, 0, hostWeights, off, s.length());
    for (int j = 0; j < s.length(); j++) {
      if (resetState[j]) {
        if (keepState == null) {
          keepState = new float[hostWeights.length];
          Arrays.fill(keepState, 1f);
        }
        keepState[off + j] = 0;
      }
    }
    rewired = true;
  }

  @Override
  public void betweenSteps(Consumer<LayerWeights> change) {
    change.accept(this);
    if (rewired) {
      commitRewiring(net.params());
    }
    hostWeights = null;
  }

  /** Writes the rewired weights back, zeroes the optimiser state where it was reset and masks anew. */
  private void commitRewiring(INDArray params) {
    params.assign(Nd4j.create(hostWeights).castTo(params.dataType()).reshape(params.shape()));
    if (keepState != null) {
      optimizer.maskState(Nd4j.create(keepState).castTo(params.dataType()).reshape(params.shape()));
    }
    keepState = null;
    rewired = false;
    mask = DenseMask.of(hook, layout, params);
    if (mask != null) {
      params.muli(mask);
    }
  }

  @Override
  public void writeToNetwork() {
    // trains the network's own parameters
  }

  @Override
  public void readFromNetwork() {
    // trains the network's own parameters
  }

  @Override
  public OptimizerState optimizerState() {
    return optimizer.export();
  }

  @Override
  public void restoreOptimizerState(OptimizerState saved) {
    optimizer.restore(saved);
  }

  @Override
  public long trainingStateBytes() {
    INDArray p = net.params();
    // parameters, gradient and the optimiser's state vectors, all dense
    return p.length() * p.dataType().width() * (2L + optimizer.state().length);
  }
}
