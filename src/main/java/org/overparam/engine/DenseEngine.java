package org.overparam.engine;

import org.overparam.nn.OptimizerState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nn.NetworkConfig;

/**
 * The dense engine: {@link LeanBackprop}'s GEMMs on the DL4J network's own parameters, coupled L2
 * and the {@link FlatOptimizer}. A masking hook (ITOP) zeroes gradients and weights around the
 * update, as the reference implementations do.
 */
final class DenseEngine implements StepEngine {
  private final MultiLayerNetwork net;
  private final TrainingHook hook;
  private final double l2;
  private final LeanBackprop lean;
  private final FlatOptimizer optimizer;
  private final INDArray weightIndicator;
  private final INDArray scratch;

  DenseEngine(MultiLayerNetwork net, ParameterLayout layout, NetworkConfig config, TrainingHook hook) {
    this.net = net;
    this.hook = hook;
    this.l2 = config.l2();
    INDArray params = net.params();
    optimizer = new FlatOptimizer(config.updater(), config.momentum(), params);
    lean = new LeanBackprop(net);
    scratch = l2 > 0 ? Nd4j.zerosLike(params) : null;
    weightIndicator = l2 > 0
        ? Nd4j.create(layout.weightIndicator()).castTo(params.dataType()).reshape(params.shape()) : null;
  }

  @Override
  public INDArray inputBuffer(int rows) {
    return lean.inputBuffer(rows);
  }

  @Override
  public INDArray gather(float[][] x, int[] rows) {
    return lean.gather(x, rows);
  }

  @Override
  public double[][] forward(INDArray input) {
    INDArray out = lean.forward(input);
    int rows = (int) out.size(0);
    int classes = (int) out.size(1);
    double[][] logits = new double[rows][classes];
    if (out.dataType() == DataType.FLOAT) {
      float[] flat = new float[rows * classes];
      HostCopy.read(out, flat); // row-major [rows, classes]
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < classes; c++) {
          logits[r][c] = flat[r * classes + c];
        }
      }
    } else {
      double[] flat = out.data().asDouble();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * classes, logits[r], 0, classes);
      }
    }
    return logits;
  }

  @Override
  public void backwardAndUpdate(INDArray input, double[][] dLogits, double learningRate, long iteration) {
    var dBuffer = lean.dLogitsBuffer(dLogits.length).data();
    for (int r = 0; r < dLogits.length; r++) {
      for (int c = 0; c < dLogits[r].length; c++) {
        dBuffer.put((long) r * dLogits[r].length + c, dLogits[r][c]);
      }
    }
    INDArray params = net.params();
    INDArray gradient = lean.backward(input);
    if (hook != null) {
      hook.beforeUpdate(params, gradient, iteration);
    }
    if (l2 > 0) {
      Nd4j.getBlasWrapper().level1().axpy(params.length(), l2, scratch.assign(params).muli(weightIndicator), gradient);
    }
    optimizer.step(params, gradient, learningRate);
    if (hook != null) {
      hook.afterUpdate(params, optimizer, iteration);
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
