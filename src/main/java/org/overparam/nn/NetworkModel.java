// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.engine.Inference;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * A trained network: maps standardised inputs to class probabilities. Serializable (the DL4J
 * network is written with {@link ModelBytes}); prediction does not change it. Predictions may run on a packed copy
 * of the parameters made at the first prediction ({@link Inference}): a model predicts with the parameters it had
 * then, however the network trains on (the trainer makes a new model after every epoch).
 */
public final class NetworkModel implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private transient MultiLayerNetwork net;
  /** The forward pass over {@code net}'s parameters, made on first use (not serialized). */
  private transient Inference inference;
  private final int numInputs;
  private final int numClasses;
  /**
   * The thread count it was trained with, which its predictions use too (in float32 the products' last digits
   * depend on it); 0 in models saved before the count was recorded, which trained on one thread.
   */
  private final int threads;
  /**
   * True for the trainer's own predictions during training (its per-epoch metrics): they read the network's
   * parameters in place instead of packing a copy that the next step makes stale.
   */
  private final boolean live;

  NetworkModel(MultiLayerNetwork net, int numInputs, int numClasses, int threads, boolean live) {
    this.net = net;
    this.numInputs = numInputs;
    this.numClasses = numClasses;
    this.threads = threads;
    this.live = live;
  }

  /** The threads of its products (the training run's count). */
  public int threads() {
    return Math.max(1, threads);
  }

  public int numInputs() {
    return numInputs;
  }

  /** The number of classes, or 1 for a regression network (its output width). */
  public int numClasses() {
    return numClasses;
  }

  /**
   * Class probabilities for each row of {@code x}, computed as one batch.
   *
   * @throws ArithmeticException if the network's output for a row is not finite (never a NaN answer)
   */
  public double[][] predict(float[][] x) {
    double[][] logits = outputs(x);
    for (int r = 0; r < logits.length; r++) {
      logits[r] = SoftmaxCrossEntropy.softmax(logits[r]);
    }
    return logits;
  }

  /**
   * The network's raw outputs for each row of {@code x} (logits; for a regression network the
   * standardised prediction in column 0), computed as one batch.
   *
   * @throws ArithmeticException if an output is not finite (never a NaN answer)
   */
  public double[][] outputs(float[][] x) {
    if (x.length == 0) {
      return new double[0][];
    }
    double[][] logits = logits(x);
    for (double[] row : logits) {
      for (double z : row) {
        if (!Double.isFinite(z)) {
          throw new ArithmeticException("the network's output is " + z + " for this input: its parameters or the "
              + "input are too large for " + net.params().dataType() + " arithmetic");
        }
      }
    }
    return logits;
  }

  /** Raw network outputs (logits) for each row of {@code x}. */
  public double[][] logits(float[][] x) {
    return Dl4jRuntime.call(threads(), () -> {
      synchronized (this) { // the forward pass reuses its buffers; one prediction at a time
        if (inference == null) {
          inference = new Inference(net, threads(), !live);
        }
        return inference.logits(x);
      }
    });
  }

  /** What runs predictions in this JVM ({@link Inference#describe}), for the backend report. */
  public static String predictionKernels() {
    return Inference.describe();
  }

  /** DL4J's own forward pass, the reference {@link #logits} is tested against. */
  double[][] dl4jLogits(float[][] x) {
    return Dl4jRuntime.call(threads(), () -> {
      INDArray input = Nd4j.create(x).castTo(net.params().dataType());
      synchronized (this) { // a DL4J network keeps per-call state
        return net.output(input, false).toDoubleMatrix();
      }
    });
  }

  /** A copy of the flat parameter vector (for tests and reports). */
  public double[] parameters() {
    return Dl4jRuntime.call(() -> net.params().toDoubleVector());
  }

  /** The number of parameters, including biases. */
  public long numParameters() {
    return net.numParams();
  }

  MultiLayerNetwork network() {
    return net;
  }

  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    ModelBytes.write(out, net);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    net = ModelBytes.read(in);
    if (net == null) {
      throw new java.io.InvalidObjectException("serialized NetworkModel has no network");
    }
  }
}
